/// Lays help text out for a terminal of a given width: prose lines are wrapped at spaces, and a
/// line of a label and its text (`  probes   fisher_trace, ...`, `  moons   two interleaved ...`)
/// continues under its text. Code stays as written: the first line of an entry (its signature)
/// and `example:` lines are never broken, since a broken line of code no longer runs.
enum HelpLayout {
    static func wrap(_ text: String, width: Int?) -> String {
        guard let width, width >= 40 else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var result: [String] = []
        for line in lines {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            if line.count <= width || indent == 0 || body.hasPrefix("example:") {
                result.append(String(line))
                continue
            }
            result += wrapped(body, indent: indent, hang: indent + labelWidth(body), width: width)
        }
        return result.joined(separator: "\n")
    }

    /// The width of a leading label and the run of two or more spaces after it, else 0.
    private static func labelWidth(_ body: Substring) -> Int {
        guard let gap = body.range(of: "  "), !body[..<gap.lowerBound].contains(" ") else { return 0 }
        let label = body.distance(from: body.startIndex, to: gap.lowerBound)
        let spaces = body[gap.lowerBound...].prefix { $0 == " " }.count
        return label + spaces
    }

    /// `body` broken at spaces into lines of at most `width` (a word longer than that stands
    /// alone), the first indented by `indent`, the rest by `hang`.
    private static func wrapped(_ body: Substring, indent: Int, hang: Int, width: Int) -> [String] {
        var lines: [String] = []
        var current = String(repeating: " ", count: indent)
        var empty = true
        for word in body.split(separator: " ", omittingEmptySubsequences: false) {
            // Runs of spaces inside the text (a label's gap) are kept on the first line.
            if !empty, current.count + 1 + word.count > width, !word.isEmpty {
                lines.append(current)
                current = String(repeating: " ", count: hang) + word
                continue
            }
            current += (empty ? "" : " ") + word
            empty = false
        }
        lines.append(current)
        return lines
    }
}
