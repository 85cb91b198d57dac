extension BuiltinRegistry {
    /// Searching and summarising lists.
    static var search: [BuiltinFunction] {
        [
            quantifier("any", "whether some element is true (or passes a test)",
                       "Without test the elements must be booleans; with test, test(x) must return one.",
                       example: "any([1, 5], test: fn(x) => x > 3)  # true") { list, passes in try list.contains(where: passes) },
            quantifier("all", "whether every element is true (or passes a test)",
                       "Without test the elements must be booleans; all of an empty list is true.",
                       example: "all([true, 1 < 2])  # true") { list, passes in try list.allSatisfy(passes) },
            def("index_of", "lists", "position of the first equal element, or none",
                "Uses deep equality.", example: "index_of([\"a\", \"b\"], \"b\")  # 1") { p in
                let list = p.required("list", .list), value = p.required("value", .any)
                return { a in
                    let sought = try a[value]
                    guard let i = try a[list].firstIndex(where: { valuesEqual($0, sought) }) else { return .none }
                    return .number(Double(i))
                }
            },
            extremeIndex("argmax", "position of the largest number (the first, on ties)",
                         example: "argmax([0.1, 0.7, 0.2])  # 1", largest: true, >),
            extremeIndex("argmin", "position of the smallest number (the first, on ties)",
                         example: "argmin([3, 1, 2])  # 1", largest: false, <),
            def("product", "math", "product of a list of numbers",
                "The product of an empty list is 1.", example: "product([2, 3, 4])  # 24") { p in
                let values = p.required("values", .list)
                return { a in .number(try numbers(a, values).reduce(1, *)) }
            },
            reduction("std", "population standard deviation of a list of numbers or of a tensor's elements",
                      "Divides by n (not n - 1); the list must not be empty.", example: "std([2, 4, 4, 4, 5, 5, 7, 9])  # 2", .std) { xs in
                guard !xs.isEmpty else { return nil }
                let mean = xs.reduce(0, +) / Double(xs.count)
                return (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)).squareRoot()
            },
        ]
    }

    /// any or all: `decide` applies a test to the list, the test being the element itself or
    /// test(element), which must be a boolean.
    private static func quantifier(_ name: String, _ summary: String, _ description: String, example: String,
                                   _ decide: @escaping ([Value], (Value) throws -> Bool) throws -> Bool) -> BuiltinFunction {
        def(name, "lists", summary, description, example: example) { p in
            let list = p.required("list", .list), test = p.optional("test", .function)
            return { a in
                let f = try a[test]
                return .bool(try decide(try a[list]) { x in
                    let r = try f.map { try a.call($0, [x]) } ?? x
                    guard case .bool(let b) = r else {
                        throw RuntimeError(Messages.callbackResult(name, "a boolean", r.typeName), parameter: test.index)
                    }
                    return b
                })
            }
        }
    }

    /// argmax or argmin: the position of the first number no other is `better` than; of a
    /// tensor, the position in the flattened tensor, or with axis the positions along that axis.
    private static func extremeIndex(_ name: String, _ summary: String, example: String, largest: Bool,
                                     _ better: @escaping (Double, Double) -> Bool) -> BuiltinFunction {
        def(name, "math", summary, "An empty list is an error. Of a tensor: the position in its elements in row-major order, "
                + "or with axis: the positions along that axis (-1 is the last), as nested lists shaped like the tensor "
                + "without that axis (argmax(logits, axis: 1) gives each row's class; a number when no axis is left).",
            example: example) { p in
            let values = p.required("values", .listOrTensor), axis = p.optional("axis", .integer)
            return { a in
                let items: [Value]
                switch try a[values] {
                case .tensor(let t):
                    return try withParameter(values.index) { try t.extremeIndex(largest: largest, axis: try a[axis], name: name) }
                case .items(let given): items = given
                }
                if try a[axis] != nil { throw RuntimeError(Messages.axisOfList(name), parameter: axis.index) }
                let xs = try numbers(a, of: items, parameter: values.index)
                guard var best = xs.indices.first else { throw RuntimeError(Messages.emptyCollection(name)) }
                for i in xs.indices where better(xs[i], xs[best]) { best = i }
                return .number(Double(best))
            }
        }
    }
}
