/// Whether an interactive entry (a REPL entry or a notebook cell) can run as it stands.
///
/// The parser decides, so the REPL accepts exactly what a script accepts: an entry is unfinished
/// when parsing fails only because the text ran out (an open bracket or string, an operator at
/// the end), and invalid when it fails earlier, where more lines could never repair it.
public enum EntryStatus: Equatable, Sendable {
    /// Ready to run.
    case complete
    /// Ready to run, but its last statement is an `if` with no `else`, so a next line that
    /// starts with `else` would still belong to it. The REPL reads one more line before running
    /// it (an empty line runs it), as Python does after a block.
    case awaitingElse
    /// Unfinished: more lines are needed. `indent` is what a front end may put at the start of
    /// the next line (four spaces per open block).
    case incomplete(indent: String)
    /// Wrong in a way more text cannot fix; running it reports the errors.
    case invalid
}

extension Interpreter {
    /// The status of `source` as an interactive entry (see `EntryStatus`).
    public func entryStatus(_ source: String) -> EntryStatus {
        Self.entryStatus(source)
    }

    /// True when `source` is unfinished: an open bracket or string, or a trailing operator.
    public func needsMoreInput(_ source: String) -> Bool {
        if case .incomplete = entryStatus(source) { return true }
        return false
    }

    static func entryStatus(_ source: String) -> EntryStatus {
        guard !source.allSatisfy(\.isWhitespace) else { return .complete }
        let file = SourceFile(path: "<input>", text: source)
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        let parser = Parser(tokens: tokens)
        let statements = parser.program()
        if lexer.diagnostics.count > lexer.endOfInputReports { return .invalid }
        if lexer.endedInsideString || (!parser.diagnostics.isEmpty && parser.firstErrorAtEnd) {
            let openBlocks = lexer.openBrackets.filter { $0.0 == UInt8(ascii: "{") }.count
            return .incomplete(indent: String(repeating: " ", count: 4 * openBlocks))
        }
        if !parser.diagnostics.isEmpty { return .invalid }
        guard let last = statements.last, endsWithoutElse(last) else { return .complete }
        // A line typed after the closing brace (even an empty one) settles it.
        let after = file.bytes[min(last.range.end, file.bytes.count)...]
        return after.contains(UInt8(ascii: "\n")) ? .complete : .awaitingElse
    }

    /// Whether `statement` is an `if` (or a chain of `else if`s) whose last branch has no `else`.
    private static func endsWithoutElse(_ statement: Stmt) -> Bool {
        guard case .ifElse(_, _, let otherwise) = statement.kind else { return false }
        guard let otherwise else { return true }
        return endsWithoutElse(otherwise)
    }
}
