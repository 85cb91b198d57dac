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
            extremum("min", "smallest of some numbers, of a list or of a tensor", "min(3, 1, 2)  # 1", .min) { $0.min() },
            extremum("max", "largest of some numbers, of a list or of a tensor", "max([3, 1, 2])  # 3", .max) { $0.max() },
            reduction("sum", "sum of a list of numbers or of a tensor's elements",
                      "Adds the numbers of a list or range; the sum of an empty list is 0.", example: "sum([1, 2, 3])  # 6", .sum) { xs in
                xs.reduce(0, +)
            },
            reduction("mean", "arithmetic mean of a list of numbers or of a tensor's elements",
                      "The mean of a non-empty list of numbers.", example: "mean([1, 2, 3, 4])  # 2.5", .mean) { xs in
                xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count)
            },
            def("clamp", "math", "limit a number to an interval",
                "Returns low when x < low, high when x > high, else x.", example: "clamp(12, 0, 10)  # 10") { p in
                let x = p.required("x", .number), low = p.required("low", .number), high = p.required("high", .number)
                return { a in .number(Swift.min(Swift.max(try a[x], try a[low]), try a[high])) }
            },
        ]
    }

    /// min or max: of the numbers given one by one (`min(3, 1)`), of one list (`min([3, 1])`), or
    /// of one tensor's elements (along `axis`).
    private static func extremum(_ name: String, _ summary: String, _ example: String, _ onTensor: TensorReduction,
                                 _ pick: @escaping ([Double]) -> Double?) -> BuiltinFunction {
        def(name, "math", summary, "\(name)(a, b, ...) or \(name)(list). An empty list is an error. " + tensorReduction,
            example: example) { p in
            let values = p.rest("values"), axis = p.optional("axis", .integer)
            return { a in
                let given = try a[values]
                if given.count == 1, case .object(let t as TensorValue) = given[0] {
                    return try withParameter(values.index) { try t.reduced(onTensor, axis: try a[axis], name: name) }
                }
                if try a[axis] != nil { throw RuntimeError(Messages.axisOfList(name), parameter: axis.index) }
                guard let m = pick(try numbers(a, values)) else { throw RuntimeError(Messages.emptyCollection(name)) }
                return .number(m)
            }
        }
    }

    /// What the reductions say of tensors in their help.
    static let tensorReduction = "Of a tensor: over all its elements (a number), or with axis: along that axis (-1 is the "
        + "last), giving a tensor without it (a number when none is left)."

    /// A reduction of a list's numbers (`summarise`, nil for an empty list it refuses) or of a
    /// tensor's elements (along `axis`).
    static func reduction(_ name: String, _ summary: String, _ description: String, example: String, _ onTensor: TensorReduction,
                          _ summarise: @escaping ([Double]) -> Double?) -> BuiltinFunction {
        def(name, "math", summary, description + " " + tensorReduction, example: example) { p in
            let values = p.required("values", .listOrTensor), axis = p.optional("axis", .integer)
            return { a in
                switch try a[values] {
                case .tensor(let t):
                    return try withParameter(values.index) { try t.reduced(onTensor, axis: try a[axis], name: name) }
                case .items(let items):
                    if try a[axis] != nil { throw RuntimeError(Messages.axisOfList(name), parameter: axis.index) }
                    guard let result = summarise(try numbers(a, of: items, parameter: values.index)) else {
                        throw RuntimeError(Messages.emptyCollection(name))
                    }
                    return .number(result)
                }
            }
        }
    }

    /// Runs `body`, pointing an error it raises without a place at argument `index`.
    static func withParameter<T>(_ index: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var e as RuntimeError {
            if e.parameterIndex == nil, e.range == nil { e.parameterIndex = index }
            throw e
        }
    }
}
