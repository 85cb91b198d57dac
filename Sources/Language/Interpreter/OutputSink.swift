/// Where interpreter output goes.
public enum OutputChannel: Sendable {
    /// Program output: `print` and REPL values.
    case standardOutput
    /// Diagnostics.
    case standardError
}

/// Receives everything the interpreter writes; the CLI forwards to the terminal, tests capture it.
public protocol OutputSink: AnyObject {
    /// Writes `text` (already including any line breaks) to `channel`.
    func write(_ text: String, to channel: OutputChannel)
}
