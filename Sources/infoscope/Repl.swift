import Foundation
import Language

/// The interactive session: reads entries with `LineReader`, evaluates them in one interpreter,
/// and keeps going after errors and Ctrl-C until `:quit` or Ctrl-D.
final class Repl {
    /// The prompt for a new entry.
    static let prompt = "infoscope> "
    /// The prompt while an entry is unfinished (braces open); as wide as `prompt` so code lines up.
    static let continuationPrompt = "      ...> "
    /// The name of REPL input in diagnostics.
    static let inputName = "<repl>"

    let options: CommonOptions
    let output: TerminalOutput
    let interpreter: Interpreter
    /// Created before the interpreter, so every thread it starts leaves Ctrl-C to the listener.
    private let listener: InterruptListener

    /// Creates a session with a fresh interpreter.
    init(options: CommonOptions) {
        self.options = options
        listener = InterruptListener()
        output = options.makeOutput()
        interpreter = Interpreter(options: options.interpreterOptions(), output: output)
    }

    /// One complete thing the user typed.
    enum Entry {
        /// Source code, possibly several lines.
        case source(String)
        /// A line starting with `:`.
        case command(String)
    }

    /// Runs the session and returns the exit status (0: the user left).
    func run() -> Int32 {
        guard let wake = WakePipe() else {
            output.write("infoscope: error: \(CommandLineMessages.noDescriptorsForRepl)\n", to: .standardError)
            return ExitStatus.cannotOpenInput
        }
        let flag = interpreter.interrupt
        // Wake the line reader before raising the flag, so by the time evaluation sees the flag
        // the pipe is written and the reader drains that stale wake-up before the next prompt.
        listener.setAction { [output] in
            output.noteInterruptEcho()
            wake.notify()
            flag.request()
        }
        defer { listener.cancel() }
        let reader = LineReader(
            wake: wake,
            history: HistoryFile.fromEnvironment(ProcessInfo.processInfo.environment),
            completions: { [interpreter] line, cursor in interpreter.completions(for: line, cursor: cursor) })
        defer { reader.finish() }
        if !options.quiet {
            output.write("Infoscope \(infoscopeVersion). \(CommandLineMessages.banner)\n",
                         to: .standardOutput)
        }
        while let entry = readEntry(reader) {
            switch entry {
            case .source(let source):
                evaluate(source)
            case .command(let line):
                if perform(line) == .quit { return ExitStatus.success }
            }
        }
        output.write("\n", to: .standardOutput)
        return ExitStatus.success
    }

    /// Reads lines until they make a complete entry; nil when the user is done (Ctrl-D).
    ///
    /// Ctrl-C abandons the entry and starts a new one. Ctrl-D in the middle of an unfinished
    /// entry submits it as it is, so its error is shown instead of the input vanishing.
    func readEntry(_ reader: LineReader) -> Entry? {
        var buffer = ""
        while true {
            let continuing = !buffer.isEmpty
            output.forgetInterruptEcho()
            switch reader.read(prompt: continuing ? Self.continuationPrompt : Self.prompt, continuing: continuing) {
            case .interrupted:
                output.forgetInterruptEcho()  // The reader printed `^C` and the line break.
                buffer = ""
            case .endOfInput:
                if !continuing { return nil }
                output.write("\n", to: .standardOutput)
                return .source(buffer)
            case .line(let line):
                reader.remember(line)
                if !continuing, line.trimmingWhitespace().hasPrefix(":") {
                    return .command(line)
                }
                buffer += continuing ? "\n" + line : line
                if buffer.allSatisfy(\.isWhitespace) {
                    buffer = ""
                } else if !interpreter.needsMoreInput(buffer) {
                    return .source(buffer)
                }
            }
        }
    }

    /// Evaluates one entry. The interpreter prints values, errors and "interrupted" itself, so
    /// whatever the outcome the session simply goes on.
    func evaluate(_ source: String) {
        _ = interpreter.evaluateInteractive(source, inputName: Self.inputName)
    }
}
