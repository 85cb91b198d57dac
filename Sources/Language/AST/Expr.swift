/// An expression node: what it is and where it is in the source.
public struct Expr {
    /// The kind of expression and its children.
    public var kind: ExprKind
    /// The source span of the whole expression.
    public let range: SourceRange
}

/// The expression forms of the language.
public indirect enum ExprKind {
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
public enum InterpolationPart {
    case text(String)
    case expression(Expr)
}

/// A call argument, positional when `label` is nil.
public struct Argument {
    /// The parameter name for a named argument (`seed: 0`).
    public let label: String?
    /// Where the label is, for "unknown parameter" diagnostics.
    public let labelRange: SourceRange?
    /// The argument expression.
    public let value: Expr
}

/// A use of a name; the resolver fills in `binding` so the evaluator needs no lookup by string.
public final class NameRef {
    /// The name as written.
    public let name: String
    /// Where the resolver found the name; nil until resolved.
    package var binding: Binding?
    init(_ name: String) { self.name = name }
}

/// Where a resolved name lives at run time.
package enum Binding {
    /// Slot `slot` in the scope `hops` levels out from the current one.
    case local(hops: Int, slot: Int)
    /// Builtin function number `index` in the interpreter's builtin table.
    case builtin(Int)
}

/// Prefix operators.
public enum UnaryOperator: String { case negate = "-", plus = "+", not = "not" }

/// Arithmetic and comparison operators (evaluated on both operands).
public enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// Short-circuit operators.
public enum LogicalOperator: String { case and, or }
