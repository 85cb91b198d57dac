extension SVGRaster {
    /// The document's elements in order: declarations and comments dropped, a `text` element's
    /// content kept with it.
    static func parse(_ svg: String) throws -> [Tag] {
        var tags: [Tag] = []
        let chars = Array(svg)
        var i = 0
        func skip(past end: String) throws {
            let marker = Array(end)
            while i + marker.count <= chars.count {
                if Array(chars[i..<(i + marker.count)]) == marker {
                    i += marker.count
                    return
                }
                i += 1
            }
            throw Failure.unreadable("an unterminated '\(end)'")
        }
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            if i + 1 < chars.count, chars[i + 1] == "?" { try skip(past: "?>"); continue }
            if i + 3 < chars.count, String(chars[(i + 1)...(i + 3)]) == "!--" { try skip(past: "-->"); continue }
            let start = i + 1
            while i < chars.count, chars[i] != ">" {
                if chars[i] == "\"" {
                    i += 1
                    while i < chars.count, chars[i] != "\"" { i += 1 }
                }
                i += 1
            }
            guard i < chars.count else { throw Failure.unreadable("an unterminated tag") }
            var body = String(chars[start..<i])
            i += 1
            let closing = body.hasPrefix("/"), selfClosing = body.hasSuffix("/")
            if closing { body.removeFirst() }
            if selfClosing { body.removeLast() }
            let name = String(body.prefix { !$0.isWhitespace })
            var tag = Tag(name: name, attributes: try attributes(String(body.dropFirst(name.count))), content: "",
                          closing: closing, opens: !closing && !selfClosing)
            if tag.name == "text", tag.opens {
                let contentStart = i
                while i < chars.count, chars[i] != "<" { i += 1 }
                tag.content = String(chars[contentStart..<i])
                tag.opens = false
            }
            tags.append(tag)
        }
        return tags
    }

    /// `name="value"` pairs, values with the XML entities replaced.
    static func attributes(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { return result }
            guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)...].first == "\"" else {
                throw Failure.unreadable("the attributes '\(text)'")
            }
            let name = String(rest[..<equals])
            let valueStart = rest.index(equals, offsetBy: 2)
            guard let valueEnd = rest[valueStart...].firstIndex(of: "\"") else { throw Failure.unreadable("the attributes '\(text)'") }
            result[name] = unescaped(String(rest[valueStart..<valueEnd]))
            rest = rest[rest.index(after: valueEnd)...]
        }
    }
}
