/// Where interpreter output goes.
public enum OutputChannel: Sendable {
    case standardOutput, standardError
}

/// Receives everything the interpreter writes; the CLI forwards to the terminal, tests capture it.
public protocol OutputSink: AnyObject {
    /// Writes `text` (already including any line breaks) to `channel`.
    func write(_ text: String, to channel: OutputChannel)
}

/// Options that affect a whole interpreter session.
public struct InterpreterOptions: Sendable {
    /// The one seed for all randomness.
    public var seed: UInt64 = 0
    /// Suppress progress output.
    public var quiet = false
    /// Colour diagnostics with ANSI escapes.
    public var color = false
    /// Worker threads for numeric work; nil means the machine's core count.
    public var threads: Int? = nil

    /// Default options.
    public init() {}
}

/// How a run ended.
public enum RunOutcome: Equatable, Sendable {
    case success, compileError, runtimeError, interrupted

    /// The process exit code for this outcome (0, 65, 70, 130, as in sysexits and shells).
    public var exitCode: Int32 {
        switch self {
        case .success: return 0
        case .compileError: return 65
        case .runtimeError: return 70
        case .interrupted: return 130
        }
    }
}
