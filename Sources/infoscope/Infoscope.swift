import ArgumentParser
import Glibc
import Language
import TensorKernels
import TensorRuntime

/// The `infoscope` command: runs a script, a snippet, standard input or the REPL, or checks a
/// script without running it.
///
/// `check` is recognised as the first positional argument rather than declared as an
/// argument-parser subcommand, so every option works before or after it
/// (`infoscope --seed 1 check a.isc` and `infoscope check a.isc --seed 1` alike) and a bare
/// file is the default action. A script that is literally named `check` runs as `infoscope ./check`.
@main
struct Infoscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infoscope",
        abstract: "A language for finding out where the information in a deep network is.",
        usage: """
            infoscope [<options>]                    the REPL (runs stdin instead when it is not a terminal)
              infoscope [<options>] <file.isc>         run a script ('-' reads stdin)
              infoscope [<options>] -e <code>          run a snippet
              infoscope check [<options>] <file.isc>   parse and resolve only; run nothing
              infoscope help [<name>]                  the help on a builtin or keyword, or the overview
              infoscope --kernel                       the Jupyter kernel's line protocol on stdin/stdout
            """,
        discussion: """
            Exit status: 0 success, 64 usage error, 65 compile error, 66 cannot open input, \
            70 runtime error, 130 interrupted (Ctrl-C).
            """,
        version: "infoscope \(infoscopeVersion)\n\(KernelPath.description)\n\(Job.buildDescription)")

    @OptionGroup var options: CommonOptions

    @Option(name: .customShort("e"), help: ArgumentHelp("Run (or check) <code> instead of a file.", valueName: "code"))
    var expression: String?

    @Flag(name: .long, help: "Answer JSON requests on stdin with JSON events on stdout, for the Jupyter kernel (docs/kernel.md).")
    var kernel = false

    @ArgumentParser.Argument(help: ArgumentHelp(
        "A script to run ('-' reads stdin), or 'check' and the script to check.", valueName: "file.isc"))
    var arguments: [String] = []

    /// What the command line asks for, once validated.
    enum Action: Equatable {
        /// Run (`check: false`) or check the given input.
        case execute(input: Input, check: Bool)
        /// Start the REPL, or run stdin when it is not a terminal.
        case interactive
        /// Print the help on a builtin or keyword (`infoscope help NAME`), or the overview.
        case help(topic: String?)
        /// Serve the kernel's line protocol (`--kernel`).
        case kernel
    }

    /// Where a script's text comes from.
    enum Input: Equatable {
        case file(String)
        case standardInput
        case snippet(String)
    }

    /// The action the arguments ask for, or the usage error they contain.
    func action() throws -> Action {
        if kernel {
            guard arguments.isEmpty, expression == nil else { throw ValidationError(CommandLineMessages.kernelTakesNoInput) }
            return .kernel
        }
        var positional = arguments[...]
        if positional.first == "help", expression == nil {
            guard positional.count <= 2 else { throw ValidationError(CommandLineMessages.helpTakesOneName) }
            return .help(topic: positional.dropFirst().first)
        }
        let check = positional.first == "check"
        if check { positional = positional.dropFirst() }
        guard positional.count <= 1 else {
            throw ValidationError(CommandLineMessages.extraArgument(positional[positional.startIndex + 1]))
        }
        switch (positional.first, expression) {
        case (.some, .some):
            throw ValidationError(CommandLineMessages.fileAndSnippet)
        case (nil, .some(let code)):
            return .execute(input: .snippet(code), check: check)
        case (.some(let path), nil):
            return .execute(input: path == "-" ? .standardInput : .file(path), check: check)
        case (nil, nil):
            if check { throw ValidationError(CommandLineMessages.checkNeedsScript) }
            return .interactive
        }
    }

    mutating func validate() throws {
        _ = try action()
    }

    /// Parses the command line and runs what it asks for, exiting with an `ExitStatus`.
    static func main() {
        if let status = refuseBadKernelSettings(report: { TerminalOutput.writeAll($0 + "\n", to: STDERR_FILENO) }) {
            Glibc.exit(status)
        }
        if let status = Job.start() { Glibc.exit(status) }
        TensorMemory.keepFreedBuffers()
        Glibc.exit(Job.end(status: main(arguments: Array(CommandLine.arguments.dropFirst()))))
    }

    /// Checks the kernel settings before anything runs: an unknown `INFOSCOPE_KERNELS` or
    /// `INFOSCOPE_DENORMALS`, or a kernel path this CPU lacks, stops the program here with the
    /// reason. Returns the exit status (70, as for a runtime error), or nil after setting the
    /// denormal mode on the main thread (docs/cpu.md).
    static func refuseBadKernelSettings(report: (String) -> Void) -> Int32? {
        guard let problem = KernelSettings.prepareMainThread() else { return nil }
        report(problem)
        return ExitStatus.runtimeError
    }

    /// Parses `arguments` (without the program name), runs the command, returns the exit status.
    static func main(arguments: [String]) -> Int32 {
        do {
            let command = try parse(arguments)
            return try command.execute()
        } catch {
            return reportParseError(error)
        }
    }

    /// Prints help, the version or a usage error; only the last is a failure, with status 64.
    static func reportParseError(_ error: Error) -> Int32 {
        let message = fullMessage(for: error)
        let success = exitCode(for: error) == .success
        // In an MPI job rank 0 alone prints, as for everything else.
        if Job.isFollower { return success ? ExitStatus.success : ExitStatus.usage }
        if success {
            TerminalOutput.writeAll(message + "\n", to: STDOUT_FILENO)
            return ExitStatus.success
        }
        TerminalOutput.writeAll(message + "\n", to: STDERR_FILENO)
        return ExitStatus.usage
    }

    /// Runs or checks the input, or starts the REPL, and returns the exit status.
    func execute() throws -> Int32 {
        let runner = ScriptRunner(options: options)
        switch try action() {
        case .execute(let input, let check):
            let mode: ScriptRunner.Mode = check ? .check : .run
            switch input {
            case .file(let path): return runner.execute(path: path, mode: mode)
            case .standardInput: return runner.executeStandardInput(mode: mode)
            case .snippet(let code): return runner.execute(source: code, path: "<command line>", mode: mode)
            }
        case .interactive where Job.size > 1, .kernel where Job.size > 1:
            // Only rank 0 would hear the user; the other ranks could not follow along.
            TerminalOutput.writeAll("infoscope: error: \(CommandLineMessages.interactiveUnderMPI)\n", to: STDERR_FILENO)
            return ExitStatus.usage
        case .interactive:
            if isatty(STDIN_FILENO) == 1 {
                return Repl(options: options).run()
            }
            return runner.executeStandardInput(mode: .run)
        case .kernel:
            guard let session = KernelSession(options: options) else {
                TerminalOutput.writeAll("infoscope: error: \(CommandLineMessages.noDescriptorsForKernel)\n", to: STDERR_FILENO)
                return ExitStatus.cannotOpenInput
            }
            return session.run()
        case .help(let topic):
            let output: any OutputSink = Job.isFollower ? FollowerOutput() : options.makeOutput()
            let interpreter = Interpreter(options: options.interpreterOptions(), output: output)
            guard let text = interpreter.help(topic: topic, width: TerminalWidth.of(STDOUT_FILENO)) else {
                output.write("error: \(CommandLineMessages.noHelpFromShell(topic ?? ""))\n", to: .standardError)
                return ExitStatus.usage
            }
            output.write(text.hasSuffix("\n") ? text : text + "\n", to: .standardOutput)
            return ExitStatus.success
        }
    }
}
