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

    /// A table; rows shorter than the header are padded with empty cells.
    public init(title: String, settings: [(key: String, value: String)], columns: [String], rows: [[ProbeCell]]) {
        self.title = title
        self.settings = settings
        self.columns = columns
        self.rows = rows.map { $0 + Array(repeating: .empty, count: max(0, columns.count - $0.count)) }
    }

    public static func == (lhs: ProbeTable, rhs: ProbeTable) -> Bool {
        lhs.title == rhs.title && lhs.columns == rhs.columns && lhs.rows == rhs.rows
            && lhs.settings.map(\.key) == rhs.settings.map(\.key) && lhs.settings.map(\.value) == rhs.settings.map(\.value)
    }

    /// The aligned text form: title, one settings line, header, rows (numbers right-aligned).
    public var text: String {
        let cells = [columns.map(ProbeCell.text)] + rows
        let rendered = cells.map { $0.map(\.display) }
        let widths = columns.indices.map { c in rendered.map { $0[c].count }.max() ?? 0 }
        var lines = [title]
        if !settings.isEmpty { lines.append(settings.map { "\($0.key): \($0.value)" }.joined(separator: ", ")) }
        for (r, row) in rendered.enumerated() {
            let padded = row.indices.map { c -> String in
                let pad = String(repeating: " ", count: widths[c] - row[c].count)
                return r > 0 && cells[r][c].isNumeric ? pad + row[c] : row[c] + pad
            }
            lines.append("  " + padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
        return lines.joined(separator: "\n")
    }

    /// CSV: a header row and one row per table row, numbers at full precision (RFC 4180 quoting).
    /// A column holding estimates gets a companion "<column> standard error" column.
    public var csv: String {
        func quote(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let withError = columns.indices.map { c in rows.contains { if case .estimate = $0[c] { return true } else { return false } } }
        var header: [String] = []
        for (c, name) in columns.enumerated() { header += withError[c] ? [name, "\(name) standard error"] : [name] }
        let body = rows.map { row -> String in
            var cells: [String] = []
            for (c, cell) in row.enumerated() {
                if case .estimate(let v, let se) = cell {
                    cells += ["\(v)", "\(se)"]
                } else {
                    cells += withError[c] ? [cell.exact, ""] : [cell.exact]
                }
            }
            return cells.map(quote).joined(separator: ",")
        }
        return ([header.map(quote).joined(separator: ",")] + body).joined(separator: "\n") + "\n"
    }

    /// JSON: `{"title", "settings": {…}, "columns": […], "rows": [{column: value}]}`, numbers as numbers.
    public var json: String {
        let settingsJSON = settings.map { "\(TextFormat.jsonString($0.key)): \(TextFormat.jsonString($0.value))" }.joined(separator: ", ")
        let rowsJSON = rows.map { row in
            "{" + zip(columns, row).map { "\(TextFormat.jsonString($0)): \($1.json)" }.joined(separator: ", ") + "}"
        }
        return "{\"title\": \(TextFormat.jsonString(title)), \"settings\": {\(settingsJSON)}, "
            + "\"columns\": [\(columns.map(TextFormat.jsonString).joined(separator: ", "))], "
            + "\"rows\": [\(rowsJSON.joined(separator: ", "))]}"
    }
}

/// One cell of a probe table.
public enum ProbeCell: Sendable, Equatable {
    /// Text, left-aligned.
    case text(String)
    /// A number, shown with 6 significant digits and exported at full precision.
    case number(Double)
    /// A share in [0, 1], shown as a percentage.
    case share(Double)
    /// A value with its standard error, shown as `v ± se`.
    case estimate(Double, standardError: Double)
    /// No value.
    case empty

    var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }

    /// Six significant digits: enough to compare with the closed forms in PROBES.md at a glance.
    var display: String {
        switch self {
        case .text(let s): return s
        case .number(let v): return ProbeCell.format(v)
        case .share(let v): return String(format: "%.1f%%", v * 100)
        case .estimate(let v, let se): return "\(ProbeCell.format(v)) ± \(ProbeCell.format(se))"
        case .empty: return ""
        }
    }

    var exact: String {
        switch self {
        case .text(let s): return s
        case .number(let v), .share(let v): return "\(v)"
        case .estimate(let v, let se): return "\(v) ± \(se)"
        case .empty: return ""
        }
    }

    var json: String {
        switch self {
        case .text(let s): return TextFormat.jsonString(s)
        case .number(let v), .share(let v): return v.isFinite ? "\(v)" : "null"
        case .estimate(let v, let se):
            return "{\"value\": \(v.isFinite ? "\(v)" : "null"), \"standard_error\": \(se.isFinite ? "\(se)" : "null")}"
        case .empty: return "null"
        }
    }

    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return String(format: "%.6g", v)
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
