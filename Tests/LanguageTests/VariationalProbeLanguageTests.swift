import Foundation
import Language
import XCTest

/// P3 and P4 in the language beyond the golden scripts: help, completion, the cost lines of
/// `infoscope check`, and the saved sweep curve.
final class VariationalProbeLanguageTests: XCTestCase {
    func testHelpGivesFormulaEstimatorCostAndPaper() throws {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        for (name, formula) in [("information_lagrangian", "KL(Q‖P) = ½ Σ_i [σ_i²/λ²"), ("beta_sweep", "one row per β"),
                                ("pac_bayes_bound", "(1 − 1/(2β_PAC))")] {
            let text = try XCTUnwrap(interpreter.help(topic: name), name)
            XCTAssertTrue(text.contains(formula), name)
            XCTAssertTrue(text.contains("Achille, Paolini & Soatto"), name)
            XCTAssertTrue(text.contains("reparameterisation trick"), name)
            XCTAssertTrue(text.contains("Cost: steps × 2·pairs backward passes"), name)
        }
    }

    func testCompletionKnowsTheNamedArguments() {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        XCTAssertTrue(interpreter.completions(for: "information_l", cursor: 13).contains("information_lagrangian"))
        XCTAssertEqual(interpreter.completions(for: "beta_sweep(net, d, be", cursor: 21).filter { $0.hasSuffix(":") }, ["betas:"])
        XCTAssertTrue(interpreter.completions(for: "pac_bayes_bound(net, d, de", cursor: 26).contains("delta:"))
        XCTAssertTrue(interpreter.completions(for: "information_lagrangian(net, d, learn", cursor: 36).contains("learning_rate:"))
    }

    func testCheckPrintsOneCostLinePerCall() {
        let source = """
            network m { input [2]; dense(8) relu; dense(3) }
            let net = m()
            let d = blobs(200, seed: 0)
            information_lagrangian(net, d, beta: 1e-3, steps: 500)
            beta_sweep(net, d, betas: [1e-3, 1e-2, 1e-1], steps: 500)
            pac_bayes_bound(net, d, test: blobs(100, seed: 1), beta: 0.01, steps: 500, draws: 50)
            invariance(net, d, layer: "dense1", nuisance: "position")
            activation_information(net, d, layer: "dense1", beta: 0.1)
            shannon_information([[[0.9, 0.1]], [[0.1, 0.9]]])

            """
        let sink = CaptureSink()
        let outcome = Interpreter(options: InterpreterOptions(), output: sink).check(source: source, path: "c.isc")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let out = sink.standardOutput
        XCTAssertTrue(out.contains("line 4: information_lagrangian (variational, 500 steps × 8 pairs on 200 inputs)"), out)
        XCTAssertTrue(out.contains("line 5: beta_sweep (3 values of β, variational, 500 steps × 8 pairs on 200 inputs)"), out)
        XCTAssertTrue(out.contains("line 6: pac_bayes_bound (variational, 500 steps × 8 pairs on 200 inputs + 50 passes over 300 inputs, fresh weights per block)"), out)
        XCTAssertTrue(out.contains("line 7: invariance (Gaussian class-conditional, 200 rows × 10 values, 3 classes)"), out)
        XCTAssertTrue(out.contains("line 8: activation_information (linearised, 8 outputs × 51 weights, input of 2)"), out)
        XCTAssertTrue(out.contains("line 9: shannon_information (discrete posteriors, 4 values)"), out)
    }

    func testCheckCountsTheBoundOnAllOfItsTrainingData() {
        let source = """
            network m { input [2]; dense(3) }
            pac_bayes_bound(m(), blobs(1500, seed: 0), test: blobs(100, seed: 1), beta: 0.01, steps: 50, draws: 10)

            """
        let sink = CaptureSink()
        XCTAssertEqual(Interpreter(options: InterpreterOptions(), output: sink).check(source: source, path: "c.isc"), .success)
        XCTAssertTrue(sink.standardOutput.contains("50 steps × 8 pairs on 1500 inputs + 10 passes over 1600 inputs, fresh weights per block"), sink.standardOutput)
    }

    func testSweepSavesItsCurve() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sweep-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = ProbeLanguageTests.t1 + """
            beta_sweep(net, t1, betas: [1e-3, 1e-1], steps: 50, seed: 0).save("\(path)")

            """
        let sink = CaptureSink()
        let outcome = Interpreter(options: InterpreterOptions(), output: sink).run(source: source, path: "s.isc")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(csv.contains("KL nats"), csv)
        XCTAssertEqual(csv.split(separator: "\n").filter { $0.hasPrefix("0.001,") || $0.hasPrefix("0.1,") }.count, 2, csv)
    }

    func testHelpOfInvarianceActivationAndShannon() throws {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        for (name, formula) in [("invariance", "I(z;n) ≤ I(z;x) − I(x;y)"), ("activation_information", "F_z|x = Gᵀ Σ_z⁻¹ G"),
                                ("shannon_information", "I(w;D) = E_D KL(Q(w|D) ‖ Q̄)")] {
            let text = try XCTUnwrap(interpreter.help(topic: name), name)
            XCTAssertTrue(text.contains(formula), name)
            XCTAssertTrue(text.contains("Achille, Paolini & Soatto"), name)
            XCTAssertTrue(text.contains("Cost") || text.contains("cost"), name)
        }
        XCTAssertTrue(interpreter.completions(for: "invariance(net, d, nui", cursor: 22).contains("nuisance:"))
        XCTAssertTrue(interpreter.completions(for: "activation_information(net, d, fo", cursor: 33).contains("form:"))
    }

    func testSaveMapWritesAGreyscaleImageOfTheInput() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID().uuidString).pgm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = """
            network lin { input [1, 2, 3]; flatten; dense(2, bias: false) }
            var net = lin()
            net.layers[1].weight = [[1, 0.5, 0, 0, 0, 0], [0, 1, -1, 0, 0, 0]]
            let d = dataset(x: [[[[1, 2, -1], [0, 0, 0]]]], y: [0])
            activation_information(net, d, layer: "dense2", beta: 0.1, fisher: 2).save_map("\(path)")

            """
        let sink = CaptureSink()
        let outcome = Interpreter(options: InterpreterOptions(), output: sink).run(source: source, path: "m.isc")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let header = Array("P5\n3 2\n255\n".utf8)
        XCTAssertEqual(Array(bytes.prefix(header.count)), header)
        // diag F_z|x of T7 is [3.444, 4.611, 3.444] in the first row and 0 in the second: 4.611 is white.
        XCTAssertEqual(Array(bytes.dropFirst(header.count)), [190, 255, 190, 0, 0, 0])
    }
}
