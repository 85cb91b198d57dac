import Foundation

extension BuiltinRegistry {
    static var randomness: [BuiltinFunction] {
        [
            def("random", [], "random", "a uniform random number in [0, 1)",
                "Seeded by --seed (default 0), so runs repeat exactly.", example: "random() < 1  # true") { a in
                .number(a.evaluator.random.uniform())
            },
            def("random_int", [.required("low"), .required("high")], "random", "a uniform random integer from low up to (not including) high",
                "high must be greater than low.", example: "random_int(0, 1)  # 0") { a in
                let lo = try a.integer(0), hi = try a.integer(1)
                guard hi > lo else { throw a.fail(1, expected: "an integer greater than low") }
                return .number(Double(lo) + Double(a.evaluator.random.below(UInt64(hi - lo))))
            },
            def("normal", [.optional("mean", .number(0)), .optional("std", .number(1))], "random",
                "a normally distributed random number", "Box-Muller transform of two uniforms; std must not be negative.",
                example: "type_of(normal(mean: 5, std: 2))  # \"number\"") { a in
                let mean = try a.number(0), std = try a.number(1)
                guard std >= 0 else { throw a.fail(1, expected: "a non-negative number") }
                let u1 = 1 - a.evaluator.random.uniform(), u2 = a.evaluator.random.uniform()
                return .number(mean + std * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
            },
            def("shuffle", [.required("list")], "random", "a copy of a list in random order",
                "Fisher-Yates shuffle from the seeded generator.", example: "len(shuffle([1, 2, 3]))  # 3") { a in
                var items = try a.list(0)
                for i in stride(from: items.count - 1, to: 0, by: -1) {
                    items.swapAt(i, Int(a.evaluator.random.below(UInt64(i + 1))))
                }
                return .list(items)
            },
        ]
    }
}
