extension BuiltinRegistry {
    static var collections: [BuiltinFunction] {
        [
            def("len", [.required("x")], "lists", "number of elements of a list, string, record or range",
                "Counts list elements, string characters, record fields or range elements.", example: "len([1, 2, 3])  # 3") { a in
                switch a[0] {
                case .list(let l): return .number(Double(l.count))
                case .string(let s): return .number(Double(s.count))
                case .record(let r): return .number(Double(r.keys.count))
                case .range(let r): return .number(Double(r.count))
                default: throw a.fail(0, expected: "a list, string, record or range")
                }
            },
            def("range", [.required("start"), .optional("stop", .none), .optional("step", .number(1))], "lists",
                "list of numbers from start up to (not including) stop",
                "range(n) is [0, 1, ..., n-1]; range(a, b) starts at a; step may be negative but not 0.",
                example: "range(1, 10, step: 3)  # [1, 4, 7]") { a in
                var lo = 0.0, hi = try a.number(0)
                if case .none = a[1] {} else { lo = hi; hi = try a.number(1) }
                let step = try a.number(2)
                guard step != 0, step.isFinite else { throw RuntimeError(Messages.notANumberResult("range step", formatNumber(step)), parameter: 2) }
                guard lo.isFinite, hi.isFinite else { throw RuntimeError(Messages.rangeBound(formatNumber(lo.isFinite ? hi : lo))) }
                let count = Swift.max(0, ((hi - lo) / step).rounded(.up))
                guard count <= Double(Evaluator.maxListElements) else { throw RuntimeError(Messages.rangeTooLarge(formatNumber(count))) }
                return .list((0..<Int(count)).map { .number(lo + Double($0) * step) })
            },
            def("append", [.required("list"), .required("value")], "lists", "a new list with one more element at the end",
                "Lists are values: append returns a new list and leaves its argument unchanged.",
                example: "append([1, 2], 3)  # [1, 2, 3]") { a in
                let result = Value.list(try a.list(0) + [a[1]])
                try a.evaluator.checkSize(result)
                return result
            },
            def("concat", [.rest("parts")], "lists", "join lists (or strings) end to end",
                "concat(a, b, ...) of lists gives one list; of strings gives one string.",
                example: "concat([1], [2, 3])  # [1, 2, 3]") { a in
                let parts = try a.list(0)
                if parts.allSatisfy({ if case .string = $0 { return true }; return false }) {
                    let joined = Value.string(parts.map(\.text).joined())
                    try a.evaluator.checkSize(joined)
                    return joined
                }
                var out: [Value] = []
                for p in parts {
                    guard case .list(let l) = p else { throw RuntimeError(Messages.argumentType("concat", "parts", "lists or strings", p.typeName), parameter: 0) }
                    out += l
                    try a.evaluator.checkSize(.list(out))
                }
                return .list(out)
            },
            def("reverse", [.required("x")], "lists", "a list or string in reverse order", "Returns a new list or string.",
                example: "reverse([1, 2, 3])  # [3, 2, 1]") { a in
                if case .string(let s) = a[0] { return .string(String(s.reversed())) }
                return .list(try a.list(0).reversed())
            },
            def("slice", [.required("x"), .required("start"), .optional("end", .none)], "lists",
                "the elements from start up to (not including) end",
                "Negative positions count from the end; positions are clamped to the bounds.",
                example: "slice([1, 2, 3, 4], 1, -1)  # [2, 3]") { a in
                var chars: [Value]
                var isString = false
                if case .string(let s) = a[0] { chars = s.map { .string(String($0)) }; isString = true } else { chars = try a.list(0) }
                let n = chars.count
                func clampIndex(_ i: Int) -> Int { Swift.min(n, Swift.max(0, i < 0 ? n + i : i)) }
                let lo = clampIndex(try a.integer(1))
                var hi = n
                if case .none = a[2] {} else { hi = clampIndex(try a.integer(2)) }
                let part = lo < hi ? Array(chars[lo..<hi]) : []
                return isString ? .string(part.map(\.text).joined()) : .list(part)
            },
            def("contains", [.required("collection"), .required("value")], "lists",
                "whether a list holds a value, a string a substring, or a record a field",
                "Uses deep equality for lists.", example: "contains([1, 2], 2)  # true") { a in
                switch a[0] {
                case .string(let s): return .bool(s.contains(try a.string(1)))
                case .record(let r): return .bool(r[try a.string(1)] != nil)
                default: return .bool(try a.list(0).contains { valuesEqual($0, a[1]) })
                }
            },
            def("keys", [.required("record")], "records", "the field names of a record, in order", "Returns a list of strings.",
                example: "keys({a: 1, b: 2})  # [\"a\", \"b\"]") { a in
                guard case .record(let r) = a[0] else { throw a.fail(0, expected: "a record") }
                return .list(r.keys.map { .string($0) })
            },
            def("values", [.required("record")], "records", "the field values of a record, in order", "Returns a list.",
                example: "values({a: 1, b: 2})  # [1, 2]") { a in
                guard case .record(let r) = a[0] else { throw a.fail(0, expected: "a record") }
                return .list(r.fields.map(\.value))
            },
            def("zip", [.required("a"), .required("b")], "lists", "pairs of elements as two-element lists",
                "Stops at the shorter list.", example: "zip([1, 2], [\"a\", \"b\"])  # [[1, \"a\"], [2, \"b\"]]") { a in
                .list(zip(try a.list(0), try a.list(1)).map { .list([$0, $1]) })
            },
            def("enumerate", [.required("list")], "lists", "pairs [index, element] for each element",
                "Indices start at 0.", example: "enumerate([\"a\", \"b\"])  # [[0, \"a\"], [1, \"b\"]]") { a in
                .list(try a.list(0).enumerated().map { .list([.number(Double($0.offset)), $0.element]) })
            },
        ]
    }
}
