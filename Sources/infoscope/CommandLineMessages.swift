/// Every message the command line and the REPL print themselves, in one place: lower-case, no
/// final period, naming what was wrong and, where it helps, what would be right.
enum CommandLineMessages {
    // Usage errors (exit status 64).
    // Shown after ArgumentParser's "The value 'X' is invalid for '--option <n>': ".
    static func threadsOutOfRange(maximum: Int) -> String { "thread counts are whole numbers from 1 to \(maximum)" }
    static let badSeed = "seeds are whole numbers from 0 to 18446744073709551615 (never negative)"
    static func extraArgument(_ argument: String) -> String {
        "unexpected argument '\(argument)': give one script at most"
    }
    static let fileAndSnippet = "give either a script file or -e <code>, not both"
    static let helpTakesOneName = "'help' takes one name at most, as in 'infoscope help fisher_trace'"
    static let kernelTakesNoInput = "'--kernel' reads its requests from stdin: give no script, 'check', 'help' or -e with it"
    static let checkNeedsScript = "'check' needs a script, as in 'infoscope check examples/quickstart.isc'"

    // Inputs that cannot be opened (exit status 66; also `:load`).
    static func cannotOpen(_ path: String, _ reason: String) -> String { "cannot open '\(path)': \(reason)" }
    static func isDirectory(_ path: String) -> String { "cannot open '\(path)': it is a directory, not a script" }
    static func cannotRead(_ name: String, _ reason: String) -> String { "cannot read '\(name)': \(reason)" }
    static func notUTF8(_ name: String, line: Int, offset: Int) -> String {
        "cannot read '\(name)': not UTF-8 text (invalid byte at line \(line), byte offset \(offset))"
    }
    static let noDescriptorsForRepl = "cannot start the REPL: no file descriptors left"
    static let noDescriptorsForKernel = "cannot start the kernel: no file descriptors left"

    // MPI jobs (docs/distributed.md).
    static let standardInputUnderMPI =
        "under mpirun a script must be a file (mpirun gives standard input to rank 0 only): mpirun -np N infoscope script.isc"
    static let interactiveUnderMPI =
        "the REPL and the kernel run as one process; under mpirun give a script file: mpirun -np N infoscope script.isc"

    // REPL commands.
    static let loadNeedsFile = "':load' needs a file, as in ':load examples/quickstart.isc'"
    static func takesNoArgument(_ command: String, _ argument: String) -> String {
        "'\(command)' takes no argument, got '\(argument)'"
    }
    static func unknownCommand(_ command: String, summary: String) -> String {
        "unknown command '\(command)'; the commands are:\n" + summary
    }
    static func noHelp(_ topic: String) -> String { "no help on '\(topic)'; type :help for the topics" }
    static func noHelpFromShell(_ topic: String) -> String { "no help on '\(topic)'; 'infoscope help' lists the topics" }
    static let noVariables = "no variables yet"
    static let sessionReset = "session reset: every variable and definition is gone"
    static let banner = "Type :help for help, :quit or Ctrl-D to leave."
}
