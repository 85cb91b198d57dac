import Glibc
import Language

/// Runs one non-interactive input — a file, a `-e` snippet or standard input — to completion.
struct ScriptRunner {
    /// What to do with the input.
    enum Mode {
        /// Run it.
        case run
        /// Parse and resolve it only (`infoscope check`).
        case check
    }

    /// The shared command-line options.
    let options: CommonOptions

    /// Runs or checks `source`, named `path` in diagnostics, and returns the exit status.
    ///
    /// Ctrl-C requests the interpreter's interrupt flag, which stops the script at its next safe
    /// point with status 130. A second Ctrl-C while the first is still pending ends the process
    /// at once, for code that never reaches a safe point.
    ///
    /// In an MPI job mpirun ends a job by sending SIGTERM, so it stops the script as Ctrl-C does,
    /// and ranks other than 0 run silently (`FollowerOutput`).
    func execute(source: String, path: String, mode: Mode) -> Int32 {
        let listener = InterruptListener(alsoTermination: Job.size > 1)
        defer { listener.cancel() }
        let terminal = options.makeOutput()
        let follower = Job.isFollower ? FollowerOutput() : nil
        let interpreter = Interpreter(options: options.interpreterOptions(), output: follower ?? terminal)
        let flag = interpreter.interrupt
        // A Ctrl-C typed at a terminal leaves its echo `^C` mid-line; one sent by `kill` does not.
        let typedAtTerminal = isatty(STDIN_FILENO) == 1
        listener.setAction {
            if flag.isRequested { _exit(ExitStatus.interrupted) }
            if typedAtTerminal { terminal.noteInterruptEcho() }
            flag.request()
        }
        Job.watchStopRequests { flag.isRequested }
        let outcome: RunOutcome
        switch mode {
        case .run: outcome = interpreter.run(source: source, path: path)
        case .check: outcome = interpreter.check(source: source, path: path)
        }
        Job.followerErrors = follower?.errors ?? ""
        return outcome.exitCode
    }

    /// Reads the script at `path` and runs or checks it; an unreadable file gives status 66.
    func execute(path: String, mode: Mode) -> Int32 {
        switch SourceLoader.read(path: path) {
        case .success(let source):
            return execute(source: source, path: path, mode: mode)
        case .failure(let error):
            return Self.report(error)
        }
    }

    /// Reads the script from standard input and runs or checks it.
    func executeStandardInput(mode: Mode) -> Int32 {
        guard Job.size == 1 else {
            TerminalOutput.writeAll("infoscope: error: \(CommandLineMessages.standardInputUnderMPI)\n", to: STDERR_FILENO)
            return ExitStatus.usage
        }
        switch SourceLoader.readStandardInput() {
        case .success(let source):
            return execute(source: source, path: SourceLoader.standardInputName, mode: mode)
        case .failure(let error):
            return Self.report(error)
        }
    }

    /// Prints an input error the way the command line reports its own errors.
    static func report(_ error: InputError) -> Int32 {
        TerminalOutput.writeAll("infoscope: error: \(error.message)\n", to: STDERR_FILENO)
        return ExitStatus.cannotOpenInput
    }
}
