import Foundation
import Learning
import TensorRuntime

/// What every evaluation of one interpreter shares besides names: its options and the worker
/// pool numeric work runs on.
final class Session {
    /// The interpreter's options (seed, quiet, threads).
    let options: InterpreterOptions
    private var createdPool: WorkerPool?

    init(options: InterpreterOptions) {
        self.options = options
    }

    /// How training progress is shown: nothing with --quiet, a self-rewriting line when standard
    /// error is a terminal, else one plain line per epoch.
    var progressStyle: ProgressFormatter.Style {
        if options.quiet { return .quiet }
        return isatty(STDERR_FILENO) != 0 ? .terminal : .plain
    }

    /// The worker pool sized by `--threads` (default: one thread per core), started on first use
    /// so scripts that do no numeric work start no threads.
    var pool: WorkerPool {
        if let createdPool { return createdPool }
        let count = options.threads ?? ProcessInfo.processInfo.activeProcessorCount
        let made = WorkerPool(threadCount: count)
        createdPool = made
        return made
    }
}
