/// A language function with the scope it closes over.
public final class Closure {
    /// The declaration (parameters and body).
    package let declaration: FunctionDecl
    let scope: Scope
    /// For a declared recipe (`dataset name(...) = ...`): the type its result must have.
    var resultType: String?
    /// A body implemented in Swift (a network's layer lines), run instead of the declaration's
    /// statements in the scope where the parameters are bound.
    var native: ((Evaluator) throws -> Value)?
    init(declaration: FunctionDecl, scope: Scope) {
        self.declaration = declaration
        self.scope = scope
    }
}
