/// Thrown to unwind to the nearest statement boundary after a syntax error has been reported.
struct ParseError: Error {}

/// Recursive-descent parser: one method per rule of `grammar/infoscope.ebnf`, named after it.
final class Parser {
    private let tokens: [Token]
    var current = 0
    /// Syntax errors found so far, in source order.
    private(set) var diagnostics: [Diagnostic] = []
    /// Whether the first syntax error was met at the end of the input: then more text could
    /// still make the program valid, which is how the REPL knows an entry is unfinished.
    private(set) var firstErrorAtEnd = false
    /// Reports beyond this many are noise after a bad edit; the run stops and says so instead.
    static let maxErrors = 20
    /// Nesting depth of expressions and blocks. Each level costs a handful of stack frames; 200
    /// is far beyond hand-written code yet keeps parsing well inside even an 8 MiB thread stack.
    static let maxDepth = 200
    var depth: Int
    /// Blocks currently open (0 at the top level of a file); `import` is only allowed at 0.
    var blockDepth = 0

    init(tokens: [Token], depth: Int = 0) {
        self.tokens = tokens
        self.depth = depth
    }

    // MARK: token access
    var peek: Token { tokens[current] }
    var previous: Token { tokens[max(0, current - 1)] }
    func peekAhead(_ k: Int) -> Token { tokens[min(current + k, tokens.count - 1)] }
    var atEnd: Bool { peek.kind == .eof }
    /// True once parsing should stop: too many errors, or nesting past `maxDepth` (after which
    /// recovery would only produce a cascade of follow-on errors).
    var tooManyErrors: Bool { aborted || diagnostics.count > Self.maxErrors }
    var aborted = false

    func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

    @discardableResult
    func advance() -> Token {
        let t = tokens[current]
        if t.kind != .eof { current += 1 }
        return t
    }

    func match(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    /// Matches `kind`, also when it starts the next line (so pipes and `else` may begin a line).
    func matchAcrossNewline(_ kind: TokenKind) -> Bool {
        if match(kind) { return true }
        if check(.newline), peekAhead(1).kind == kind {
            advance()
            advance()
            return true
        }
        return false
    }

    func skipNewlines() { while check(.newline) { advance() } }

    /// Consumes a token of `kind` or reports "`what` expected near ..." and unwinds.
    @discardableResult
    func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        if check(kind) { return advance() }
        throw fail(Messages.expected(what, near: peek.display), at: peek.range)
    }

    /// Consumes the closing bracket matching `open`, or reports which opening it would close.
    @discardableResult
    func expectClosing(_ kind: TokenKind, _ close: String, opening open: Token) throws -> Token {
        if check(kind) { return advance() }
        let message = Messages.expectedToClose(close, open.text, open.range.line)
        throw fail(message, at: peek.range, notes: [])
    }

    func report(_ message: String, at range: SourceRange, notes: [String] = []) {
        guard !tooManyErrors else { return }
        if diagnostics.isEmpty { firstErrorAtEnd = atEnd }
        // One report past the cap is kept so the caller knows to say "too many errors".
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    func fail(_ message: String, at range: SourceRange, notes: [String] = []) -> ParseError {
        report(message, at: range, notes: notes)
        return ParseError()
    }

    /// Guards recursion: every nested expression or block passes through here.
    func nested<T>(_ body: () throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            let error = fail(Messages.nestingTooDeep, at: peek.range)
            aborted = true
            throw error
        }
        return try body()
    }

    func range(from start: SourceRange) -> SourceRange { start.through(previous.range) }

    /// Panic-mode recovery: skip to the next statement boundary (line end, `;`, `}` or a keyword)
    /// at the nesting level where the error happened; a `{ ... }` opened while skipping is skipped
    /// whole, so the statements inside a rejected declaration do not produce follow-on errors.
    func synchronize() {
        var depth = 0
        while !atEnd {
            switch peek.kind {
            case .leftBrace:
                depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
            case .newline where depth == 0, .semicolon where depth == 0:
                advance()
                return
            case .keyword(let k) where depth == 0 && Self.statementKeywords.contains(k):
                return
            default:
                break
            }
            advance()
        }
    }

    static let statementKeywords: Set<Keyword> = [.let, .var, .fn, .if, .for, .while, .return, .print, .plot, .import,
                                                  .network, .dataset, .schedule, .probe]

    // MARK: program

    /// program = { statement terminator } EOF ;
    func program() -> [Stmt] {
        var statements: [Stmt] = []
        skipTerminators()
        while !atEnd && !tooManyErrors {
            let before = current
            statementWithRecovery(into: &statements)
            if check(.rightBrace) {
                report(Messages.expected(Messages.Expected.statement, near: peek.display), at: peek.range)
                advance()
            }
            if current == before { advance() }
            skipTerminators()
        }
        return statements
    }

    /// Parses one statement and its terminator, recovering at the next boundary on error.
    func statementWithRecovery(into statements: inout [Stmt]) {
        do {
            statements.append(try statement())
            try terminator()
        } catch {
            synchronize()
        }
    }

    /// terminator = NEWLINE | ";" | (before "}" or EOF) ;
    func terminator() throws {
        if match(.newline) || match(.semicolon) || check(.rightBrace) || atEnd { return }
        // Habits from other languages get a pointer to the Infoscope form.
        let foreignFunction = ["def", "function", "func", "fun"].contains(previous.text) && peek.kind == .identifier
        throw fail(Messages.expected(Messages.Expected.endOfStatement, near: peek.display), at: peek.range,
                   notes: foreignFunction ? [Messages.useFn] : [])
    }

    func skipTerminators() { while match(.newline) || match(.semicolon) {} }
}
