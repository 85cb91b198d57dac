import Foundation
import TensorRuntime
import XCTest
@testable import Language

/// Tensors and predict beyond what the golden scripts show: the output rule computed here
/// independently, plots of tensors against plots of the same lists, the memory limit and the
/// conversions from probe results. (Every builtin's help example is run by InterpreterAPITests.)
final class TensorLanguageTests: XCTestCase {
    /// Runs `script` and returns what it printed, failing on any error.
    private func output(_ script: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let (outcome, sink) = runScript(script)
        XCTAssertEqual(outcome, .success, sink.standardError, file: file, line: line)
        return sink.standardOutput
    }

    /// The printed numbers of `text`, one line of space-separated values per row.
    private func numbers(_ text: String) -> [[Double]] {
        text.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double(String($0)) } }
    }

    func testProbabilitiesAreTheSoftmaxOfTheLogitsForASoftmaxNetwork() {
        let printed = output("""
            network m { input [2]; dense(6) relu; dense(3) softmax }
            let net = m()
            let r = predict(net, blobs(12, seed: 3))
            for i in 0..<12 { print join(concat(r.logits[i].list, r.probabilities[i].list), separator: " ") }
            """)
        let rows = numbers(printed)
        XCTAssertEqual(rows.count, 12)
        for row in rows {
            let logits = Array(row[0..<3]), probabilities = Array(row[3..<6])
            let top = logits.max()!, exps = logits.map { Foundation.exp($0 - top) }, total = exps.reduce(0, +)
            for (p, e) in zip(probabilities, exps) { XCTAssertEqual(p, e / total, accuracy: 1e-6) }
            XCTAssertEqual(probabilities.reduce(0, +), 1, accuracy: 1e-6)
        }
    }

    func testABernoulliNetworksProbabilitiesAreOneMinusSigmoidAndSigmoidOfItsOutput() {
        // The logit z is the network's output before its final sigmoid: the dense layer's.
        let printed = output("""
            network b { input [2]; dense(1) sigmoid }
            var net = b()
            net.layers[0].weight = [[0.5, -2]]
            net.layers[0].bias = [0.25]
            let x = tensor([[1, 1], [0, 3], [-2, 0.5]])
            let r = predict(net, x)
            for i in 0..<3 { print join(concat(r.logits[i].list, r.probabilities[i].list), separator: " ") }
            """)
        let rows = numbers(printed), inputs: [[Double]] = [[1, 1], [0, 3], [-2, 0.5]]
        XCTAssertEqual(rows.count, 3)
        for (row, x) in zip(rows, inputs) {
            let z = 0.5 * x[0] - 2 * x[1] + 0.25, sigma = 1 / (1 + Foundation.exp(-z))
            XCTAssertEqual(row[0], 0)
            XCTAssertEqual(row[1], z, accuracy: 1e-6)
            XCTAssertEqual(row[2], 1 - sigma, accuracy: 1e-6)
            XCTAssertEqual(row[3], sigma, accuracy: 1e-6)
        }
    }

    func testPredictAgreesWithEvaluateAndCallingTheNetworkOnBatchNormAndDropout() {
        // Evaluation mode: dropout off and batch norm on its running statistics, as evaluate runs.
        let printed = output("""
            network m { input [2]; dense(8) batchnorm relu dropout(0.5); dense(2) }
            let net = m()
            let d = moons(64, seed: 2)
            train(net, on: d, epochs: 2, seed: 1)
            let r = predict(net, d, batch: 5)
            print r.accuracy == evaluate(net, d).accuracy, net(d.inputs) == r.logits, predict(net, d).logits == r.logits
            """)
        XCTAssertEqual(printed, "true true true\n")
    }

    func testAPlotOfATensorIsThePlotOfItsList() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tensor-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let p = folder.path
        _ = output("""
            let t = tensor([[1, 3, 2], [0.5, 0.25, 4]])
            plot(t[0], to: "\(p)/t1.svg", x_values: tensor([1, 2, 4]))
            plot(t[0].list, to: "\(p)/l1.svg", x_values: [1, 2, 4])
            plot(t, to: "\(p)/t2.svg")
            plot(t.list, to: "\(p)/l2.svg")
            plot({a: t[1]}, to: "\(p)/t3.svg")
            plot({a: t[1].list}, to: "\(p)/l3.svg")
            """)
        for n in 1...3 {
            let tensorFile = try String(contentsOfFile: "\(p)/t\(n).svg", encoding: .utf8)
            XCTAssertEqual(tensorFile, try String(contentsOfFile: "\(p)/l\(n).svg", encoding: .utf8), "plot \(n)")
        }
        let (outcome, sink) = runScript("plot(zeros([2, 2, 2]), to: \"\(p)/bad.svg\")")
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(sink.standardError.contains("plot: the series is a tensor of shape [2, 2, 2]"), sink.standardError)
    }

    func testTheMemoryLimitIsReportedWithTheOperationAndTheSize() {
        // The default limit (4 GiB unless INFOSCOPE_MAX_TENSOR_BYTES lowers it) is far below 40 GB.
        for (script, message) in [("print ones([100000, 100000])", "ones: a tensor of shape [100000, 100000] needs 40000000000 bytes"),
                                  ("print zeros([100000, 1]) + zeros([1, 100000])", "'+': a tensor of shape [100000, 100000] needs 40000000000 bytes"),
                                  ("print reshape(zeros([1]), [1]) * ones([1, 100000, 100000])", "ones: a tensor of shape [1, 100000, 100000]")] {
            let (outcome, sink) = runScript(script)
            XCTAssertEqual(outcome, .runtimeError, script)
            XCTAssertTrue(sink.standardError.contains(message), sink.standardError)
            XCTAssertTrue(sink.standardError.contains("over the per-tensor limit of"), sink.standardError)
        }
    }

    func testProbeResultsAndWeightsBecomeTensorsOfTheirShapes() {
        let printed = output("""
            network m { input [2]; dense(3) relu; dense(2) }
            let net = m()
            let d = moons(20, seed: 0)
            let f = fisher_diagonal(net, on: d, exact: true)
            let name = keys(f.diagonal)[0]
            let w = tensor(f.diagonal[name], shape: f.shapes[name])
            print w.shape == f.shapes[name], sum(w) == sum(tensor(f.diagonal[name]))
            print tensor(net.layers[0].weight).shape
            let a = activation_information(net, d, layer: "dense1", beta: 0.1, fisher: 2, epsilon: 1e-6)
            print tensor(a.map, shape: a.map_shape).shape
            """)
        XCTAssertEqual(printed, "true true\n[3, 2]\n[2]\n")
    }
}
