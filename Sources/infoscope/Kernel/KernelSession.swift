import Foundation
import Glibc
import Language

/// `infoscope --kernel`: one interpreter session driven by JSON requests on standard input, one
/// per line, answered by JSON events on standard output (docs/kernel.md). The Jupyter kernel in
/// `jupyter/` runs it as a child process.
///
/// Requests run one at a time on the main thread; SIGINT, taken by `InterruptListener` on its
/// own thread, stops a running execute at its next safe point and the session goes on.
final class KernelSession {
    private let listener: InterruptListener
    private let channel: KernelChannel
    private let output: KernelOutput
    private let interpreter: Interpreter
    /// Executes so far; the next one is numbered one more, as IPython numbers its cells.
    private var executionCount = 0

    /// Prepares the session; nil when standard output cannot be taken over.
    init?(options: CommonOptions) {
        // First, so every thread started later leaves SIGINT to the listener. It installs its
        // handling whatever the parent set: Jupyter starts kernels with SIGINT ignored.
        listener = InterruptListener()
        guard let channel = KernelChannel.takeOverStandardOutput() else { return nil }
        self.channel = channel
        output = KernelOutput(channel: channel)
        var interpreterOptions = options.interpreterOptions()
        // No escape codes and no redrawn progress line: the events carry plain text.
        interpreterOptions.color = false
        interpreterOptions.progressOnTerminal = false
        interpreter = Interpreter(options: interpreterOptions, output: output)
    }

    /// Answers requests until `shutdown` or the end of standard input; returns the exit status.
    func run() -> Int32 {
        let flag = interpreter.interrupt
        listener.setAction { flag.request() }
        defer { listener.cancel() }
        channel.send(["id": NSNull(), "type": "ready", "version": infoscopeVersion])
        while let line = readLine(strippingNewline: true) {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            switch KernelRequest.parse(line) {
            case .failure(let malformed):
                output.begin(malformed.id)
                output.send("error", ["message": malformed.message])
                output.send("done", ["status": "error"])
            case .success(let request):
                output.begin(request.id)
                if !handle(request) { return ExitStatus.success }
            }
        }
        return ExitStatus.success
    }

    /// Answers one request with its events and exactly one `done`; false after `shutdown`.
    private func handle(_ request: KernelRequest) -> Bool {
        switch request.kind {
        case .execute:
            executionCount = request.executionCount ?? executionCount + 1
            let outcome = interpreter.evaluateInteractive(request.code, inputName: "[\(executionCount)]")
            output.send("done", ["status": Self.status(outcome), "execution_count": executionCount])
        case .isComplete:
            output.send("done", ["status": "ok"].merging(Self.completeness(interpreter.entryStatus(request.code))) { $1 })
        case .complete:
            output.send("done", completion(request))
        case .inspect:
            output.send("done", inspection(request))
        case .shutdown:
            output.send("done", ["status": "ok"])
            return false
        }
        return true
    }

    /// The `done` status of an execute: an interrupt is "aborted", as the request stopped early.
    static func status(_ outcome: RunOutcome) -> String {
        switch outcome {
        case .success: return "ok"
        case .compileError, .runtimeError: return "error"
        case .interrupted: return "aborted"
        }
    }

    /// `is_complete`'s answer in Jupyter's words. An `if` without `else` is "incomplete" with no
    /// indent, as the REPL reads one more line for it: an empty line then completes it.
    static func completeness(_ status: EntryStatus) -> [String: Any] {
        switch status {
        case .complete: return ["completeness": "complete"]
        case .awaitingElse: return ["completeness": "incomplete", "indent": ""]
        case .incomplete(let indent): return ["completeness": "incomplete", "indent": indent]
        case .invalid: return ["completeness": "invalid"]
        }
    }

    /// The names that complete the word before the cursor, and the span of code they replace.
    private func completion(_ request: KernelRequest) -> [String: Any] {
        let before = Self.prefix(of: request.code, codePoints: request.cursorPosition)
        let matches = interpreter.completions(for: before, cursor: before.count)
        let word = before.reversed().prefix { Self.isWordCharacter($0) }
        let start = request.cursorPosition - String(word).unicodeScalars.count
        return ["status": "ok", "matches": matches, "cursor_start": start, "cursor_end": request.cursorPosition]
    }

    /// The help on the name at the cursor (or on the function whose `(` is just before it): the
    /// text `:help NAME` prints.
    private func inspection(_ request: KernelRequest) -> [String: Any] {
        guard let name = Self.name(at: request.cursorPosition, in: request.code),
              let text = interpreter.help(topic: name)
        else {
            return ["status": "ok", "found": false, "data": [String: Any]()]
        }
        return ["status": "ok", "found": true, "data": ["text/plain": text]]
    }

    /// The name the cursor is in or just after; failing that, the callee of a `(` right before it.
    static func name(at cursor: Int, in code: String) -> String? {
        let before = Array(prefix(of: code, codePoints: cursor))
        let after = Array(code.dropFirst(before.count))
        var end = before.count
        if before.last.map({ !isWordCharacter($0) }) ?? true, !(after.first.map(isWordCharacter) ?? false) {
            // `train(|`: the function being called.
            while end > 0, before[end - 1] == " " { end -= 1 }
            guard end > 0, before[end - 1] == "(" else { return nil }
            end -= 1
        }
        var start = end
        while start > 0, isWordCharacter(before[start - 1]) { start -= 1 }
        let tail = end == before.count ? after.prefix { isWordCharacter($0) } : []
        let name = String(before[start..<end]) + String(tail)
        return name.isEmpty ? nil : name
    }

    /// The characters of `code` before code point `codePoints`.
    static func prefix(of code: String, codePoints: Int) -> String {
        String(String.UnicodeScalarView(code.unicodeScalars.prefix(codePoints)))
    }

    static func isWordCharacter(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
}
