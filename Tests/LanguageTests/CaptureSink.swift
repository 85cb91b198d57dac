import Language

/// Collects interpreter output in memory so tests can compare it.
final class CaptureSink: OutputSink {
    var standardOutput = ""
    var standardError = ""

    func write(_ text: String, to channel: OutputChannel) {
        switch channel {
        case .standardOutput: standardOutput += text
        case .standardError: standardError += text
        }
    }
}

/// Runs `source` in a fresh interpreter and returns the outcome and captured output.
func runScript(_ source: String, path: String = "<test>") -> (RunOutcome, CaptureSink) {
    let sink = CaptureSink()
    let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
    return (interpreter.run(source: source, path: path), sink)
}
