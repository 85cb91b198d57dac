/// `dataset name(params) = expr`: a named, parameterised dataset expression.
package struct DatasetDecl {
    /// The dataset name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in the expression.
    package var parameters: [Parameter]
    /// The expression producing the dataset.
    package var value: Expr
}
