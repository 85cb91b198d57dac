extension BuiltinRegistry {
    /// Searching and summarising lists.
    static var search: [BuiltinFunction] {
        [
            def("any", [.required("list"), .optional("test", .none)], "lists", "whether some element is true (or passes a test)",
                "Without test the elements must be booleans; with test, test(x) must return one.",
                example: "any([1, 5], test: fn(x) => x > 3)  # true") { a in
                .bool(try a.list(0).contains { try passes(a, $0) })
            },
            def("all", [.required("list"), .optional("test", .none)], "lists", "whether every element is true (or passes a test)",
                "Without test the elements must be booleans; all of an empty list is true.",
                example: "all([true, 1 < 2])  # true") { a in
                .bool(try a.list(0).allSatisfy { try passes(a, $0) })
            },
            def("index_of", [.required("list"), .required("value")], "lists", "position of the first equal element, or none",
                "Uses deep equality.", example: "index_of([\"a\", \"b\"], \"b\")  # 1") { a in
                guard let i = try a.list(0).firstIndex(where: { valuesEqual($0, a[1]) }) else { return .none }
                return .number(Double(i))
            },
            def("argmax", [.required("values")], "math", "position of the largest number (the first, on ties)",
                "An empty list is an error.", example: "argmax([0.1, 0.7, 0.2])  # 1") { a in
                try extremeIndex(a, "argmax", >)
            },
            def("argmin", [.required("values")], "math", "position of the smallest number (the first, on ties)",
                "An empty list is an error.", example: "argmin([3, 1, 2])  # 1") { a in
                try extremeIndex(a, "argmin", <)
            },
            def("product", [.required("values")], "math", "product of a list of numbers",
                "The product of an empty list is 1.", example: "product([2, 3, 4])  # 24") { a in
                .number(try numbers(a, 0).reduce(1, *))
            },
            def("std", [.required("values")], "math", "population standard deviation of a list of numbers",
                "Divides by n (not n - 1); the list must not be empty.", example: "std([2, 4, 4, 4, 5, 5, 7, 9])  # 2") { a in
                let xs = try numbers(a, 0)
                guard !xs.isEmpty else { throw RuntimeError(Messages.emptyCollection("std")) }
                let mean = xs.reduce(0, +) / Double(xs.count)
                return .number((xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot())
            },
        ]
    }

    private static func passes(_ a: BuiltinArguments, _ x: Value) throws -> Bool {
        var r = x
        if case .none = a[1] {} else { r = try a.call(try a.callable(1), [x]) }
        guard case .bool(let b) = r else {
            throw RuntimeError(Messages.callbackResult(a.function.name, "a boolean", r.typeName), parameter: 1)
        }
        return b
    }

    private static func extremeIndex(_ a: BuiltinArguments, _ name: String, _ better: (Double, Double) -> Bool) throws -> Value {
        let xs = try numbers(a, 0)
        guard var best = xs.indices.first else { throw RuntimeError(Messages.emptyCollection(name)) }
        for i in xs.indices where better(xs[i], xs[best]) { best = i }
        return .number(Double(best))
    }
}
