/// Where interpreter output goes.
public enum OutputChannel: Sendable {
    /// Program output: `print` and REPL values.
    case standardOutput
    /// Diagnostics.
    case standardError
}

/// Receives everything the interpreter writes; the CLI forwards to the terminal, tests capture it.
///
/// Besides plain text, a sink hears of three things a richer front end (the Jupyter kernel) shows
/// in their own form; each has a default that does what a terminal needs, so a sink that only
/// handles text implements `write` alone.
public protocol OutputSink: AnyObject {
    /// Writes `text` (already including any line breaks) to `channel`.
    func write(_ text: String, to channel: OutputChannel)
    /// The value of an expression entered interactively (default: its text on standard output).
    func show(_ value: ShownValue)
    /// An error, with the text that reports it (default: that text on standard error).
    func report(_ diagnostic: Diagnostic, rendered: String)
    /// A builtin has just written the file at `path` (a plot's SVG, a saved result); default: nothing.
    func wroteFile(_ path: String)
}

extension OutputSink {
    public func show(_ value: ShownValue) {
        write(value.text + "\n", to: .standardOutput)
    }

    public func report(_ diagnostic: Diagnostic, rendered: String) {
        write(rendered, to: .standardError)
    }

    public func wroteFile(_ path: String) {}
}

/// An expression's value as the prompt shows it: its text, and an HTML table for values that are
/// tables (runs, probe results).
public struct ShownValue: Sendable, Equatable {
    /// What a terminal prints.
    public let text: String
    /// The same content as an HTML table, or nil when text is all there is.
    public let html: String?

    public init(text: String, html: String? = nil) {
        self.text = text
        self.html = html
    }
}
