import ArgumentParser
import Foundation
import Language

/// The options shared by running a script, running a snippet, the REPL and `check`.
struct CommonOptions: ParsableArguments {
    /// The most threads `--threads` accepts: far above the core count of any machine this runs
    /// on, so a larger value is a typo rather than a wish, and it bounds what the pool allocates.
    static let maximumThreads = 1024

    // Values are taken unconditionally so that `--seed -1` is read as a (wrong) seed, not as a
    // missing value followed by an unknown flag.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "One seed for every random choice (initialisation, shuffling, sampling).", valueName: "n"),
        transform: CommonOptions.seed)
    var seed: UInt64 = 0

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Worker threads for the tensor kernels (default: one per core).", valueName: "n"),
        transform: CommonOptions.threadCount)
    var threads: Int?

    static func seed(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else { throw ValidationError(CommandLineMessages.badSeed) }
        return value
    }

    static func threadCount(_ text: String) throws -> Int {
        guard let value = Int(text), (1...maximumThreads).contains(value) else {
            throw ValidationError(CommandLineMessages.threadsOutOfRange(maximum: maximumThreads))
        }
        return value
    }

    @Flag(name: .long, help: "Print only what the script prints: no banner, no progress lines.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp(
        "Colour output: auto (when writing to a terminal and NO_COLOR is unset), on or off.",
        valueName: "when"))
    var color: ColorMode = .auto

    /// The output sink these options ask for, writing to this process's stdout and stderr.
    func makeOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalOutput {
        TerminalOutput(
            colorOnStandardOutput: color.colors(descriptor: STDOUT_FILENO, environment: environment),
            colorOnStandardError: color.colors(descriptor: STDERR_FILENO, environment: environment))
    }

    /// The interpreter options these command-line options stand for.
    func interpreterOptions(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> InterpreterOptions
    {
        var options = InterpreterOptions()
        options.seed = seed
        options.threads = threads ?? Job.defaultThreads
        options.quiet = quiet
        options.helpWidth = TerminalWidth.of(STDOUT_FILENO, environment: environment)
        // The interpreter colours when either stream may show it; the sink strips colour from a
        // stream that may not, so one flag serves a terminal stdout with a redirected stderr.
        options.color = color.colors(descriptor: STDOUT_FILENO, environment: environment)
            || color.colors(descriptor: STDERR_FILENO, environment: environment)
        return options
    }
}
