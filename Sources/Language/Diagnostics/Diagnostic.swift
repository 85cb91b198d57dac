/// One error report: a message at a source range, with optional notes.
public struct Diagnostic {
    /// The message from the catalog (`Messages`).
    public let message: String
    /// Where the problem is; nil for whole-run reports such as "too many errors".
    public let range: SourceRange?
    /// Extra lines such as "did you mean 'x'?".
    public var notes: [String]

    package init(_ message: String, at range: SourceRange?, notes: [String] = []) {
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// Renders the report: location line, source line, caret line under the range, notes.
    public func render(color: Bool, trace: [String] = []) -> String {
        let style = DiagnosticStyle(enabled: color)
        guard let range else {
            return style.bold("infoscope: ") + style.red("error: ") + style.bold(message) + "\n"
        }
        var out = style.bold("\(range.description): ") + style.red("error: ") + style.bold(message) + "\n"
        let lineNumber = range.line
        let source = range.file.lineText(lineNumber).replacingOccurrences(of: "\t", with: " ")
        out += "  " + source + "\n"
        let column = range.column
        let lineEnd = lineNumber < range.file.lineStarts.count
            ? range.file.lineStarts[lineNumber] - 1 : range.file.bytes.count
        let endByte = min(range.end, lineEnd)
        let width = max(1, scalarCount(range.file.bytes[min(range.start, endByte)..<endByte]))
        let caret = "^" + String(repeating: "~", count: width - 1)
        out += "  " + String(repeating: " ", count: column - 1) + style.green(caret) + "\n"
        for note in notes { out += "  " + style.cyan("note: ") + note + "\n" }
        for line in trace { out += "  " + line + "\n" }
        return out
    }
}

/// ANSI colouring for diagnostics, switched by `InterpreterOptions.color`.
struct DiagnosticStyle {
    let enabled: Bool
    private func wrap(_ s: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func red(_ s: String) -> String { wrap(s, "1;31") }
    func green(_ s: String) -> String { wrap(s, "1;32") }
    func cyan(_ s: String) -> String { wrap(s, "1;36") }
}
