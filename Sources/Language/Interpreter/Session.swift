import Foundation
import Learning
import TensorRuntime

/// What every evaluation of one interpreter shares besides names: its options and the worker
/// pool numeric work runs on.
final class Session {
    /// The interpreter's options (seed, quiet, threads).
    let options: InterpreterOptions
    private var createdPool: WorkerPool?
    private var scratch: String?

    init(options: InterpreterOptions) {
        self.options = options
    }

    deinit {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// This session's own directory for scratch files (`temp_dir()`): made on first use under the
    /// system's temporary directory (`$TMPDIR`, else /tmp) with a unique name, so parallel runs
    /// never share files, and removed with its contents when the session ends.
    func scratchDirectory() throws -> String {
        if let scratch { return scratch }
        let base = NSTemporaryDirectory().hasSuffix("/") ? String(NSTemporaryDirectory().dropLast()) : NSTemporaryDirectory()
        var template = Array((base + "/infoscope-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made else {
            throw RuntimeError(Messages.noScratchDirectory(base, String(cString: strerror(errno))))
        }
        scratch = made
        return made
    }

    /// How training progress is shown: nothing with --quiet, a self-rewriting line when standard
    /// error is a terminal, else one plain line per epoch.
    var progressStyle: ProgressFormatter.Style {
        if options.quiet { return .quiet }
        return options.progressOnTerminal ?? (isatty(STDERR_FILENO) != 0) ? .terminal : .plain
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
