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
func runScript(_ source: String, path: String = "<test>", quiet: Bool = true) -> (RunOutcome, CaptureSink) {
    let sink = CaptureSink()
    // Training progress carries timings, so scripts run quietly unless a test asks otherwise.
    var options = InterpreterOptions()
    options.quiet = quiet
    let interpreter = Interpreter(options: options, output: sink)
    return (interpreter.run(source: source, path: path), sink)
}
