/// `import "path"`; the resolver loads and resolves the file and stores its statements here.
package final class ImportRef {
    /// The path as written.
    package let path: String
    /// The span of the path literal.
    package let pathRange: SourceRange
    /// The imported file's statements, or nil when it was already imported earlier.
    package var statements: [Stmt]?
    init(path: String, pathRange: SourceRange) { self.path = path; self.pathRange = pathRange }
}
