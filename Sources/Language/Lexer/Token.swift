/// What kind of token the lexer produced.
enum TokenKind: Hashable {
    case identifier, number, string, keyword(Keyword), newline, eof
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, dot, colon, semicolon, arrow
    case plus, minus, star, slash, percent, caret
    case assign, plusAssign, minusAssign, starAssign, slashAssign
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case pipe, dotDot, dotDotLess
}

/// A piece of a string literal: plain text or the tokens of an interpolated `{expr}`.
enum StringPart {
    case text(String)
    case interpolation([Token], SourceRange)
}

/// One token with its source range; literals carry their decoded value.
struct Token {
    let kind: TokenKind
    let range: SourceRange
    /// The source text of the token (for names, keywords and messages).
    let text: String
    var number: Double = 0
    var parts: [StringPart] = []

    /// How the token is shown in "expected near" messages.
    var display: String {
        switch kind {
        case .eof: return Messages.endOfInput
        case .newline: return Messages.endOfLine
        case .string: return Messages.stringToken
        default: return "'" + text + "'"
        }
    }
}
