import Foundation

extension ProbeTable {
    /// The aligned text form: title, one settings line, header, rows, notes. Each column of numbers lines
    /// up on the decimal point with one number of decimals; an estimate shows `value ± error` to
    /// the precision its error supports. When every estimate ends its row (a total), the `±`
    /// setting moves to those rows as "(standard error over …)"; otherwise it stays a setting.
    public var text: String {
        let parts = columns.indices.map { c in NumberColumn(rows.map { $0[c] }).parts }
        let estimates = rows.indices.flatMap { r in
            rows[r].indices.compactMap { c -> (row: Int, column: Int)? in
                if case .estimate = rows[r][c] { return (r, c) } else { return nil }
            }
        }
        let lastFilled = rows.map { row in row.lastIndex { $0 != .empty } ?? -1 }
        let notesInRows = !estimates.isEmpty && estimates.allSatisfy { $0.column == lastFilled[$0.row] }
        let errorSetting = settings.first { $0.key == "±" }
        let shownSettings = notesInRows ? settings.filter { $0.key != "±" } : settings
        let note = "(" + (errorSetting.map { Self.errorNote($0.value) } ?? "standard error") + ")"

        let layout = columns.indices.map { c in
            ColumnLayout(header: columns[c], cells: rows.map { $0[c] }, parts: parts[c],
                         overflows: rows.indices.map { lastFilled[$0] == c })
        }
        var lines = [title]
        if !shownSettings.isEmpty { lines.append(shownSettings.map { "\($0.key): \($0.value)" }.joined(separator: ", ")) }
        lines.append(Self.trimmed("  " + layout.map { $0.pad($0.header) }.joined(separator: "  ")))
        for r in rows.indices {
            var line = Self.trimmed("  " + layout.map { $0.render(row: r) }.joined(separator: "  "))
            if notesInRows && estimates.contains(where: { $0.row == r }) { line += " " + note }
            lines.append(line)
        }
        lines += notes.map { "  note: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// "one standard error over inputs" → "standard error over inputs".
    static func errorNote(_ setting: String) -> String {
        setting.hasPrefix("one ") ? String(setting.dropFirst(4)) : setting
    }

    static func trimmed(_ line: String) -> String {
        var s = line
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Widths and rendering of one column of a text table.
private struct ColumnLayout {
    let header: String
    let cells: [ProbeCell]
    let parts: [NumberParts?]
    /// Per row: whether this is the row's last filled cell, so its decimals and error may run past the column.
    let overflows: [Bool]
    let wholeWidth: Int, fractionWidth: Int, suffixWidth: Int, width: Int

    init(header: String, cells: [ProbeCell], parts: [NumberParts?], overflows: [Bool]) {
        self.header = header
        self.cells = cells
        self.parts = parts
        self.overflows = overflows
        let numbers = parts.compactMap { $0 }
        wholeWidth = numbers.map(\.whole.count).max() ?? 0
        // A row's last cell may run past the column: its decimals stay on the common point but do
        // not widen every other row (an E_Q L_D to six places under whole nats).
        // When every number ends its row (a one-value column), they all set the widths.
        let contained = parts.indices.compactMap { r in overflows[r] ? nil : parts[r] }
        fractionWidth = (contained.isEmpty ? numbers : contained).map(\.fraction.count).max() ?? 0
        suffixWidth = contained.map(\.suffix.count).max() ?? 0
        let texts = cells.map { cell -> Int in if case .text(let s) = cell { return s.count } else { return 0 } }
        width = max(header.count, texts.max() ?? 0, wholeWidth + fractionWidth + suffixWidth)
    }

    /// Left-aligned text padded to the column's width.
    func pad(_ s: String) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    /// Row `r`'s cell: text left-aligned; a number right-aligned with its point under the others'.
    func render(row r: Int) -> String {
        guard let number = parts[r] else {
            if case .text(let s) = cells[r] { return pad(s) }
            return pad("")
        }
        let lead = String(repeating: " ", count: width - wholeWidth - fractionWidth - suffixWidth)
        let core = String(repeating: " ", count: wholeWidth - number.whole.count) + number.whole
            + number.fraction + String(repeating: " ", count: max(0, fractionWidth - number.fraction.count))
        if overflows[r] { return lead + core + number.suffix }
        return lead + core + number.suffix + String(repeating: " ", count: suffixWidth - number.suffix.count)
    }
}
