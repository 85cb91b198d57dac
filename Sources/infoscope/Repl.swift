import Foundation
import Language

/// The interactive session: reads entries with `LineReader`, evaluates them in one interpreter,
/// and keeps going after errors and Ctrl-C until `:quit` or Ctrl-D.
final class Repl {
    /// The prompt for a new entry.
    static let prompt = "infoscope> "
    /// The prompt while an entry is unfinished (braces open); as wide as `prompt` so code lines up.
    static let continuationPrompt = "      ...> "
    /// How many source entries have been evaluated: diagnostics name the entry they are in as
    /// `[3]:1:5` (line 1, column 5 of the third), as the notebook kernel names its cells.
    private var entryCount = 0

    let options: CommonOptions
    let output: TerminalOutput
    let interpreter: Interpreter
    /// Created before the interpreter, so every thread it starts leaves Ctrl-C to the listener.
    private let listener: InterruptListener
    /// A line (or Ctrl-C, Ctrl-D) read to see whether it continued the entry before it, and
    /// found to begin the next one instead.
    private var lookahead: LineReader.Event?

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
    /// The parser decides when an entry is complete (`Interpreter.entryStatus`). Ctrl-C abandons
    /// the entry and starts a new one; Ctrl-D in the middle of an unfinished entry submits it as
    /// it is, so its error is shown instead of the input vanishing. A finished entry is stored in
    /// the history as one item, however many lines it has; an abandoned one is not stored.
    ///
    /// Lines that start with `else` or `|>` continue the entry before them, as in a script:
    /// - after an `if` block with no `else`, one more line is read (with the continuation prompt)
    ///   before the entry runs: `else ...` joins it, an empty line runs it, and any other line
    ///   runs it and then starts the next entry;
    /// - after any other complete entry, a line that is already waiting (pasted, or typed ahead)
    ///   is read before the entry runs, and joins it when it starts with `|>` or `else`. Nothing
    ///   waits for a person to type: an expression shows its value at once.
    func readEntry(_ reader: LineReader) -> Entry? {
        var buffer = ""
        while true {
            let continuing = !buffer.isEmpty
            output.forgetInterruptEcho()
            let event = takeAhead() ?? reader.read(
                prompt: continuing ? Self.continuationPrompt : Self.prompt, continuing: continuing)
            switch event {
            case .interrupted:
                output.forgetInterruptEcho()  // The reader printed `^C` and the line break.
                buffer = ""
            case .endOfInput:
                if !continuing { return nil }
                output.write("\n", to: .standardOutput)
                return finished(buffer, reader)
            case .line(let line):
                if !continuing, line.trimmingWhitespace().hasPrefix(":") {
                    reader.remember(line)
                    return .command(line)
                }
                buffer += continuing ? "\n" + line : line
                if buffer.allSatisfy(\.isWhitespace) {
                    buffer = ""
                    continue
                }
                switch interpreter.entryStatus(buffer) {
                case .incomplete:
                    continue
                case .invalid:
                    return finished(buffer, reader)
                case .awaitingElse:
                    let next = reader.read(prompt: Self.continuationPrompt, continuing: true)
                    switch next {
                    case .line(let line) where Self.continuesEntry(line):
                        buffer += "\n" + line
                        continue
                    case .line(let line) where !line.allSatisfy(\.isWhitespace):
                        lookahead = next  // The start of the next entry, read after this one runs.
                    case .interrupted:
                        buffer = ""
                        continue
                    case .endOfInput:
                        output.write("\n", to: .standardOutput)
                    case .line:
                        break  // An empty line runs the entry.
                    }
                    return finished(buffer, reader)
                case .complete:
                    guard reader.hasWaitingInput() else { return finished(buffer, reader) }
                    let next = reader.read(prompt: Self.prompt, continuing: false)
                    if case .line(let line) = next, Self.continuesEntry(line) {
                        buffer += "\n" + line
                        continue
                    }
                    lookahead = next
                    return finished(buffer, reader)
                }
            }
        }
    }

    /// Whether `line` continues the entry before it rather than starting one: it begins with
    /// `|>` or with the word `else`.
    static func continuesEntry(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        if text.hasPrefix("|>") { return true }
        guard text.hasPrefix("else") else { return false }
        let after = text.dropFirst(4).first
        return after.map { !($0 == "_" || $0.isLetter || $0.isNumber) } ?? true
    }

    /// The event read ahead for the next entry, if any, taken once.
    private func takeAhead() -> LineReader.Event? {
        defer { lookahead = nil }
        return lookahead
    }

    /// Stores a finished entry in the history, as one item, and hands it over.
    private func finished(_ source: String, _ reader: LineReader) -> Entry {
        reader.remember(source)
        return .source(source)
    }

    /// Evaluates one entry. The interpreter prints values, errors and "interrupted" itself, so
    /// whatever the outcome the session simply goes on.
    func evaluate(_ source: String) {
        entryCount += 1
        _ = interpreter.evaluateInteractive(source, inputName: "[\(entryCount)]")
    }
}
