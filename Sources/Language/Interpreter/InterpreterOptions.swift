/// Options that affect a whole interpreter session.
public struct InterpreterOptions: Sendable {
    /// The one seed for all randomness.
    public var seed: UInt64 = 0
    /// Suppress progress output.
    public var quiet = false
    /// Colour diagnostics with ANSI escapes.
    public var color = false
    /// Whether standard error is a terminal, where training redraws one progress line; nil asks
    /// the system.
    public var progressOnTerminal: Bool? = nil
    /// Worker threads for numeric work; nil means the machine's core count.
    public var threads: Int? = nil
    /// The width help text is wrapped to (`help(name)`): the terminal's, when standard output
    /// is one; nil leaves the text's lines as they are.
    public var helpWidth: Int? = nil

    /// Default options.
    public init() {}
}
