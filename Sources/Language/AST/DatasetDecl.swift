/// `dataset name(params) = expr`: a named dataset, or a parameterised recipe for one.
package struct DatasetDecl {
    /// The dataset name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in the expression.
    package var parameters: [ParameterDecl]
    /// Whether a parameter list was written (even `()`): the name is then a recipe to call;
    /// without one it names the dataset itself.
    package var isRecipe: Bool
    /// The expression producing the dataset.
    package var value: Expr
}

extension DatasetDecl {
    /// The recipe as a function: its parameters and a body returning the expression.
    var function: FunctionDecl {
        FunctionDecl(name: name, nameRange: nameRange, parameters: parameters,
                     body: [Stmt(kind: .returnValue(value), range: value.range)])
    }
}
