/// A domain object that the language can hold, print and query (networks, datasets, runs...).
public protocol ObjectValue: AnyObject {
    /// The name `type_of` reports and messages use.
    var typeName: String { get }
    /// How the REPL and `print` show the object (may be several lines, such as a table).
    func describe() -> String
    /// The value of member `name`, or nil when the object has no such member.
    func member(_ name: String) -> Value?
    /// Member names, for completion and "did you mean".
    var memberNames: [String] { get }
}
