extension BuiltinRegistry {
    static var collections: [BuiltinFunction] {
        [
            def("len", "lists", "number of elements of a list, string, record or range",
                "Counts list elements, string characters, record fields or range elements.", example: "len([1, 2, 3])  # 3") { p in
                let count = p.required("x", .length)
                return { a in .number(Double(try a[count])) }
            },
            def("range", "lists", "list of numbers from start up to (not including) stop",
                "range(n) is [0, 1, ..., n-1]; range(a, b) starts at a; step may be negative but not 0.",
                example: "range(1, 10, step: 3)  # [1, 4, 7]") { p in
                let start = p.required("start", .number), stop = p.optional("stop", .number)
                let step = p.optional("step", ArgumentKind<Double>.finite.constrained("a finite number other than 0") { $0 != 0 },
                                      default: .number(1))
                return { a in
                    // range(n) counts from 0 to n; range(a, b) from a to b.
                    var lo = 0.0, hi = try a[start]
                    if let end = try a[stop] { lo = hi; hi = end }
                    let by = try a[step]
                    guard lo.isFinite, hi.isFinite else { throw RuntimeError(Messages.rangeBound(formatNumber(lo.isFinite ? hi : lo))) }
                    let count = Swift.max(0, ((hi - lo) / by).rounded(.up))
                    guard count <= Double(Evaluator.maxListElements) else { throw RuntimeError(Messages.rangeTooLarge(formatNumber(count))) }
                    return .list((0..<Int(count)).map { .number(lo + Double($0) * by) })
                }
            },
            def("append", "lists", "a new list with one more element at the end",
                "Lists are values: append returns a new list and leaves its argument unchanged.",
                example: "append([1, 2], 3)  # [1, 2, 3]") { p in
                let list = p.required("list", .list), value = p.required("value", .any)
                return { a in
                    let result = Value.list(try a[list] + [try a[value]])
                    try a.evaluator.checkSize(result)
                    return result
                }
            },
            def("concat", "lists", "join lists (or strings) end to end",
                "concat(a, b, ...) of lists gives one list; of strings gives one string.",
                example: "concat([1], [2, 3])  # [1, 2, 3]") { p in
                let parts = p.rest("parts")
                return { a in
                    let given = try a[parts]
                    if given.allSatisfy({ if case .string = $0 { return true }; return false }) {
                        let joined = Value.string(given.map(\.text).joined())
                        try a.evaluator.checkSize(joined)
                        return joined
                    }
                    var out: [Value] = []
                    for part in given {
                        guard case .list(let l) = part else {
                            throw RuntimeError(Messages.argumentType("concat", "parts", "lists or strings", part.typeName), parameter: parts.index)
                        }
                        out += l
                        try a.evaluator.checkSize(.list(out))
                    }
                    return .list(out)
                }
            },
            def("reverse", "lists", "a list or string in reverse order", "Returns a new list or string.",
                example: "reverse([1, 2, 3])  # [3, 2, 1]") { p in
                let x = p.required("x", .listOrText)
                return { a in
                    switch try a[x] {
                    case .text(let s): return .string(String(s.reversed()))
                    case .items(let items): return .list(items.reversed())
                    }
                }
            },
            def("slice", "lists", "the elements from start up to (not including) end",
                "Negative positions count from the end; positions are clamped to the bounds.",
                example: "slice([1, 2, 3, 4], 1, -1)  # [2, 3]") { p in
                let x = p.required("x", .listOrText), start = p.required("start", .integer), end = p.optional("end", .integer)
                return { a in
                    let elements: [Value], isString: Bool
                    switch try a[x] {
                    case .text(let s): elements = s.map { .string(String($0)) }; isString = true
                    case .items(let items): elements = items; isString = false
                    }
                    let n = elements.count
                    func clampIndex(_ i: Int) -> Int { Swift.min(n, Swift.max(0, i < 0 ? n + i : i)) }
                    let lo = clampIndex(try a[start]), hi = try a[end].map(clampIndex) ?? n
                    let part = lo < hi ? Array(elements[lo..<hi]) : []
                    return isString ? .string(part.map(\.text).joined()) : .list(part)
                }
            },
            def("contains", "lists", "whether a list holds a value, a string a substring, or a record a field",
                "Uses deep equality for lists.", example: "contains([1, 2], 2)  # true") { p in
                let collection = p.required("collection", .searched), value = p.required("value", .any)
                return { a in
                    let sought = try a[value]
                    switch try a[collection] {
                    case .listOrText(.items(let items)): return .bool(items.contains { valuesEqual($0, sought) })
                    case .listOrText(.text(let s)):
                        guard case .string(let part) = sought else { throw a.fail(value, expected: "a string") }
                        return .bool(s.contains(part))
                    case .record(let r):
                        guard case .string(let field) = sought else { throw a.fail(value, expected: "a string") }
                        return .bool(r[field] != nil)
                    }
                }
            },
            def("keys", "records", "the field names of a record, in order", "Returns a list of strings.",
                example: "keys({a: 1, b: 2})  # [\"a\", \"b\"]") { p in
                let record = p.required("record", .record)
                return { a in .list(try a[record].keys.map { .string($0) }) }
            },
            def("values", "records", "the field values of a record, in order", "Returns a list.",
                example: "values({a: 1, b: 2})  # [1, 2]") { p in
                let record = p.required("record", .record)
                return { a in .list(try a[record].fields.map(\.value)) }
            },
            def("zip", "lists", "pairs of elements as two-element lists",
                "Stops at the shorter list.", example: "zip([1, 2], [\"a\", \"b\"])  # [[1, \"a\"], [2, \"b\"]]") { p in
                let first = p.required("a", .list), second = p.required("b", .list)
                return { a in .list(zip(try a[first], try a[second]).map { .list([$0, $1]) }) }
            },
            def("enumerate", "lists", "pairs [index, element] for each element",
                "Indices start at 0.", example: "enumerate([\"a\", \"b\"])  # [[0, \"a\"], [1, \"b\"]]") { p in
                let list = p.required("list", .list)
                return { a in .list(try a[list].enumerated().map { .list([.number(Double($0.offset)), $0.element]) }) }
            },
        ]
    }
}

