import Foundation
import Language
import XCTest

/// What golden scripts cannot show of the probes: exported files' contents, the run table with
/// probe columns, help text and REPL completion.
final class ProbeLanguageTests: XCTestCase {
    static let t1 = """
        let t1 = dataset(x: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]], y: [1, 0, 1, 1])
        network logistic { input [2]; dense(1, bias: false) }
        var net = logistic()
        net.layers[0].weight = [[0.3, -0.7]]

        """

    private func temporaryPath(_ ext: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).\(ext)").path
    }

    func testSaveWritesThePrintedTableAndTheLibrarysDetail() throws {
        let csv = temporaryPath("csv"), json = temporaryPath("json")
        defer { try? FileManager.default.removeItem(atPath: csv); try? FileManager.default.removeItem(atPath: json) }
        let (outcome, sink) = runScript(Self.t1 + "let f = fisher_trace(net, on: t1, exact: true)\nf.save(\"\(csv)\")\nf.save(\"\(json)\")\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("# Fisher information, trace — "), text)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines.first, "layer,tr F,share")
        XCTAssertEqual(lines.count, 3)  // the layer, the total
        let total = try XCTUnwrap(lines.last?.split(separator: ",").map(String.init))
        XCTAssertEqual(total[0], "total")
        XCTAssertEqual(try XCTUnwrap(Double(total[1])), 0.681908, accuracy: 1e-5)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let rows = try XCTUnwrap(object?["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["layer"] as? String }, ["dense1", "total"])
        XCTAssertEqual(try XCTUnwrap(rows.last?["tr F"] as? Double), 0.681908, accuracy: 1e-5)
        XCTAssertTrue((object?["title"] as? String ?? "").contains("exact over classes"))
        // The library's table, per tensor too, is kept as the detail.
        let detail = try XCTUnwrap((object?["detail"] as? [String: Any])?["rows"] as? [[String: Any]])
        XCTAssertEqual(detail.map { $0["name"] as? String }, ["dense1", "dense1.weight", "all"])
    }

    func testPrintedTableRoundsButMembersAndExportsKeepFullPrecision() throws {
        let csv = temporaryPath("csv"), json = temporaryPath("json")
        defer { try? FileManager.default.removeItem(atPath: csv); try? FileManager.default.removeItem(atPath: json) }
        let script = Self.t1 + "let f = fisher_trace(net, on: t1, seed: 0)\nprint f\nprint f.total\nprint f.stderr\n"
            + "f.save(\"\(csv)\")\nf.save(\"\(json)\")\n"
        let (outcome, sink) = runScript(script)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = sink.standardOutput.split(separator: "\n").map(String.init)
        // tr F = 1.0504506 ± 0.6334051: the error to two digits, the value to the same place.
        XCTAssertTrue(out.contains("  total   1.05 ± 0.63 (standard error over inputs)"), sink.standardOutput)
        let total = try XCTUnwrap(Double(out[out.count - 2])), error = try XCTUnwrap(Double(out[out.count - 1]))
        XCTAssertEqual(total, 1.0504506, accuracy: 1e-6)
        XCTAssertEqual(error, 0.6334051, accuracy: 1e-6)
        let row = try XCTUnwrap(String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").last).split(separator: ",")
        XCTAssertEqual(row.map(String.init), ["total", "\(total)", "\(error)"])
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let cell = try XCTUnwrap((object?["rows"] as? [[String: Any]])?.last?["tr F"] as? [String: Double])
        XCTAssertEqual(cell, ["value": total, "standard_error": error])
    }

    func testRunTableShowsEachProbeBeforeTrainingAndPerEpoch() {
        let script = """
            network small { input [2]; dense(4) relu; dense(2) }
            probe fisher = fisher_trace(on: moons(40, seed: 0), exact: true)
            print train(small(), on: moons(40, seed: 1), epochs: 2, probes: [fisher], seed: 0)

            """
        let (outcome, sink) = runScript(script)
        XCTAssertEqual(outcome, .success, sink.standardError)
        let lines = sink.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5, sink.standardOutput)
        XCTAssertTrue(lines[1].hasSuffix("eval    fisher"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("  0      -"), lines[2])
        // Every row ends in a number in the probe's column.
        for row in lines[2...] { XCTAssertNotNil(Double(row.split(separator: " ").last ?? ""), row) }
    }

    func testHelpExplainsEveryProbe() throws {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        for name in ["fisher_trace", "fisher_diagonal", "empirical_fisher", "info_in_weights", "hessian_trace",
                     "hessian_eigenvalues", "hessian_fisher_gap"] {
            let text = try XCTUnwrap(interpreter.help(topic: name), name)
            XCTAssertTrue(text.contains("Achille, Paolini & Soatto"), name)
            XCTAssertTrue(text.contains("example: network m"), name)
        }
        XCTAssertTrue(interpreter.help(topic: "fisher_trace")?.contains("tr F = (1/n) Σ_i") ?? false)
        XCTAssertTrue(interpreter.help(topic: "probe")?.contains("probes: [NAME]") ?? false)
        XCTAssertTrue(interpreter.help(topic: nil)?.contains("probes   fisher_trace, fisher_diagonal") ?? false)
    }

    func testCompletionKnowsProbesTheirArgumentsAndResultMembers() {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        XCTAssertTrue(interpreter.completions(for: "fisher_", cursor: 7).contains("fisher_trace"))
        XCTAssertTrue(interpreter.completions(for: "hessian_e", cursor: 9).contains("hessian_eigenvalues"))
        let args = interpreter.completions(for: "fisher_trace(net, sa", cursor: 20)
        XCTAssertEqual(args.filter { $0.hasSuffix(":") }, ["samples:"])
        XCTAssertTrue(interpreter.completions(for: "info_in_weights(net, d, cur", cursor: 27).contains("curvature:"))
        _ = interpreter.evaluateInteractive(Self.t1 + "let f = fisher_trace(net, on: t1, exact: true)", inputName: "<repl>")
        XCTAssertEqual(interpreter.completions(for: "f.de", cursor: 4), ["dense1"])
        XCTAssertEqual(interpreter.completions(for: "f.st", cursor: 4), ["stderr"])
    }
}
