/// The documentation record every builtin carries.
public struct BuiltinDoc {
    /// The call form, e.g. `round(x, digits: 0)`.
    public let signature: String
    /// One line saying what it does.
    public let summary: String
    /// A few sentences on arguments, results and errors.
    public let description: String
    /// A runnable example with its result.
    public let example: String
    /// The help group (math, lists, strings, ...).
    public let category: String
}
