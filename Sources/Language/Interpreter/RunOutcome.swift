/// How a run ended.
public enum RunOutcome: Equatable, Sendable {
    /// Ran to the end.
    case success
    /// Stopped before running: syntax or resolution errors.
    case compileError
    /// Stopped by an error while running.
    case runtimeError
    /// Stopped by an interrupt request.
    case interrupted

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
