/// A linear-algebra failure, naming the operation and the offending shape, entry or pivot.
public enum LinalgError: Error, Equatable, CustomStringConvertible {
    /// The operation needs a square matrix.
    case notSquare(operation: String, rows: Int, columns: Int)
    /// The operation needs a symmetric matrix and `a[row, column]` differs from `a[column, row]`.
    case notSymmetric(operation: String, row: Int, column: Int, value: Double, mirror: Double)
    /// An entry is NaN or infinite.
    case nonFinite(operation: String, row: Int, column: Int, value: Double)
    /// Cholesky met a pivot that is not positive: the leading `(pivot + 1)`-square block of the
    /// `size`-square matrix is not positive definite.
    case notPositiveDefinite(operation: String, size: Int, pivot: Int, value: Double)
    /// Operand sizes do not fit together.
    case shapeMismatch(operation: String, expected: String, actual: String)
    /// A parameter outside its domain.
    case invalidArgument(operation: String, message: String)
    /// An iteration did not converge within its budget.
    case didNotConverge(operation: String, iterations: Int)

    /// A one-line message naming the operation and what was wrong.
    public var description: String {
        switch self {
        case let .notSquare(op, rows, columns):
            return "\(op): expected a square matrix, got \(rows)×\(columns)"
        case let .notSymmetric(op, row, column, value, mirror):
            return "\(op): matrix is not symmetric: [\(row), \(column)] = \(value) but [\(column), \(row)] = \(mirror)"
        case let .nonFinite(op, row, column, value):
            return "\(op): entry [\(row), \(column)] is \(value)"
        case let .notPositiveDefinite(op, size, pivot, value):
            return "\(op): \(size)×\(size) matrix is not positive definite: pivot \(pivot) is \(value)"
        case let .shapeMismatch(op, expected, actual):
            return "\(op): expected \(expected), got \(actual)"
        case let .invalidArgument(op, message):
            return "\(op): \(message)"
        case let .didNotConverge(op, iterations):
            return "\(op): did not converge in \(iterations) iterations"
        }
    }
}
