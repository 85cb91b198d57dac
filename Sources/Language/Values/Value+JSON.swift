import Probes

extension Value {
    /// The value as JSON for a saved result: numbers, booleans, text, none (null), lists, ranges
    /// (lists of integers, as long as a list may be) and records. Nil for what is not data
    /// (functions, objects); inside a list such an element is null, so the indices stay.
    var json: JSONValue? {
        switch self {
        case .none: return JSONValue.null
        case .bool(let b): return .bool(b)
        case .number(let v): return .number(v)
        case .string(let s): return .string(s)
        case .list(let items): return .array(items.map { $0.json ?? .null })
        case .range(let r):
            guard r.count <= Evaluator.maxListElements else { return nil }
            return .array((0..<r.count).map { .number(Double(r.element($0))) })
        case .record(let r): return .object(r.fields.compactMap { field in field.value.json.map { (field.key, $0) } })
        case .function, .builtin, .object: return nil
        }
    }
}
