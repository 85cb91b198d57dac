import Probes

/// What `write_json` writes for a value. Data is written as JSON data (a record as an object in
/// field order, a range as its list of numbers, NaN and infinities as the strings "nan", "inf"
/// and "-inf"); an object that saves itself (run, probe result, experiment result) as the file
/// its `.save("x.json")` writes, so the two agree; a network as its summary; any other object
/// (dataset, schedule, optimizer, probe, layer) as its type and its members that are data. A
/// function is not data: it is refused, saying where it sits.
enum ValueJSON {
    /// Nesting deeper than this is refused rather than followed (`read_json` has the same limit).
    static let maxDepth = 1000

    /// A part of the value that cannot be written, with the message that says where.
    struct Refusal: Error {
        let message: String
    }

    /// The JSON text of `value`, ending in a newline.
    static func text(_ value: Value) throws -> String {
        try document(value, at: "", depth: 0).text + "\n"
    }

    private static func document(_ value: Value, at place: String, depth: Int) throws -> JSONValue {
        // The place of a part this deep would be a thousand indices long: the message gives none.
        guard depth <= maxDepth else { throw Refusal(message: Messages.valueTooDeep(maxDepth)) }
        switch value {
        case .none: return .null
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .list(let items):
            return .array(try items.enumerated().map { try document($1, at: ValuePlace.element(place, $0), depth: depth + 1) })
        case .range(let r):
            // A range is made at most `Evaluator.maxListElements` long, so its list fits in memory.
            return .array((0..<r.count).map { .number(Double(r.element($0))) })
        case .record(let r):
            return .object(try r.fields.map { ($0.key, try document($0.value, at: ValuePlace.field(place, $0.key), depth: depth + 1)) })
        case .function, .builtin:
            throw Refusal(message: Messages.jsonNotData(place, value.typeName))
        case .object(let o):
            return object(o)
        }
    }

    /// A domain object as JSON (see the type's comment).
    static func object(_ o: any ObjectValue) -> JSONValue {
        if let saved = o as? SavedResult { return saved.resultFile.document }
        if let summarised = o as? SummarisedObject { return summarised.summaryDocument }
        return .object([("type", .string(o.typeName))] + o.dataMembers().compactMap { m in m.value.json.map { (m.name, $0) } })
    }
}

/// An object written as a summary table rather than as all of its members (a network: its layer
/// table, not every weight).
protocol SummarisedObject: ObjectValue {
    /// The summary as JSON.
    var summaryDocument: JSONValue { get }
    /// The summary as one table, for CSV.
    var summaryTable: ProbeTable { get }
}