/// What reverse and slice take apart: a string's characters or a list's (or range's) elements.
enum ListOrText {
    case text(String)
    case items([Value])
}

/// What contains searches: a string or list, or a record's field names.
enum Searched {
    case listOrText(ListOrText)
    case record(Record)
}

extension ArgumentKind where T == Int {
    /// The size of a list, string, record or range, as len counts it (a range is not expanded).
    static var length: ArgumentKind<Int> {
        .plain("a list, string, record or range") { value in
            switch value {
            case .list(let l): return l.count
            case .string(let s): return s.count
            case .record(let r): return r.keys.count
            case .range(let r): return r.count
            default: return nil
            }
        }
    }
}

extension ArgumentKind where T == Record {
    /// A record.
    static var record: ArgumentKind<Record> {
        .plain("a record") { if case .record(let r) = $0 { return r } else { return nil } }
    }
}

extension ArgumentKind where T == ListOrText {
    /// A string, or a list (a range read as its elements).
    static var listOrText: ArgumentKind<ListOrText> {
        let list = ArgumentKind<[Value]>.list
        return ArgumentKind("a list or string", literal: { value in
            if case .string(let s) = value { return .text(s) }
            return list.readLiteral?(value).map(ListOrText.items)
        }) { value, a in
            if case .string(let s) = value { return .text(s) }
            return try list.read(value, a).map(ListOrText.items)
        }
    }
}

extension ArgumentKind where T == Searched {
    /// A string, a list (a range read as its elements) or a record.
    static var searched: ArgumentKind<Searched> {
        let listOrText = ArgumentKind<ListOrText>.listOrText
        return ArgumentKind("a list, string or record", literal: { value in
            listOrText.readLiteral?(value).map(Searched.listOrText)
        }) { value, a in
            if case .record(let r) = value { return .record(r) }
            return try listOrText.read(value, a).map(Searched.listOrText)
        }
    }
}
