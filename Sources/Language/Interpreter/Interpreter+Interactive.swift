extension Interpreter {
    /// Global names with a short description of their values, for `:vars`.
    public func variables() -> [(name: String, description: String)] {
        state.globals.names.sorted { $0.value.slot < $1.value.slot }.map { name, entry in
            let value = globals.get(entry.slot)
            if case .function(let c) = value {
                let params = c.declaration.parameters.map { $0.name + ($0.defaultValue == nil ? "" : " = ...") }
                return (name, "fn \(name)(\(params.joined(separator: ", ")))")
            }
            var text = value.repr
            if case .object(let o) = value { text = o.headline }
            // Long values are cut so one `:vars` line stays one screen line.
            if text.count > 60 { text = String(text.prefix(57)) + "..." }
            return (name, "\(entry.kind.rawValue) \(value.typeName) = \(text)")
        }
    }

    /// Completion candidates for the word ending at `cursor`: members after `.`, named
    /// arguments inside a call, otherwise keywords, globals and builtins.
    public func completions(for line: String, cursor: Int) -> [String] {
        let chars = Array(line.prefix(max(0, min(cursor, line.count))))
        var start = chars.count
        while start > 0, isWordCharacter(chars[start - 1]) { start -= 1 }
        let word = String(chars[start...])
        if start > 0, chars[start - 1] == "." {
            var pathStart = start - 1
            while pathStart > 0, isWordCharacter(chars[pathStart - 1]) || chars[pathStart - 1] == "." { pathStart -= 1 }
            let path = String(chars[pathStart..<(start - 1)]).split(separator: ".").map(String.init)
            guard let value = valueAt(path) else { return [] }
            return Evaluator.memberNames(of: value).filter { $0.hasPrefix(word) }.sorted()
        }
        var candidates = Keyword.allCases.map(\.rawValue) + state.globals.names.keys + builtins.map(\.name)
        if let callee = enclosingCallee(chars[..<start]) {
            candidates += parameterNames(of: callee).map { $0 + ":" }
        }
        return Array(Set(candidates.filter { $0.hasPrefix(word) })).sorted()
    }

    private func isWordCharacter(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }

    private func valueAt(_ path: [String]) -> Value? {
        guard let first = path.first else { return nil }
        var value: Value
        if let entry = state.globals.names[first] {
            value = globals.get(entry.slot)
        } else {
            return nil
        }
        for name in path.dropFirst() {
            switch value {
            case .record(let r): guard let v = r[name] else { return nil }; value = v
            case .object(let o): guard let v = o.member(name) else { return nil }; value = v
            default: return nil
            }
        }
        return value
    }

    /// The name before the innermost unclosed `(` in `text`, or `plot` inside a `plot` statement.
    private func enclosingCallee(_ text: ArraySlice<Character>) -> String? {
        var depth = 0
        var i = text.endIndex
        while i > text.startIndex {
            i -= 1
            if text[i] == ")" { depth += 1 }
            if text[i] == "(" {
                if depth == 0 {
                    var s = i
                    while s > text.startIndex, isWordCharacter(text[s - 1]) { s -= 1 }
                    return s < i ? String(text[s..<i]) : nil
                }
                depth -= 1
            }
        }
        return statementCallee(text)
    }

    /// `plot` when the statement being typed is `plot x, ...`, whose arguments are the call's.
    private func statementCallee(_ text: ArraySlice<Character>) -> String? {
        let start = text.lastIndex { $0 == "\n" || $0 == ";" || $0 == "{" || $0 == "}" }.map { $0 + 1 } ?? text.startIndex
        let words = text[start...].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count > 1, String(words[0]) == Keyword.plot.rawValue else { return nil }
        return Keyword.plot.rawValue
    }

    private func parameterNames(of name: String) -> [String] {
        if let entry = state.globals.names[name], case .function(let c) = globals.get(entry.slot) {
            return c.declaration.parameters.map(\.name)
        }
        return builtins.first { $0.name == name }?.parameters.map(\.name) ?? []
    }
}
