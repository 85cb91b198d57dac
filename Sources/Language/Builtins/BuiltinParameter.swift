/// One parameter of a builtin: required, defaulted, or variadic (collects the remaining positionals).
public struct BuiltinParameter {
    /// The parameter name (usable as a named argument).
    public let name: String
    /// The default when omitted; nil means required (unless variadic).
    public let defaultValue: Value?
    /// Whether the parameter collects all remaining positional arguments into a list.
    public let variadic: Bool
    /// Whether the argument is the path of a file the builtin writes: a literal one is checked
    /// before the script runs (its folder must exist and be writable).
    public var isOutputPath = false
    /// Whether the argument is the path of a file the builtin reads: a literal one is checked
    /// before the script runs (the file must exist).
    public var isInputPath = false
    /// What the argument must be, as errors say it for a given value, when the parameter was
    /// declared with a kind.
    var expected: ((Value) -> String)?
    /// Whether a literal argument fits the declared kind, for `check`; nil when the parameter was
    /// declared without a kind.
    var acceptsLiteral: ((Value) -> Bool)?

    static func required(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: nil, variadic: false) }
    static func optional(_ name: String, _ value: Value) -> BuiltinParameter {
        BuiltinParameter(name: name, defaultValue: value, variadic: false)
    }
    static func rest(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: .list([]), variadic: true) }
}
