import Foundation
import Glibc
import Learning

/// The job this process belongs to: alone, or one rank of an MPI job started by mpirun
/// (docs/distributed.md). Rank 0 prints and writes files; the other ranks, the followers, run the
/// same script silently and report only how it ended.
enum Job {
    #if MPI
    /// The MPI job joined at start-up, when launched by mpirun.
    nonisolated(unsafe) static var mpi: MPIProcessGroup?
    #endif
    /// What a follower's script reported as its error, sent to rank 0 at the end.
    nonisolated(unsafe) static var followerErrors = ""

    static var rank: Int { Processes.world.rank }
    static var size: Int { Processes.world.size }
    /// Whether this process runs the script silently beside rank 0.
    static var isFollower: Bool { rank != 0 }

    /// Whether this build can join an MPI job, for `--version`.
    static var buildDescription: String {
        #if MPI
        return "MPI: Open MPI (this build runs alone, or as the ranks of mpirun -np N)"
        #else
        return "MPI: not in this build (swift build --traits MPI adds it; docs/distributed.md)"
        #endif
    }

    /// Joins the MPI job when mpirun started this process; the exit status when that fails.
    static func start() -> Int32? {
        #if MPI
        do {
            guard let group = try MPIProcessGroup.joinIfLaunched() else { return nil }
            mpi = group
            Processes.world = group
        } catch {
            TerminalOutput.writeAll("infoscope: error: cannot join the MPI job: \(error)\n", to: STDERR_FILENO)
            return ExitStatus.runtimeError
        }
        #endif
        return nil
    }

    /// Kernel threads per process when --threads is not given: the machine's cores shared among
    /// the ranks on it (nil, every core, when alone).
    static var defaultThreads: Int? {
        #if MPI
        if let mpi, mpi.localSize > 1 {
            return max(1, ProcessInfo.processInfo.activeProcessorCount / mpi.localSize)
        }
        #endif
        return nil
    }

    /// Wires the end of the job to this process's stop request (SIGTERM from mpirun, or Ctrl-C).
    static func watchStopRequests(_ isRequested: @escaping () -> Bool) {
        #if MPI
        mpi?.terminationRequested = isRequested
        #endif
    }

    /// Ends the job with this process's exit `status`: the ranks tell each other how they ended,
    /// rank 0 reports a follower's failure that it did not share, and every rank leaves with a
    /// failure status when any rank failed. Returns the status to exit with.
    static func end(status: Int32) -> Int32 {
        #if MPI
        guard let mpi else { return status }
        let outcome = MPIProcessGroup.RankOutcome(failed: status != ExitStatus.success, message: followerErrors)
        guard let outcomes = mpi.exchangeOutcomes(outcome) else {
            // A rank stopped answering or a collective was given up: only mpirun can end the rest.
            mpi.abort(status: status == ExitStatus.success ? ExitStatus.runtimeError : status)
        }
        var final = status
        if let failed = outcomes.indices.first(where: { outcomes[$0].failed }), final == ExitStatus.success {
            if mpi.isLeader {
                let text = outcomes[failed].message.isEmpty ? "it stopped with an error\n" : outcomes[failed].message
                TerminalOutput.writeAll("infoscope: rank \(failed) failed: \(text)", to: STDERR_FILENO)
            }
            final = ExitStatus.runtimeError
        }
        mpi.finalize()
        return final
        #else
        return status
        #endif
    }
}
