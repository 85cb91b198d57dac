import Foundation
import Learning

/// A probe result laid out for people and programs: a title, the settings it was computed with,
/// and rows of cells; renders as an aligned text table, CSV and JSON.
public struct ProbeTable: Sendable, Equatable {
    /// One line saying what was computed, e.g. "Fisher information, trace — true Fisher …".
    public var title: String
    /// Settings and conventions as ordered key/value pairs (estimator, samples, seed, β, unit).
    public var settings: [(key: String, value: String)]
    /// Column headers.
    public var columns: [String]
    /// Rows of cells, each as long as `columns`.
    public var rows: [[ProbeCell]]
    /// What a reader must know to trust the numbers: an assumption the run found broken (an
    /// unconverged optimiser, a vacuous bound), one sentence each, printed under the rows.
    public var notes: [String]

    /// A table; rows shorter than the header are padded with empty cells.
    public init(title: String, settings: [(key: String, value: String)], columns: [String], rows: [[ProbeCell]],
                notes: [String] = []) {
        self.title = title
        self.settings = settings
        self.columns = columns
        self.rows = rows.map { $0 + Array(repeating: .empty, count: max(0, columns.count - $0.count)) }
        self.notes = notes
    }

    public static func == (lhs: ProbeTable, rhs: ProbeTable) -> Bool {
        lhs.title == rhs.title && lhs.columns == rhs.columns && lhs.rows == rhs.rows && lhs.notes == rhs.notes
            && lhs.settings.map(\.key) == rhs.settings.map(\.key) && lhs.settings.map(\.value) == rhs.settings.map(\.value)
    }

    /// CSV: a header row and one row per table row, numbers at full precision (integers without
    /// a decimal point), RFC 4180 quoting. A column holding estimates gets a companion
    /// "<column> standard error" column.
    public var csv: String {
        let withError = columns.indices.map { c in rows.contains { if case .estimate = $0[c] { return true } else { return false } } }
        var header: [String] = []
        for (c, name) in columns.enumerated() { header += withError[c] ? [name, "\(name) standard error"] : [name] }
        let body = rows.map { row -> String in
            var cells: [String] = []
            for (c, cell) in row.enumerated() {
                if case .estimate(let v, let se) = cell {
                    cells += [v.exportText, se.exportText]
                } else {
                    cells += withError[c] ? [cell.exact, ""] : [cell.exact]
                }
            }
            return cells.map(Self.csvQuoted).joined(separator: ",")
        }
        return ([header.map(Self.csvQuoted).joined(separator: ",")] + body).joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a separator, a quote, a line break or `#` (so that a
    /// reader skipping `#` comment lines never cuts a field).
    package static func csvQuoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "#" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// JSON: `{"title", "settings": {…}, "columns": […], "rows": [{column: value}]}`, numbers as
    /// numbers, settings typed (see `JSONValue.setting`).
    public var json: String { JSONValue.object(jsonFields).text }

    /// The fields of `json`, for files that add their own after them.
    package var jsonFields: [(key: String, value: JSONValue)] {
        [("title", .string(title)),
         ("settings", .object(settings.map { ($0.key, JSONValue.setting($0.value)) })),
         ("columns", .array(columns.map(JSONValue.string))),
         ("rows", .array(rows.map { row in .object(zip(columns, row).map { ($0, $1.json) }) })),
         ("notes", .array(notes.map(JSONValue.string)))]
    }
}

/// One cell of a probe table.
public enum ProbeCell: Sendable, Equatable {
    /// Text, left-aligned.
    case text(String)
    /// A number, shown rounded with its column (see `NumberColumn`) and exported at full precision.
    case number(Double)
    /// A share in [0, 1], shown as a percentage.
    case share(Double)
    /// A value with its standard error, shown as `v ± se` to the precision the error supports.
    case estimate(Double, standardError: Double)
    /// No value.
    case empty

    var exact: String {
        switch self {
        case .text(let s): return s
        case .number(let v), .share(let v): return v.exportText
        case .estimate(let v, let se): return "\(v.exportText) ± \(se.exportText)"
        case .empty: return ""
        }
    }

    var json: JSONValue {
        switch self {
        case .text(let s): return .string(s)
        case .number(let v), .share(let v): return .number(v)
        case .estimate(let v, let se): return .object([("value", .number(v)), ("standard_error", .number(se))])
        case .empty: return .null
        }
    }
}

/// A probe result that can lay itself out as a `ProbeTable`.
public protocol ProbeResult {
    /// The result as a table (title, settings, rows).
    var table: ProbeTable { get }
}

extension ProbeResult {
    /// The aligned text table.
    public var text: String { table.text }
    /// The CSV export.
    public var csv: String { table.csv }
    /// The JSON export.
    public var json: String { table.json }
}
