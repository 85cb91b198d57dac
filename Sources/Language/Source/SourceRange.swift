/// A span of bytes in one source file; every AST node and diagnostic carries one.
public struct SourceRange {
    /// The file the span lies in.
    public let file: SourceFile
    /// First byte of the span.
    public let start: Int
    /// One past the last byte of the span.
    public let end: Int

    package init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both `self` and `other` (same file assumed).
    package func through(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// 1-based line of the start.
    public var line: Int { file.line(of: start) }
    /// 1-based column of the start.
    public var column: Int { file.column(of: start) }
    /// `path:line:column`, as used in diagnostics and call traces.
    public var description: String { "\(file.path):\(line):\(column)" }
}
