/// A language function with the scope it closes over.
public final class Closure {
    /// The declaration (parameters and body).
    package let declaration: FunctionDecl
    let scope: Scope
    init(declaration: FunctionDecl, scope: Scope) {
        self.declaration = declaration
        self.scope = scope
    }
}
