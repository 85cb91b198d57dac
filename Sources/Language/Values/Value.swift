/// A value of the language. Lists, strings and records are values (copy on write): assigning
/// one never aliases it.
///
/// The seam for later kinds (tensors, networks, datasets, runs, probe results) is `object`:
/// those live in other modules as classes conforming to `ObjectValue`, so the evaluator
/// prints, compares and accesses members of them without knowing their types.
public enum Value {
    /// The absence of a value (`none`).
    case none
    /// `true` or `false`.
    case bool(Bool)
    /// Every number is a Double.
    case number(Double)
    /// Text.
    case string(String)
    /// An ordered list of values.
    case list([Value])
    /// Named fields in order.
    case record(Record)
    /// An integer range such as `0..<n`.
    case range(RangeValue)
    /// A function declared in the language (named or lambda) with its captured scope.
    case function(Closure)
    /// A function implemented in Swift, from the builtin table.
    case builtin(BuiltinFunction)
    /// A domain object implemented outside the evaluator (see the type comment).
    case object(any ObjectValue)

    /// The type name used in messages and by `type_of`.
    public var typeName: String {
        switch self {
        case .none: return "none"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .function, .builtin: return "function"
        case .object(let o): return o.typeName
        }
    }
}
