extension ProbeTable {
    /// The table as HTML, for front ends that render it (a notebook): the title as the caption,
    /// the settings and notes as lines under it, numbers rounded as in the text form and
    /// right-aligned. Every piece of text is escaped.
    public var html: String {
        let columnParts = columns.indices.map { c in NumberColumn(rows.map { $0[c] }).parts }
        var out = "<table class=\"infoscope\">\n<caption>\(Self.escaped(title))</caption>\n<thead><tr>"
        out += columns.map { "<th>\(Self.escaped($0))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for (r, row) in rows.enumerated() {
            out += "<tr>"
            for (c, cell) in row.enumerated() {
                if let number = columnParts[c][r] {
                    out += "<td style=\"text-align: right\">\(Self.escaped(number.text))</td>"
                } else if case .text(let text) = cell {
                    out += "<td style=\"text-align: left\">\(Self.escaped(text))</td>"
                } else {
                    out += "<td></td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        let remarks = (settings.isEmpty ? [] : [settings.map { "\($0.key): \($0.value)" }.joined(separator: ", ")])
            + notes.map { "note: " + $0 }
        for remark in remarks { out += "<p>\(Self.escaped(remark))</p>\n" }
        return out
    }

    /// `text` made safe for HTML (see `MarkupText`).
    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }
}
