/// A language function with the scope it closes over.
public final class Closure {
    /// The declaration (parameters and body).
    package let declaration: FunctionDecl
    let scope: Scope
    /// For a declared recipe (`dataset name(...) = ...`): the type its result must have.
    var resultType: String?
    init(declaration: FunctionDecl, scope: Scope) {
        self.declaration = declaration
        self.scope = scope
    }
}
