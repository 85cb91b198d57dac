/// A parameter of a function or a parameterised declaration.
package struct ParameterDecl {
    /// The parameter name.
    package let name: String
    /// The span of the name.
    package let range: SourceRange
    /// The default value, evaluated at call time when the argument is missing.
    package var defaultValue: Expr?
}

/// A named function or a lambda; a class so closures can share it.
package final class FunctionDecl {
    /// The name (`fn name`), or "<lambda>" for anonymous functions.
    package let name: String
    /// The span of the name (or of `fn` for lambdas).
    package let nameRange: SourceRange
    /// The parameters in order.
    package var parameters: [ParameterDecl]
    /// The body; an `=> expr` lambda body is a single `return` statement.
    package var body: [Stmt]
    init(name: String, nameRange: SourceRange, parameters: [ParameterDecl], body: [Stmt]) {
        self.name = name; self.nameRange = nameRange; self.parameters = parameters; self.body = body
    }
}
