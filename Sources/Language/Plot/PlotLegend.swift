/// The legend column beside the axes: each name whole, the column as wide as its longest line,
/// and names too long for one line wrapped onto several.
struct PlotLegend: Equatable {
    /// The column never gets narrower than this, so figures with short names keep one layout.
    static let minimumWidth = 160.0
    /// Room for the sample of the line (or the marker) before the name, and a margin after it.
    static let sampleWidth = 42.0, margin = 8.0
    /// Names longer than this many characters wrap, so one long name cannot squeeze the axes away.
    static let wrapLength = 36
    /// Vertical distance between entries, and between the lines of one wrapped name.
    static let entryStep = 18.0, lineStep = 14.0

    /// Each entry's name, broken into the lines it is shown on.
    let entries: [[String]]
    let width: Double

    /// The legend of `names` (an empty name is shown as "series N").
    init(names: [String]) {
        entries = names.enumerated().map { i, name in Self.wrap(name.isEmpty ? "series \(i + 1)" : name) }
        let longest = entries.flatMap { $0 }.map(\.count).max() ?? 0
        width = max(Self.minimumWidth, Self.sampleWidth + Double(longest) * PlotBarsSVG.characterWidth + Self.margin)
    }

    /// The pixel row of entry `i`'s first line, below the top of the axes at `top`.
    func row(_ i: Int, top: Double) -> Double {
        top + 10 + entries.prefix(i).reduce(0) { $0 + Self.entryStep + Double($1.count - 1) * Self.lineStep }
    }

    /// `name` in lines of at most `wrapLength` characters, broken after spaces, dots, underscores
    /// or dashes where there is one, so parts of a name stay whole.
    static func wrap(_ name: String) -> [String] {
        var lines: [String] = [], rest = Substring(name)
        while rest.count > wrapLength {
            let window = rest.prefix(wrapLength)
            let cut = window.lastIndex { " ._-/".contains($0) }.map { window.index(after: $0) } ?? window.endIndex
            // A break at the very start would make no progress; cut the window whole instead.
            let end = cut == window.startIndex ? window.endIndex : cut
            lines.append(String(rest[..<end]).trimmingTrailingSpaces)
            rest = rest[end...].drop { $0 == " " }
        }
        if !rest.isEmpty || lines.isEmpty { lines.append(String(rest)) }
        return lines
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
