/// An invalid argument passed to a random-number operation, naming the operation and the values.
public enum RandomError: Error, Equatable, CustomStringConvertible {
    /// An integer range with no elements, e.g. `int(in: 5..<5)`.
    case emptyRange(operation: String, lower: Int, upper: Int)
    /// A parameter outside its domain, e.g. a negative standard deviation or a NaN bound.
    case invalidParameter(operation: String, name: String, value: Double, requirement: String)

    /// A one-line message that names the operation and the offending values.
    public var description: String {
        switch self {
        case let .emptyRange(operation, lower, upper):
            return "\(operation): empty range \(lower)..<\(upper)"
        case let .invalidParameter(operation, name, value, requirement):
            return "\(operation): \(name) = \(value) must be \(requirement)"
        }
    }
}
