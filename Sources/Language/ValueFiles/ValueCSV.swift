import Probes

/// What `write_csv` writes: one table, from a value shaped as one.
///
/// - a list of records: a header of the first record's fields, then one row per record (every
///   record has the same fields, in any order);
/// - a list of lists: one row per list, no header;
/// - a record of equal-length lists: a header of the field names, then the lists as columns;
/// - a run, probe result or experiment result: the file its `.save("x.csv")` writes; a network:
///   its layer table;
/// - a tensor of rank 1 (one value per row) or 2 (its rows), no header.
///
/// A cell is a number (full precision; integers without a decimal point; "nan", "inf", "-inf"),
/// a string, `true`/`false`, or empty for none. Fields holding a separator, a quote, a line break
/// or `#` are quoted (RFC 4180). Anything else is refused, saying which shapes CSV takes.
enum ValueCSV {
    /// The CSV text of `value`; throws `ValueJSON.Refusal` for a value that is not one table.
    static func text(_ value: Value) throws -> String {
        switch value {
        case .object(let o as SavedResult): return o.resultFile.csv
        case .object(let o as SummarisedObject): return o.summaryTable.csv
        case .object(let t as TensorValue) where t.shape.count <= 2:
            let columns = t.shape.count == 2 ? t.shape[1] : 1, values = t.tensor.scalars
            return stride(from: 0, to: values.count, by: columns).map { start in
                line(values[start..<(start + columns)].map { Double($0).exportText })
            }.joined(separator: "\n") + "\n"
        case .list(let items): return try rows(items)
        case .record(let r): return try columns(r)
        default: throw refusal(Messages.csvShape(value.typeName))
        }
    }

    private static func refusal(_ message: String) -> ValueJSON.Refusal { ValueJSON.Refusal(message: message) }

    /// A list of records or a list of lists.
    private static func rows(_ items: [Value]) throws -> String {
        guard let first = items.first else { return "" }
        switch first {
        case .record(let head):
            let columns = head.keys
            guard !columns.isEmpty else { throw refusal(Messages.csvShape("list of records with no fields")) }
            var lines = [line(columns)]
            for (index, item) in items.enumerated() {
                guard case .record(let r) = item else { throw refusal(Messages.csvMixedRows(index, item.typeName, "record")) }
                guard r.keys.count == columns.count, columns.allSatisfy({ r[$0] != nil }) else {
                    throw refusal(Messages.csvRecordKeys(index, r.keys, columns))
                }
                lines.append(line(try columns.map { try cell(r[$0] ?? .none, row: index, column: "'\($0)'") }))
            }
            return lines.joined(separator: "\n") + "\n"
        case .list, .range:
            var lines: [String] = []
            for (index, item) in items.enumerated() {
                guard let row = elements(item) else { throw refusal(Messages.csvMixedRows(index, item.typeName, first.typeName)) }
                lines.append(line(try row.enumerated().map { try cell($1, row: index, column: "\($0)") }))
            }
            return lines.joined(separator: "\n") + "\n"
        default:
            throw refusal(Messages.csvShape("list of \(first.typeName)s"))
        }
    }

    /// A record of equal-length lists, one per column.
    private static func columns(_ r: Record) throws -> String {
        var lists: [[Value]] = []
        for (key, value) in r.fields {
            guard let list = elements(value) else { throw refusal(Messages.csvColumnNotList(key, value.typeName)) }
            if let firstCount = lists.first?.count, list.count != firstCount {
                throw refusal(Messages.csvColumnLengths(key, list.count, r.keys[0], firstCount))
            }
            lists.append(list)
        }
        guard !lists.isEmpty else { throw refusal(Messages.csvShape("record with no fields")) }
        var lines = [line(r.keys)]
        for row in 0..<lists[0].count {
            lines.append(line(try zip(r.keys, lists).map { try cell($1[row], row: row, column: "'\($0)'") }))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The elements of a list or a range; nil for anything else.
    private static func elements(_ value: Value) -> [Value]? {
        switch value {
        case .list(let items): return items
        case .range(let r): return (0..<r.count).map { .number(Double(r.element($0))) }
        default: return nil
        }
    }

    /// One cell's text, or a refusal naming the row (from 0) and the column.
    private static func cell(_ value: Value, row: Int, column: String) throws -> String {
        switch value {
        case .none: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return x.exportText
        case .string(let s): return s
        default: throw refusal(Messages.csvCell(row, column, value.typeName))
        }
    }

    private static func line(_ cells: [String]) -> String {
        cells.map(ProbeTable.csvQuoted).joined(separator: ",")
    }
}
