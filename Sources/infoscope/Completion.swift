/// Decides what kind of word the cursor is in at the REPL, and so how to complete it.
///
/// Pure Swift, apart from readline: the line reader asks it for the context and the characters
/// that end a word, and asks the REPL for candidates.
enum Completion {
    /// The kind of word under the cursor.
    enum Context: Equatable {
        /// Code: keywords, names and members, supplied by the interpreter.
        case code
        /// Inside a string literal: file paths.
        case stringPath
        /// A meta-command name being typed, such as `:he`.
        case command
        /// The file argument of `:load`.
        case commandPath
        /// Inside a comment: nothing to complete.
        case comment
    }

    /// The meta-command names offered when completing a word that starts with `:`.
    static let commandNames = [":help", ":load", ":vars", ":reset", ":quit"]

    /// The context of the cursor placed after `prefix` (the line up to the cursor).
    ///
    /// `continuing` is true when the line continues an unfinished entry, where a leading `:` is
    /// code rather than a meta-command.
    static func context(before prefix: Substring, continuing: Bool = false) -> Context {
        let trimmed = prefix.drop { $0 == " " || $0 == "\t" }
        if !continuing, trimmed.first == ":" {
            guard let space = trimmed.firstIndex(of: " ") else { return .command }
            return trimmed[..<space] == ":load" ? .commandPath : .code
        }
        return scan(prefix)
    }

    /// Follows string literals, `{…}` interpolations inside them, and `#` comments up to the end
    /// of `prefix`, and reports where that leaves the cursor.
    static func scan(_ prefix: Substring) -> Context {
        enum State { case code, string, interpolation, braces }
        var stack: [State] = [.code]
        var escaped = false
        for character in prefix {
            let state = stack.last ?? .code
            if state == .string {
                if escaped { escaped = false; continue }
                switch character {
                case "\\": escaped = true
                case "\"": stack.removeLast()
                case "{": stack.append(.interpolation)
                default: break
                }
                continue
            }
            switch character {
            case "#": return .comment
            case "\"": stack.append(.string)
            case "{" where state != .code: stack.append(.braces)
            case "}" where state == .interpolation || state == .braces: stack.removeLast()
            default: break
            }
        }
        return stack.last == .string ? .stringPath : .code
    }

    /// The characters that end the word being completed, for readline's word-break hook.
    static func wordBreakCharacters(for context: Context) -> String {
        switch context {
        case .code, .comment:
            // Every ASCII character that cannot be part of a name; `.` splits members off.
            return " \t\n\"'`()[]{},;:+-*/%<>=!&|^~.@#$?\\"
        case .stringPath:
            // A path runs from the opening quote (or the end of an interpolation) to the cursor.
            return "\"}"
        case .command, .commandPath:
            return " \t"
        }
    }

    /// The candidates among `names` that complete `word`, sorted and without duplicates.
    static func matches(of word: String, among names: [String]) -> [String] {
        Array(Set(names.filter { $0.hasPrefix(word) })).sorted()
    }

    /// The longest prefix that every candidate shares: what readline inserts for an ambiguous word.
    static func commonPrefix(of candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
