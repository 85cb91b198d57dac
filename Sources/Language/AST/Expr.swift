/// An expression node: what it is and where it is in the source.
package struct Expr {
    /// The kind of expression and its children.
    package var kind: ExprKind
    /// The source span of the whole expression.
    package let range: SourceRange
}

/// The expression forms of the language.
package indirect enum ExprKind {
    case number(Double)
    case string([InterpolationPart])
    case bool(Bool)
    case none
    case name(NameRef)
    case list([Expr])
    case record([(name: String, range: SourceRange, value: Expr)])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case logical(LogicalOperator, Expr, Expr)
    case range(Expr, Expr, inclusive: Bool)
    case call(Expr, [Argument])
    case index(Expr, Expr)
    case member(Expr, String, SourceRange)
    case lambda(FunctionDecl)
}

/// A piece of an interpolated string literal.
package enum InterpolationPart {
    case text(String)
    case expression(Expr)
}

/// A call argument, positional when `label` is nil.
package struct Argument {
    /// The parameter name for a named argument (`seed: 0`).
    package let label: String?
    /// Where the label is, for "unknown parameter" diagnostics.
    package let labelRange: SourceRange?
    /// The argument expression.
    package let value: Expr
}

/// Prefix operators.
package enum UnaryOperator: String { case negate = "-", plus = "+", not = "not" }

/// Arithmetic and comparison operators (evaluated on both operands).
package enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// Short-circuit operators.
package enum LogicalOperator: String { case and, or }
