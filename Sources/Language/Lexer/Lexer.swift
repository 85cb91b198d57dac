/// Turns source bytes into tokens; newlines are tokens except inside `(...)` and `[...]`.
struct Lexer {
    let file: SourceFile
    let bytes: [UInt8]
    var pos = 0
    /// Open brackets (byte, offset) not yet closed; newlines count only when the innermost is `{`.
    var openBrackets: [(UInt8, Int)] = []
    var diagnostics: [Diagnostic] = []
    /// True when input ended inside a string literal (the REPL then asks for more lines).
    var endedInsideString = false
    /// How many of `diagnostics` say only that the input ended inside a string or interpolation;
    /// the others are mistakes that more input cannot repair.
    var endOfInputReports = 0
    /// Interpolations nest strings inside strings; past this depth (far beyond real use) the
    /// lexer reports an error instead of recursing further, so hostile input cannot exhaust the stack.
    static let maxInterpolationDepth = 16
    var interpolationDepth = 0

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
        // Some editors start UTF-8 files with a byte-order mark; it is not part of the program.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
    }

    /// Lexes the whole file; always ends with an `eof` token.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let t = next(insideInterpolation: false)
            guard let t else { continue }
            if t.kind == .newline, tokens.last?.kind == .newline || tokens.isEmpty { continue }
            if t.kind == .eof {
                // Errors "at end of input" point just after the last token, on its line,
                // rather than at a blank line after the final newline.
                let end = tokens.last { $0.kind != .newline }?.range.end ?? 0
                tokens.append(Token(kind: .eof, range: SourceRange(file: file, start: end, end: end), text: ""))
                return tokens
            }
            tokens.append(t)
        }
    }

    private func range(_ start: Int) -> SourceRange { SourceRange(file: file, start: start, end: pos) }
    func peek(_ k: Int = 0) -> UInt8 { pos + k < bytes.count ? bytes[pos + k] : 0 }
    mutating func error(_ message: String, _ start: Int, _ end: Int? = nil) {
        diagnostics.append(Diagnostic(message, at: SourceRange(file: file, start: start, end: end ?? pos)))
    }

    /// The next token, or nil for skipped input (whitespace, comments, bad characters).
    mutating func next(insideInterpolation: Bool) -> Token? {
        skipSpaceAndComments()
        let start = pos
        guard pos < bytes.count else { return Token(kind: .eof, range: range(start), text: "") }
        let c = bytes[pos]
        if c == UInt8(ascii: "\n") {
            pos += 1
            let counts = !insideInterpolation && (openBrackets.last.map { $0.0 == UInt8(ascii: "{") } ?? true)
            return counts ? Token(kind: .newline, range: range(start), text: "\\n") : nil
        }
        if isDigit(c) { return number() }
        if isIdentifierStart(c) { return identifier() }
        if c == UInt8(ascii: "\"") { return string() }
        if let t = punctuation() { return t }
        if c >= 0x80 {
            let len = utf8Length(c)
            pos = min(bytes.count, pos + len)
            error(Messages.unexpectedCharacter(file.text(start..<pos)), start)
        } else {
            pos += 1
            error(Messages.unexpectedCharacter(c < 0x20 || c == 0x7F ? "\\u{\(String(c, radix: 16))}"
                                                 : String(UnicodeScalar(c))), start)
        }
        return nil
    }

    mutating func skipSpaceAndComments() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") {
                pos += 1
            } else if c == UInt8(ascii: "#") {
                while pos < bytes.count, bytes[pos] != UInt8(ascii: "\n") { pos += 1 }
            } else {
                return
            }
        }
    }

    private mutating func identifier() -> Token {
        let start = pos
        while pos < bytes.count, isIdentifierStart(bytes[pos]) || isDigit(bytes[pos]) { pos += 1 }
        let text = file.text(start..<pos)
        if let k = Keyword(rawValue: text) { return Token(kind: .keyword(k), range: range(start), text: text) }
        return Token(kind: .identifier, range: range(start), text: text)
    }

    /// NUMBER = digit { digit | "_" } [ "." digit { digit | "_" } ] [ ("e"|"E") ["+"|"-"] digit { digit } ]
    private mutating func number() -> Token {
        let start = pos
        func digits() { while pos < bytes.count, isDigit(bytes[pos]) || bytes[pos] == UInt8(ascii: "_") { pos += 1 } }
        digits()
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) { pos += 1; digits() }
        var malformed = false
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            pos += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
            if isDigit(peek()) { digits() } else { malformed = true }
        }
        while pos < bytes.count, isIdentifierStart(bytes[pos]) || isDigit(bytes[pos]) { pos += 1; malformed = true }
        let text = file.text(start..<pos)
        let value = Double(text.replacingOccurrences(of: "_", with: ""))
        if malformed || value == nil { error(Messages.malformedNumber(text), start) }
        var t = Token(kind: .number, range: range(start), text: text)
        t.number = value ?? 0
        return t
    }

    private mutating func punctuation() -> Token? {
        let start = pos
        let c = bytes[pos], d = peek(1)
        func make(_ kind: TokenKind, _ length: Int) -> Token {
            pos += length
            return Token(kind: kind, range: range(start), text: file.text(start..<pos))
        }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            openBrackets.append((c, start))
            return make(c == UInt8(ascii: "(") ? .leftParen : c == UInt8(ascii: "[") ? .leftBracket : .leftBrace, 1)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if !openBrackets.isEmpty { openBrackets.removeLast() }
            return make(c == UInt8(ascii: ")") ? .rightParen : c == UInt8(ascii: "]") ? .rightBracket : .rightBrace, 1)
        case UInt8(ascii: ","): return make(.comma, 1)
        case UInt8(ascii: ":"): return make(.colon, 1)
        case UInt8(ascii: ";"): return make(.semicolon, 1)
        case UInt8(ascii: "%"): return make(.percent, 1)
        case UInt8(ascii: "^"): return make(.caret, 1)
        case UInt8(ascii: "+"): return d == UInt8(ascii: "=") ? make(.plusAssign, 2) : make(.plus, 1)
        case UInt8(ascii: "-"): return d == UInt8(ascii: "=") ? make(.minusAssign, 2) : make(.minus, 1)
        case UInt8(ascii: "*"): return d == UInt8(ascii: "=") ? make(.starAssign, 2) : make(.star, 1)
        case UInt8(ascii: "/"): return d == UInt8(ascii: "=") ? make(.slashAssign, 2) : make(.slash, 1)
        case UInt8(ascii: "="):
            if d == UInt8(ascii: "=") { return make(.equal, 2) }
            return d == UInt8(ascii: ">") ? make(.arrow, 2) : make(.assign, 1)
        case UInt8(ascii: "!"): return d == UInt8(ascii: "=") ? make(.notEqual, 2) : nil
        case UInt8(ascii: "<"): return d == UInt8(ascii: "=") ? make(.lessEqual, 2) : make(.less, 1)
        case UInt8(ascii: ">"): return d == UInt8(ascii: "=") ? make(.greaterEqual, 2) : make(.greater, 1)
        case UInt8(ascii: "|"): return d == UInt8(ascii: ">") ? make(.pipe, 2) : nil
        case UInt8(ascii: "."):
            if d == UInt8(ascii: ".") { return peek(2) == UInt8(ascii: "<") ? make(.dotDotLess, 3) : make(.dotDot, 2) }
            return make(.dot, 1)
        default: return nil
        }
    }
}

func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
func isIdentifierStart(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
        || c == UInt8(ascii: "_")
}
/// Length of the UTF-8 sequence introduced by lead byte `c` (1 for stray continuation bytes).
func utf8Length(_ c: UInt8) -> Int { c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1 }
