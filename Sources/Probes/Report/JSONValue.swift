import Learning

/// A JSON document built in memory. Objects keep their keys in order, so a saved result lists
/// its settings and members in the order the printed table shows them.
package enum JSONValue {
    case null
    case bool(Bool)
    /// Written at full precision. JSON has no NaN or infinity: those are written as the strings
    /// "nan", "inf" and "-inf", as CSV files spell them, so no number is lost (null would merge
    /// them with empty cells; Python's `float(s)` reads the strings back).
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// The document as compact JSON text.
    package var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let v): return v.isFinite ? v.exportText : TextFormat.jsonString(v.exportText)
        case .string(let s): return TextFormat.jsonString(s)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.map { TextFormat.jsonString($0.key) + ": " + $0.value.text }.joined(separator: ", ") + "}"
        }
    }

    /// A table setting with its type: tables hold settings as the text they print, so a setting
    /// that is just a number ("0", "1.0") or a boolean becomes one again; anything with words in
    /// it ("0.01 (mean-loss convention)") stays text.
    package static func setting(_ text: String) -> JSONValue {
        if text == "true" || text == "false" { return .bool(text == "true") }
        // Double(_:) also reads "nan", "inf" and hexadecimal: only plain decimal notation counts.
        let decimal = !text.isEmpty && text.allSatisfy { "0123456789.-+eE".contains($0) } && text.first != "e" && text.first != "E"
        if decimal, let v = Double(text), v.isFinite { return .number(v) }
        return .string(text)
    }
}

extension Double {
    /// The number at full precision, as files write it: integers without a decimal point ("3",
    /// not "3.0") so that counts read back as integers; others in Swift's shortest round-trip form.
    package var exportText: String {
        // A NaN with its sign bit set would print as "-nan", which no reader takes.
        if isNaN { return "nan" }
        // Beyond 2^53 not every integer is a Double: such magnitudes keep the exponent form.
        if isFinite, self == rounded(), abs(self) < 9_007_199_254_740_992 { return String(Int64(self)) }
        return "\(self)"
    }
}
