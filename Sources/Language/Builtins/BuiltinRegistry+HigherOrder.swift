extension BuiltinRegistry {
    static var higherOrder: [BuiltinFunction] {
        [
            def("map", "lists", "apply a function to every element",
                "Returns the list of f(x) for each x.", example: "map([1, 2, 3], fn(x) => x * 2)  # [2, 4, 6]") { p in
                let list = p.required("list", .list), f = p.required("f", .function)
                return { a in
                    let function = try a[f]
                    return .list(try a[list].map { try a.call(function, [$0]) })
                }
            },
            def("filter", "lists", "the elements for which a function returns true",
                "keep must return a boolean for each element.", example: "filter([1, 2, 3, 4], fn(x) => x % 2 == 0)  # [2, 4]") { p in
                let list = p.required("list", .list), keep = p.required("keep", .function)
                return { a in
                    let function = try a[keep]
                    return .list(try a[list].filter { x in
                        let r = try a.call(function, [x])
                        guard case .bool(let b) = r else { throw RuntimeError(Messages.callbackResult("filter", "a boolean", r.typeName), parameter: keep.index) }
                        return b
                    })
                }
            },
            def("reduce", "lists", "fold a list into one value", "Computes f(...f(f(initial, x0), x1)..., xn).",
                example: "reduce([1, 2, 3], fn(acc, x) => acc + x, 0)  # 6") { p in
                let list = p.required("list", .list), f = p.required("f", .function), initial = p.required("initial", .any)
                return { a in
                    let function = try a[f]
                    return try a[list].reduce(try a[initial]) { try a.call(function, [$0, $1]) }
                }
            },
            def("sort", "lists", "a sorted copy of a list of numbers or strings",
                "With key, sorts by key(x). The sort is stable. Mixed types are an error.",
                example: "sort([3, 1, 2], reverse: true)  # [3, 2, 1]") { p in
                let list = p.required("list", .list), key = p.optional("key", .function)
                let reverse = p.optional("reverse", .bool, default: .bool(false))
                return { a in
                    let items = try a[list]
                    var keys = items
                    if let f = try a[key] { keys = try items.map { try a.call(f, [$0]) } }
                    let descending = try a[reverse]
                    var order = Array(items.indices)
                    var failure: RuntimeError?
                    try stableSort(&order) { i, j in
                        guard let less = orderedBefore(keys[i], keys[j]) else {
                            failure = RuntimeError(Messages.notComparable(keys[i].typeName, keys[j].typeName), parameter: list.index)
                            throw failure ?? RuntimeError(Messages.notComparable("", ""))
                        }
                        return descending ? orderedBefore(keys[j], keys[i]) ?? false : less
                    }
                    return .list(order.map { items[$0] })
                }
            },
        ]
    }

    /// Numbers before numbers and strings before strings; nil for anything else.
    static func orderedBefore(_ x: Value, _ y: Value) -> Bool? {
        switch (x, y) {
        case (.number(let p), .number(let q)): return p < q
        case (.string(let p), .string(let q)): return p < q
        default: return nil
        }
    }

    /// Merge sort: stable by construction, and it lets the comparison throw.
    static func stableSort(_ a: inout [Int], by less: (Int, Int) throws -> Bool) throws {
        guard a.count > 1 else { return }
        var buffer = a
        var width = 1
        while width < a.count {
            var start = 0
            while start < a.count {
                let mid = Swift.min(start + width, a.count), end = Swift.min(start + 2 * width, a.count)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if try less(a[j], a[i]) { buffer[k] = a[j]; j += 1 } else { buffer[k] = a[i]; i += 1 }
                    k += 1
                }
                while i < mid { buffer[k] = a[i]; i += 1; k += 1 }
                while j < end { buffer[k] = a[j]; j += 1; k += 1 }
                start = end
            }
            swap(&a, &buffer)
            width *= 2
        }
    }
}
