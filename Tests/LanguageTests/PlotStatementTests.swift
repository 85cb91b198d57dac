import Foundation
import Language
import XCTest

/// The `plot` statement is the `plot(...)` call: the same errors at the same places, the same
/// argument completion, and help that shows both forms.
final class PlotStatementTests: XCTestCase {
    /// Standard error without the echoed source line, which differs between the two spellings.
    func diagnostics(_ source: String) -> [String] {
        let (outcome, sink) = runScript(source + "\n")
        XCTAssertNotEqual(outcome, .success, source)
        return sink.standardError.components(separatedBy: "\n").filter { $0 != "  " + source && !$0.isEmpty }
    }

    func testStatementErrorsMatchTheCallsAtTheSameColumns() {
        // `plot(` and `plot ` have the same length, so every argument sits at the same column.
        let pairs = [
            (#"plot([1, 2], to: "x.pdf", title: "t")"#, #"plot [1, 2], to: "x.pdf", title: "t""#),
            (#"plot([1, "a"], to: "x.svg")"#, #"plot [1, "a"], to: "x.svg""#),
            (#"plot([[1], 2], to: "x.svg")"#, #"plot [[1], 2], to: "x.svg""#),
            (#"plot([1, 2], to: "x.svg", x_values: [1])"#, #"plot [1, 2], to: "x.svg", x_values: [1]"#),
            (#"plot([1, 2], too: "x.svg")"#, #"plot [1, 2], too: "x.svg""#),
            (#"plot([1, 2], title: "t")"#, #"plot [1, 2], title: "t""#),
            (#"plot(3, to: "x.svg")"#, #"plot 3, to: "x.svg""#),
        ]
        for (call, statement) in pairs {
            let expected = diagnostics(call)
            XCTAssertFalse(expected.isEmpty, call)
            XCTAssertTrue(expected[0].hasPrefix("<test>:1:"), expected[0])
            XCTAssertEqual(diagnostics(statement), expected, statement)
        }
    }

    func testBarePlotIsTheCallWithoutArguments() {
        let call = diagnostics("plot()")
        let statement = diagnostics("plot")
        XCTAssertEqual(call.first, statement.first)
        XCTAssertTrue(statement.first?.contains("'series'") ?? false, statement.joined(separator: "\n"))
    }

    func testStatementInsideALoopReportsTheArgumentOnItsLine() {
        let source = "for k in [1] {\n    plot [k], to: \"fisher_{k}.pdf\"\n}"
        let (outcome, sink) = runScript(source)
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(sink.standardError.hasPrefix("<test>:2:15: error: cannot plot to 'fisher_1.pdf'"), sink.standardError)
    }

    func testInterpolatedArgumentsReachTheFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let source = "for k in [0, 1] {\n    plot [k, k + 1], to: \"\(dir.path)/fisher_{k}.svg\", title: \"Fisher trace, deficit {k}\"\n}\n"
        let (outcome, sink) = runScript(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "", "the statement prints nothing")
        for k in 0...1 {
            let svg = try String(contentsOf: dir.appendingPathComponent("fisher_\(k).svg"), encoding: .utf8)
            XCTAssertTrue(svg.contains(">Fisher trace, deficit \(k)</text>"), svg)
        }
    }

    func testArgumentNamesCompleteInTheStatement() {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        XCTAssertEqual(interpreter.completions(for: "plot xs, lo", cursor: 11).filter { $0.hasSuffix(":") }, ["log_x:", "log_y:"])
        XCTAssertTrue(interpreter.completions(for: "for k in xs { plot xs, x_", cursor: 25).contains("x_values:"))
        XCTAssertFalse(interpreter.completions(for: "print xs, lo", cursor: 12).contains("log_y:"))
        XCTAssertTrue(interpreter.completions(for: "pl", cursor: 2).contains("plot"))
        XCTAssertTrue(interpreter.needsMoreInput("plot xs, to: \"a.svg\","), "the REPL waits for the rest after a comma")
    }

    func testHelpShowsTheCallAndTheStatement() throws {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        let help = try XCTUnwrap(interpreter.help(topic: "plot"))
        XCTAssertTrue(help.hasPrefix("plot SERIES, to: \"file.svg\""), help)
        XCTAssertTrue(help.contains("\nplot(series, to"), help)
        XCTAssertTrue(help.hasSuffix("to: \"{temp_dir()}/panels.svg\", panels: true)\n"), "the example stays last")
        let dataset = try XCTUnwrap(interpreter.help(topic: "dataset"))
        XCTAssertTrue(dataset.contains("dataset NAME = EXPR"), dataset)
    }
}
