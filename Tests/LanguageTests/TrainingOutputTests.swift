import Language
import XCTest

/// Training's progress lines and interrupts, which golden scripts (run quietly) cannot show.
final class TrainingOutputTests: XCTestCase {
    static let script = """
        network mlp { input [2]; dense(8) relu; dense(2) }
        let run = train(mlp(), on: moons(200, seed: 0), epochs: 3, batch: 20, seed: 0)

        """

    func testProgressLinesGoToStandardErrorUnlessQuiet() {
        let (outcome, sink) = runScript(Self.script, quiet: false)
        XCTAssertEqual(outcome, .success)
        XCTAssertTrue(sink.standardError.contains("epoch 1/3  loss "), sink.standardError)
        XCTAssertTrue(sink.standardError.contains("epoch 3/3  loss "), sink.standardError)
        XCTAssertTrue(sink.standardError.contains(" samples/s  ETA "), sink.standardError)
        XCTAssertEqual(sink.standardOutput, "")
        let (quietOutcome, quiet) = runScript(Self.script, quiet: true)
        XCTAssertEqual(quietOutcome, .success)
        XCTAssertEqual(quiet.standardError, "")
    }

    /// Asks the interpreter to stop as soon as a progress text it is told of is written (by
    /// default the first epoch's line).
    final class InterruptingSink: OutputSink {
        var interpreter: Interpreter?
        var standardOutput = "", standardError = ""
        let stopsAt: (String) -> Bool
        init(stopsAt: @escaping (String) -> Bool = { $0.contains("epoch 1/") }) { self.stopsAt = stopsAt }
        func write(_ text: String, to channel: OutputChannel) {
            if channel == .standardOutput { standardOutput += text; return }
            standardError += text
            if stopsAt(text) { interpreter?.interrupt.request() }
        }
    }

    /// On a terminal the step line is redrawn without a newline: a Ctrl-C mid-epoch ends it
    /// before the "stopped" message, which starts a line of its own.
    func testInterruptOnATerminalEndsTheProgressLineFirst() {
        var options = InterpreterOptions()
        options.progressOnTerminal = true
        let sink = InterruptingSink { $0.hasPrefix("\r") && $0.contains("epoch 2/") }
        let interpreter = Interpreter(options: options, output: sink)
        sink.interpreter = interpreter
        XCTAssertEqual(interpreter.evaluateInteractive(Self.script + "print 1\n", inputName: "<repl>"), .interrupted)
        XCTAssertTrue(sink.standardError.contains("ETA 0:00\nstopped after epoch 1 (step 11)"), sink.standardError)
    }

    func testInterruptStopsTrainingAndKeepsThePartialRun() {
        let sink = InterruptingSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        sink.interpreter = interpreter
        let outcome = interpreter.evaluateInteractive(Self.script + "print \"not reached\"\n", inputName: "<repl>")
        XCTAssertEqual(outcome, .interrupted)
        XCTAssertTrue(sink.standardError.contains("stopped after epoch 1 (step 10); run keeps the history so far"),
                      sink.standardError)
        XCTAssertEqual(sink.standardOutput, "")
        XCTAssertEqual(interpreter.evaluateInteractive("print run.epochs, run.interrupted, len(run.loss)\n", inputName: "<repl>"),
                       .success)
        XCTAssertEqual(sink.standardOutput, "1 true 1\n")
    }
}
