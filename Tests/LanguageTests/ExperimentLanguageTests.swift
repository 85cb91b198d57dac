import Language
import XCTest

/// The experiment runners at the prompt and under `check`: cost lines, completion of their named
/// arguments and their help.
final class ExperimentLanguageTests: XCTestCase {
    private func check(_ source: String) -> (RunOutcome, CaptureSink) {
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        return (interpreter.check(source: source, path: "c.isc"), sink)
    }

    private func costLines(_ sink: CaptureSink) -> [String] {
        sink.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  line ") }
    }

    func testCheckPricesEachRunnerFromTheRecipeAndTheDataSizes() {
        let source = """
            network tiny(width = 4) {
                conv(width, kernel: 5, stride: 2) relu
                flatten
                dense(10)
            }
            network flat { input [2]; dense(8) relu; dense(3) }
            schedule quick { optimizer sgd(lr: 0.1); batch 32; epochs 4 }
            let data = glyphs(400, seed: 0) |> normalize
            let r = critical_period(tiny, on: data, eval: glyphs(100, seed: 1), lengths: [0, 2], clean: 3)
            let b = batch_size_sweep(flat, on: blobs(200, classes: 3, seed: 0), sizes: [8, 64], with: quick)
            let c = class_count_sweep(flat, on: blobs(200, classes: 3, seed: 0), classes: [2, 3], epochs: 2, exact: true)
            let d = critical_period(fn() => tiny(width: 2), on: data)

            """
        let (outcome, sink) = check(source)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let lines = costLines(sink)
        guard lines.count == 4 else { return XCTFail(sink.standardOutput) }
        // Runs of 3 and 5 epochs (deficit plus clean).
        XCTAssertTrue(lines[0].hasPrefix("  line 9: critical_period (2 runs, 8 epochs in all): about "), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("  line 10: batch_size_sweep (2 runs of 4 epochs): about "), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("  line 11: class_count_sweep (2 runs of 2 epochs): about "), lines[2])
        XCTAssertEqual(lines[3], "  line 12: critical_period: cost unknown until the script runs (the network is computed)")
    }

    func testTheCostGrowsWithTheDeficitLengths() {
        func flops(_ lengths: String) -> Double? {
            let (_, sink) = check("""
                network m { input [1, 28, 28]; flatten; dense(10) }
                critical_period(m, on: glyphs(1000, seed: 0), lengths: \(lengths), clean: 2)

                """)
            guard let line = costLines(sink).first, let about = line.range(of: "about "),
                  let unit = line.range(of: " GFLOP") ?? line.range(of: " MFLOP") else { return nil }
            let value = Double(line[about.upperBound..<unit.lowerBound])
            return line[unit].contains("G") ? value.map { $0 * 1000 } : value
        }
        guard let short = flops("[0, 1]"), let long = flops("[0, 1, 8]") else { return XCTFail("no cost line") }
        // [0, 1]: 5 epochs and 7 Fisher passes; [0, 1, 8]: 15 epochs and 18 passes.
        XCTAssertGreaterThan(long, 2.5 * short)
        XCTAssertLessThan(long, 3.5 * short)
    }

    func testNamedArgumentsCompleteAndHelpCitesThePapers() {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        XCTAssertEqual(interpreter.completions(for: "critical_period(m, le", cursor: 21).filter { $0.hasSuffix(":") }, ["lengths:"])
        XCTAssertEqual(interpreter.completions(for: "batch_size_sweep(m, si", cursor: 22).filter { $0.hasSuffix(":") }, ["sizes:"])
        XCTAssertTrue(interpreter.completions(for: "class_count_sweep(m, fisher", cursor: 27).contains("fisher_samples:"))
        let help = interpreter.help(topic: "critical_period") ?? ""
        XCTAssertTrue(help.contains("Critical Learning Periods in Deep Networks"), help)
        XCTAssertTrue(help.contains("deficit: \"blur\""), help)
        XCTAssertTrue((interpreter.help(topic: "batch_size_sweep") ?? "").contains("Where is the Information in a Deep Neural Network?"))
        XCTAssertTrue((interpreter.help(topic: nil) ?? "").contains("  runners  critical_period, batch_size_sweep, class_count_sweep\n"))
    }
}
