/// Why a collective step could not complete: another rank failed, finished, or stopped answering.
public enum ParallelError: Error, Equatable, CustomStringConvertible {
    /// Rank `rank` stopped with an error (its message) while this rank waited at `waitingAt`.
    case peerFailed(rank: Int, message: String, waitingAt: String)
    /// Rank `rank` reached the end of the program while this rank waited at `waitingAt`: the ranks
    /// took different paths through the script.
    case peerFinished(rank: Int, waitingAt: String)
    /// No answer from the other ranks within `seconds` at `waitingAt`.
    case timedOut(seconds: Double, waitingAt: String)
    /// mpirun is ending the job (a rank exited, or the job was interrupted) at `waitingAt`.
    case jobEnding(waitingAt: String)
    /// What rank 0 alone did (writing a file) failed there with `message`.
    case leaderFailed(message: String)
    /// An MPI call returned an error.
    case mpi(call: String, message: String)

    public var description: String {
        switch self {
        case let .peerFailed(rank, message, waitingAt):
            return "rank \(rank) stopped with an error while this rank waited at \(waitingAt): \(message)"
        case let .peerFinished(rank, waitingAt):
            return "rank \(rank) reached the end of the script while this rank waited at \(waitingAt); "
                + "every rank must take the same path through the script (no branch on the rank or on a clock)"
        case let .timedOut(seconds, waitingAt):
            return "no answer from the other ranks for \(Int(seconds)) s at \(waitingAt) "
                + "(INFOSCOPE_MPI_TIMEOUT sets the limit in seconds)"
        case let .jobEnding(waitingAt):
            return "mpirun is ending the job (a rank exited, or the job was interrupted) while this rank waited at \(waitingAt)"
        case let .leaderFailed(message):
            return "on rank 0: \(message)"
        case let .mpi(call, message):
            return "\(call) failed: \(message)"
        }
    }
}
