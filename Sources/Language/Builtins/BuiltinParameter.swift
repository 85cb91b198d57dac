/// One parameter of a builtin: required, defaulted, or variadic (collects the remaining positionals).
public struct BuiltinParameter {
    /// The parameter name (usable as a named argument).
    public let name: String
    /// The default when omitted; nil means required (unless variadic).
    public let defaultValue: Value?
    /// Whether the parameter collects all remaining positional arguments into a list.
    public let variadic: Bool

    static func required(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: nil, variadic: false) }
    static func optional(_ name: String, _ value: Value) -> BuiltinParameter {
        BuiltinParameter(name: name, defaultValue: value, variadic: false)
    }
    static func rest(_ name: String) -> BuiltinParameter { BuiltinParameter(name: name, defaultValue: .list([]), variadic: true) }
}
