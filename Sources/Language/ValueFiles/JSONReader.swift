import Learning

/// Reads JSON text (RFC 8259) into a language value: an object becomes a record (fields in file
/// order), an array a list, a number a number, a string a string, `true`/`false` a boolean and
/// `null` none. The strings "nan", "inf" and "-inf", which `write_json` writes for the numbers
/// JSON cannot hold, become those numbers again (so a string that is exactly one of them reads
/// back as the number). Anything that is not JSON is refused with its line and column: no
/// comments, trailing commas, single quotes, NaN literals or repeated keys.
struct JSONReader {
    /// A syntax error at a position in the text (line and column from 1).
    struct SyntaxError: Error {
        let line: Int
        let column: Int
        let problem: String
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0

    /// The value of the JSON document `text`.
    static func value(of text: String) throws -> Value {
        var reader = JSONReader(scalars: Array(text.unicodeScalars))
        // A byte-order mark is not part of the document.
        if reader.peek == "\u{FEFF}" { reader.index += 1 }
        reader.skipSpace()
        guard reader.peek != nil else { throw reader.error("the file is empty; a JSON document holds one value") }
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.peek != nil { throw reader.error("unexpected text after the end of the document") }
        return value
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func value(depth: Int) throws -> Value {
        guard depth < ValueJSON.maxDepth else { throw error("arrays and objects nested more than \(ValueJSON.maxDepth) deep") }
        guard let c = peek else { throw error("the document ends where a value should be") }
        switch c {
        case "{": return try object(depth: depth)
        case "[": return try array(depth: depth)
        case "\"":
            let s = try string()
            switch s {
            case "nan": return .number(.nan)
            case "inf": return .number(.infinity)
            case "-inf": return .number(-.infinity)
            default: return .string(s)
            }
        case "t": try word("true"); return .bool(true)
        case "f": try word("false"); return .bool(false)
        case "n": try word("null"); return .none
        case "-", "0"..."9": return .number(try number())
        default: throw error("expected a value, found \(Self.describe(c))")
        }
    }

    private mutating func object(depth: Int) throws -> Value {
        index += 1
        var record = Record()
        skipSpace()
        if peek == "}" { index += 1; return .record(record) }
        while true {
            skipSpace()
            guard peek == "\"" else { throw error("expected a field name in double quotes, found \(Self.describe(peek))") }
            let start = index
            let key = try string()
            guard record[key] == nil else {
                index = start
                throw error("the field \(Value.string(key).repr) appears twice in one object")
            }
            skipSpace()
            guard peek == ":" else { throw error("expected ':' after a field name, found \(Self.describe(peek))") }
            index += 1
            skipSpace()
            record[key] = try value(depth: depth + 1)
            skipSpace()
            switch peek {
            case ",": index += 1
            case "}": index += 1; return .record(record)
            default: throw error("expected ',' or '}' after a field, found \(Self.describe(peek))")
            }
        }
    }

    private mutating func array(depth: Int) throws -> Value {
        index += 1
        var items: [Value] = []
        skipSpace()
        if peek == "]" { index += 1; return .list(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            guard items.count <= Evaluator.maxListElements else {
                throw error("an array of more than \(TextFormat.groupedThousands(Evaluator.maxListElements)) elements, the longest list there can be")
            }
            skipSpace()
            switch peek {
            case ",": index += 1
            case "]": index += 1; return .list(items)
            default: throw error("expected ',' or ']' after an element, found \(Self.describe(peek))")
            }
        }
    }

    /// A string literal; `index` is at its opening quote.
    private mutating func string() throws -> String {
        index += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek else { throw error("the document ends inside a string") }
            switch c {
            case "\"":
                index += 1
                return String(out)
            case "\\":
                index += 1
                out.append(try escape())
            case _ where c.value < 0x20:
                throw error("a control character (U+\(String(c.value, radix: 16, uppercase: true))) inside a string must be escaped")
            default:
                out.append(c)
                index += 1
            }
        }
    }

    /// The character an escape stands for; `index` is just after the backslash.
    private mutating func escape() throws -> Unicode.Scalar {
        guard let c = peek else { throw error("the document ends inside a string") }
        index += 1
        switch c {
        case "\"": return "\""
        case "\\": return "\\"
        case "/": return "/"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "u":
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high) {
                // A character beyond U+FFFF is written as a pair of escapes (a surrogate pair).
                guard peek == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                    throw error("\\u\(String(high, radix: 16)) is the first half of a surrogate pair without its second half")
                }
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("\\u\(String(low, radix: 16)) cannot end a surrogate pair") }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("\\u\(String(high, radix: 16)) is half of a surrogate pair") }
            return scalar
        default:
            index -= 2  // back to the backslash
            throw error("\\\(c) is not an escape JSON has")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = peek, c.isASCII, c != "+", c != "-", let digit = UInt32(String(c), radix: 16) else {
                throw error("\\u must be followed by four hexadecimal digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// A number as JSON writes it: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws -> Double {
        let start = index
        func digits() -> Int {
            let from = index
            while let c = peek, ("0"..."9").contains(c) { index += 1 }
            return index - from
        }
        if peek == "-" { index += 1 }
        if peek == "0" {
            index += 1
            if let c = peek, ("0"..."9").contains(c) { throw error("a number cannot start with 0 followed by more digits") }
        } else if digits() == 0 {
            throw error("expected a digit after '-'")
        }
        if peek == "." {
            index += 1
            guard digits() > 0 else { throw error("expected a digit after the decimal point") }
        }
        if peek == "e" || peek == "E" {
            index += 1
            if peek == "+" || peek == "-" { index += 1 }
            guard digits() > 0 else { throw error("expected a digit in the exponent") }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard let x = Double(text), x.isFinite else {
            index = start
            throw error("the number \(text) is beyond the range of a number (about ±1.8e308)")
        }
        return x
    }

    private mutating func word(_ w: String) throws {
        for expected in w.unicodeScalars {
            guard peek == expected else { throw error("expected '\(w)'") }
            index += 1
        }
    }

    private mutating func skipSpace() {
        while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
    }

    /// The error at the current position.
    private func error(_ problem: String) -> SyntaxError {
        var line = 1, column = 1
        for c in scalars[0..<min(index, scalars.count)] {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SyntaxError(line: line, column: column, problem: problem)
    }

    private static func describe(_ c: Unicode.Scalar?) -> String {
        guard let c else { return "the end of the document" }
        return c.value < 0x20 || c.value == 0x7F ? "U+\(String(c.value, radix: 16, uppercase: true))" : "'\(c)'"
    }
}
