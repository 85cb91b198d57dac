/// Splits numeric CSV bytes into rows of Doubles, reporting the line of any bad field.
struct CSVParser {
    let bytes: [UInt8]
    let separator: UInt8
    let file: String

    /// A parsed file: an optional header line's fields and the numeric rows.
    struct Table {
        var header: [String]?
        var columnCount: Int
        var values: [Double]
        var rowCount: Int { columnCount == 0 ? 0 : values.count / columnCount }
    }

    /// Parses every non-blank line; the first one is a header when `header` says so.
    func parse(header: CSVOptions.Header) throws -> Table {
        var table = Table(header: nil, columnCount: 0, values: [])
        var lineNumber = 0
        var first = true
        for line in lines() {
            lineNumber += 1
            let fields = split(line)
            if fields.count == 1 && fields[0].allSatisfy(CSVParser.isSpace) { continue }
            if first {
                first = false
                table.columnCount = fields.count
                if header == .present || (header == .detect && fields.contains { number($0) == nil }) {
                    table.header = fields.map { String(decoding: $0, as: UTF8.self) }
                    continue
                }
            }
            guard fields.count == table.columnCount else {
                throw DatasetError.malformed(
                    file: file, problem: "line \(lineNumber) has \(fields.count) fields; "
                        + "the first line has \(table.columnCount)")
            }
            for (column, field) in fields.enumerated() {
                guard let value = number(field) else {
                    let text = String(decoding: field, as: UTF8.self)
                    throw DatasetError.malformed(
                        file: file, problem: "line \(lineNumber), column \(column + 1): "
                            + "'\(text)' is not a finite number")
                }
                table.values.append(value)
            }
        }
        return table
    }

    private func lines() -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
    }

    private func split(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: separator, omittingEmptySubsequences: false)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Parses one field; plain integers take a fast path, anything else goes through Double's
    /// parser (decimals, exponents). Infinities and NaN count as not numbers, and so do values
    /// beyond Float's range, since features are stored as Float.
    func number(_ field: ArraySlice<UInt8>) -> Double? {
        var start = field.startIndex, end = field.endIndex
        while start < end && CSVParser.isSpace(field[start]) { start += 1 }
        while end > start && CSVParser.isSpace(field[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var value: Int = 0
        var negative = false
        var i = start
        if field[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        // 18 digits always fit in Int64 without overflow; longer numbers take the slow path.
        if i < end, end - i <= 18, field[i..<end].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            for k in i..<end { value = value * 10 + Int(field[k] - 48) }
            return Double(negative ? -value : value)
        }
        guard let value = Double(String(decoding: field[start..<end], as: UTF8.self)),
              Float(value).isFinite else { return nil }
        return value
    }
}
