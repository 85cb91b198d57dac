import Foundation

extension BuiltinRegistry {
    static func unaryMath(_ name: String, _ summary: String, _ example: String, domain: ((Double) -> Bool)? = nil,
                          _ f: @escaping (Double) -> Double) -> BuiltinFunction {
        def(name, [.required("x")], "math", summary,
            "Takes a number and returns a number." + (domain == nil ? "" : " Raises an error outside its domain."),
            example: example) { a in
            let x = try a.number(0)
            if let domain, !domain(x) { throw RuntimeError(Messages.notANumberResult(name, formatNumber(x)), parameter: 0) }
            return .number(f(x))
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
            unaryMath("tanh", "hyperbolic tangent", "tanh(0)  # 0") { Foundation.tanh($0) },
            def("log", [.required("x"), .optional("base", .none)], "math", "natural logarithm, or in a given base",
                "log(x) is the natural logarithm; log(x, base: 2) uses another base. x must be positive.",
                example: "log(8, base: 2)  # 3") { a in
                let x = try a.number(0)
                guard x > 0 else { throw RuntimeError(Messages.notANumberResult("log", formatNumber(x)), parameter: 0) }
                if case .none = a[1] { return .number(Foundation.log(x)) }
                let b = try a.number(1)
                guard b > 0, b != 1 else { throw RuntimeError(Messages.notANumberResult("log base", formatNumber(b)), parameter: 1) }
                return .number(Foundation.log(x) / Foundation.log(b))
            },
            def("round", [.required("x"), .optional("digits", .number(0))], "math", "round to a number of decimal digits",
                "Rounds half away from zero. digits may be negative to round to tens, hundreds...",
                example: "round(3.14159, digits: 2)  # 3.14") { a in
                let x = try a.number(0), d = try a.integer(1)
                guard d == 0 else {
                    let s = Foundation.pow(10, Double(d))
                    return .number((x * s).rounded() / s)
                }
                return .number(x.rounded())
            },
            def("min", [.rest("values")], "math", "smallest of some numbers or of a list",
                "min(a, b, ...) or min(list). An empty list is an error.", example: "min(3, 1, 2)  # 1") { a in
                guard let m = try numbers(a, 0).min() else { throw RuntimeError(Messages.emptyCollection("min")) }
                return .number(m)
            },
            def("max", [.rest("values")], "math", "largest of some numbers or of a list",
                "max(a, b, ...) or max(list). An empty list is an error.", example: "max([3, 1, 2])  # 3") { a in
                guard let m = try numbers(a, 0).max() else { throw RuntimeError(Messages.emptyCollection("max")) }
                return .number(m)
            },
            def("sum", [.required("values")], "math", "sum of a list of numbers",
                "Adds the numbers of a list or range; the sum of an empty list is 0.", example: "sum([1, 2, 3])  # 6") { a in
                .number(try numbers(a, 0).reduce(0, +))
            },
            def("mean", [.required("values")], "math", "arithmetic mean of a list of numbers",
                "The mean of a non-empty list of numbers.", example: "mean([1, 2, 3, 4])  # 2.5") { a in
                let xs = try numbers(a, 0)
                guard !xs.isEmpty else { throw RuntimeError(Messages.emptyCollection("mean")) }
                return .number(xs.reduce(0, +) / Double(xs.count))
            },
            def("clamp", [.required("x"), .required("low"), .required("high")], "math", "limit a number to an interval",
                "Returns low when x < low, high when x > high, else x.", example: "clamp(12, 0, 10)  # 10") { a in
                let x = try a.number(0), lo = try a.number(1), hi = try a.number(2)
                return .number(Swift.min(Swift.max(x, lo), hi))
            },
        ]
    }
}
