import Foundation
import Learning

extension BuiltinRegistry {
    static func unaryMath(_ name: String, _ summary: String, _ example: String, domain: ((Double) -> Bool)? = nil,
                          _ f: @escaping (Double) -> Double) -> BuiltinFunction {
        def(name, "math", summary,
            "Takes a number and returns a number." + (domain == nil ? "" : " Raises an error outside its domain."),
            example: example) { p in
            let x = p.required("x", .number)
            return { a in
                let value = try a[x]
                // Outside the domain the result is undefined, not a wrong argument type: its own message.
                if let domain, !domain(value) { throw RuntimeError(Messages.notANumberResult(name, formatNumber(value)), parameter: x.index) }
                return .number(f(value))
            }
        }
    }

    static var math: [BuiltinFunction] {
        [
            unaryMath("abs", "absolute value", "abs(-3)  # 3") { Swift.abs($0) },
            unaryMath("sqrt", "square root", "sqrt(16)  # 4", domain: { $0 >= 0 }) { $0.squareRoot() },
            unaryMath("exp", "e raised to x", "exp(0)  # 1") { Foundation.exp($0) },
            unaryMath("floor", "largest integer not above x", "floor(2.7)  # 2") { $0.rounded(.down) },
            unaryMath("ceil", "smallest integer not below x", "ceil(2.1)  # 3") { $0.rounded(.up) },
            unaryMath("sin", "sine (radians)", "sin(0)  # 0") { Foundation.sin($0) },
            unaryMath("cos", "cosine (radians)", "cos(0)  # 1") { Foundation.cos($0) },
            def("tanh", "math", "hyperbolic tangent; without x, the tanh layer",
                "tanh(x) takes a number and returns a number. Written without an argument (as a layer in a "
                    + "network declaration) it is the tanh activation layer.",
                example: "tanh(0)  # 0") { p in
                let x = p.optional("x", .number)
                return { a in
                    guard let value = try a[x] else { return .object(LayerValue(Layers.tanh())) }
                    return .number(Foundation.tanh(value))
                }
            },
            def("log", "math", "natural logarithm, or in a given base",
                "log(x) is the natural logarithm; log(x, base: 2) uses another base. x must be positive.",
                example: "log(8, base: 2)  # 3") { p in
                let x = p.required("x", .number), base = p.optional("base", .number)
                return { a in
                    let value = try a[x]
                    guard value > 0 else { throw RuntimeError(Messages.notANumberResult("log", formatNumber(value)), parameter: x.index) }
                    guard let b = try a[base] else { return .number(Foundation.log(value)) }
                    guard b > 0, b != 1 else { throw RuntimeError(Messages.notANumberResult("log base", formatNumber(b)), parameter: base.index) }
                    return .number(Foundation.log(value) / Foundation.log(b))
                }
            },
            def("round", "math", "round to a number of decimal digits",
                "Rounds half away from zero. digits may be negative to round to tens, hundreds...",
                example: "round(3.14159, digits: 2)  # 3.14") { p in
                let x = p.required("x", .number), digits = p.optional("digits", .integer, default: .number(0))
                return { a in
                    let value = try a[x], d = try a[digits]
                    guard d == 0 else {
                        let s = Foundation.pow(10, Double(d))
                        return .number((value * s).rounded() / s)
                    }
                    return .number(value.rounded())
                }
            },
            extremum("min", "smallest of some numbers or of a list", "min(3, 1, 2)  # 1") { $0.min() },
            extremum("max", "largest of some numbers or of a list", "max([3, 1, 2])  # 3") { $0.max() },
            def("sum", "math", "sum of a list of numbers",
                "Adds the numbers of a list or range; the sum of an empty list is 0.", example: "sum([1, 2, 3])  # 6") { p in
                let values = p.required("values", .list)
                return { a in .number(try numbers(a, values).reduce(0, +)) }
            },
            def("mean", "math", "arithmetic mean of a list of numbers",
                "The mean of a non-empty list of numbers.", example: "mean([1, 2, 3, 4])  # 2.5") { p in
                let values = p.required("values", .list)
                return { a in
                    let xs = try numbers(a, values)
                    guard !xs.isEmpty else { throw RuntimeError(Messages.emptyCollection("mean")) }
                    return .number(xs.reduce(0, +) / Double(xs.count))
                }
            },
            def("clamp", "math", "limit a number to an interval",
                "Returns low when x < low, high when x > high, else x.", example: "clamp(12, 0, 10)  # 10") { p in
                let x = p.required("x", .number), low = p.required("low", .number), high = p.required("high", .number)
                return { a in .number(Swift.min(Swift.max(try a[x], try a[low]), try a[high])) }
            },
        ]
    }

    /// min or max: of the numbers given one by one (`min(3, 1)`) or of one list (`min([3, 1])`).
    private static func extremum(_ name: String, _ summary: String, _ example: String,
                                 _ pick: @escaping ([Double]) -> Double?) -> BuiltinFunction {
        def(name, "math", summary, "\(name)(a, b, ...) or \(name)(list). An empty list is an error.", example: example) { p in
            let values = p.rest("values")
            return { a in
                guard let m = pick(try numbers(a, values)) else { throw RuntimeError(Messages.emptyCollection(name)) }
                return .number(m)
            }
        }
    }
}
