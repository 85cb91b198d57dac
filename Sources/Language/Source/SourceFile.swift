/// One piece of source text (a script file, an import, a REPL chunk) with its line table.
public final class SourceFile {
    /// The name shown in diagnostics: a path, `<repl>` or `<string>`.
    public let path: String
    /// The text as UTF-8 bytes; the lexer works on bytes so any input is handled the same way.
    package let bytes: [UInt8]
    /// Byte offset at which each line starts.
    package let lineStarts: [Int]

    /// Wraps `text` under the display name `path`.
    public init(path: String, text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The 1-based line containing byte `offset`.
    package func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The 1-based column (counted in Unicode scalars) of byte `offset`.
    package func column(of offset: Int) -> Int {
        let start = lineStarts[line(of: offset) - 1]
        let end = min(max(offset, start), bytes.count)
        return scalarCount(bytes[start..<end]) + 1
    }

    /// The text of 1-based line `n` without its line break.
    package func lineText(_ n: Int) -> String {
        guard n >= 1, n <= lineStarts.count else { return "" }
        let start = lineStarts[n - 1]
        var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text of a byte range.
    package func text(_ range: Range<Int>) -> String {
        let lo = min(max(range.lowerBound, 0), bytes.count)
        let hi = min(max(range.upperBound, lo), bytes.count)
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// The directory of `path`, used to resolve imports relative to the importing file.
    package var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// Counts the Unicode scalars in UTF-8 bytes (continuation bytes do not start a scalar).
package func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
}
