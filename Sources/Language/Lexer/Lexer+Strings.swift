extension Lexer {
    /// STRING = '"' { char | escape | "{" expression "}" } '"'
    mutating func string() -> Token {
        let start = pos
        pos += 1
        var parts: [StringPart] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))); text = [] }
        }
        while true {
            guard pos < bytes.count else {
                endedInsideString = true
                endOfInputReports += 1
                error(Messages.unterminatedString, start, start + 1)
                break
            }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") { pos += 1; break }
            if c == UInt8(ascii: "\\") {
                escape(into: &text)
            } else if c == UInt8(ascii: "{") {
                flush()
                var closedString = false
                if let part = interpolation(closedString: &closedString) { parts.append(part) }
                if closedString { break }
            } else {
                text.append(c)
                pos += 1
            }
        }
        flush()
        var t = Token(kind: .string, range: SourceRange(file: file, start: start, end: pos), text: file.text(start..<pos))
        t.parts = parts
        return t
    }

    /// escape = "\" ( "n" | "t" | "r" | "0" | '"' | "\" | "{" | "}" | "u{" hex "}" )
    private mutating func escape(into text: inout [UInt8]) {
        let start = pos
        pos += 1
        guard pos < bytes.count else { return }
        let c = bytes[pos]
        pos += 1
        let simple: [UInt8: String] = [
            UInt8(ascii: "n"): "\n", UInt8(ascii: "t"): "\t", UInt8(ascii: "r"): "\r", UInt8(ascii: "0"): "\0",
            UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "{"): "{", UInt8(ascii: "}"): "}",
        ]
        if let s = simple[c] { text.append(contentsOf: Array(s.utf8)); return }
        if c == UInt8(ascii: "u"), peek() == UInt8(ascii: "{") {
            let hexStart = pos + 1
            var end = hexStart
            while end < bytes.count, end - hexStart <= 8, bytes[end] != UInt8(ascii: "}"), bytes[end] != UInt8(ascii: "\"") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "}"),
               let code = UInt32(file.text(hexStart..<end), radix: 16), let scalar = UnicodeScalar(code) {
                pos = end + 1
                text.append(contentsOf: Array(String(Character(scalar)).utf8))
                return
            }
        }
        let shown = c >= 0x80 ? "\\" : "\\" + String(UnicodeScalar(c))
        error(Messages.invalidEscape(shown), start)
    }

    /// The tokens of one `{expr}` inside a string, lexed until the matching `}`.
    /// Sets `closedString` when the interpolation was left open and the string's closing quote
    /// was met instead (`"a {x"`): a quote with no partner later on its line ends the string.
    private mutating func interpolation(closedString: inout Bool) -> StringPart? {
        let open = pos
        pos += 1
        if interpolationDepth >= Self.maxInterpolationDepth {
            error(Messages.nestingTooDeep, open)
            return nil
        }
        interpolationDepth += 1
        defer { interpolationDepth -= 1 }
        let outer = openBrackets
        openBrackets = []
        defer { openBrackets = outer }
        var tokens: [Token] = []
        while true {
            skipSpaceAndComments()
            if pos >= bytes.count {
                endedInsideString = true
                endOfInputReports += 1
                error(Messages.expectedToClose("}", "{", file.line(of: open)), open, open + 1)
                return nil
            }
            if bytes[pos] == UInt8(ascii: "}"), openBrackets.isEmpty {
                let end = pos
                pos += 1
                tokens.append(Token(kind: .eof, range: SourceRange(file: file, start: end, end: end + 1), text: "}"))
                return .interpolation(tokens, SourceRange(file: file, start: open, end: pos))
            }
            if bytes[pos] == UInt8(ascii: "\""), !quoteLaterOnLine(after: pos) {
                error(Messages.expectedToClose("}", "{", file.line(of: open)), open, open + 1)
                pos += 1
                closedString = true
                return nil
            }
            if let t = next(insideInterpolation: true) { tokens.append(t) }
        }
    }

    private func quoteLaterOnLine(after p: Int) -> Bool {
        var i = p + 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
            if bytes[i] == UInt8(ascii: "\"") { return true }
            i += 1
        }
        return false
    }
}
