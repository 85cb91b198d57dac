import Foundation
import Language
import XCTest

/// set_weights and net.weights, information_lagrangian's optimised mean, and
/// activation_information with a fitted posterior's noise.
final class PosteriorLanguageTests: XCTestCase {
    private func run(_ source: String) -> (outcome: RunOutcome, out: String, err: String) {
        let sink = CaptureSink()
        let outcome = Interpreter(options: InterpreterOptions(), output: sink).run(source: source, path: "p.isc")
        return (outcome, sink.standardOutput, sink.standardError)
    }

    private let pair = """
        network pair { input [2]; dense(2) relu; dense(1) }
        let net = pair()

        """

    func testSetWeightsTakesEitherNameAndReadsBack() {
        let r = run(pair + """
            set_weights(net, {"dense1.weight": [1, 2, 3, 4], "2.bias": [0.5]})
            print net.weights["dense1.weight"], net.weights["dense3.bias"]
            print keys(net.weights)

            """)
        XCTAssertEqual(r.outcome, .success, r.err)
        XCTAssertEqual(r.out, "[1, 2, 3, 4] [0.5]\n[\"dense1.weight\", \"dense1.bias\", \"dense3.weight\", \"dense3.bias\"]\n")
    }

    /// Batch-norm statistics are not in net.weights (not trainable) but take their parameter names.
    func testSetWeightsReachesBatchNormStatistics() {
        let r = run("""
            network b { input [2]; batchnorm }
            let net = b()
            set_weights(net, {"0.running_mean": [1, 2], "0.running_var": [4, 4]})
            print map(tolist(predict(net, dataset(x: [[3, 2]], y: [0])).logits)[0], fn(v) => fixed(v, 4))

            """)
        XCTAssertEqual(r.outcome, .success, r.err)
        // Evaluation normalises by the running statistics: (3 − 1)/√(4 + ε), (2 − 2)/√(4 + ε).
        XCTAssertEqual(r.out, "[\"1.0000\", \"0.0000\"]\n")
    }

    /// Every refusal names the tensor and what was wrong, and leaves every weight as it was.
    func testSetWeightsRefusesAndChangesNothing() {
        let cases: [(String, String)] = [
            ("{\"dense1.bias\": [9, 9], \"dense9.weight\": [1]}", "the network has no tensor 'dense9.weight'; its tensors are dense1.weight, dense1.bias, dense3.weight, dense3.bias"),
            ("{\"dense1.bias\": [9, 9], \"dense3.bias\": [1, 2]}", "'dense3.bias' has 2 numbers but the tensor is [1] (1 entries)"),
            ("{\"dense1.bias\": [9, 9], \"dense3.bias\": [1e300]}", "entry 0 of 'dense3.bias' is 1e+300; weights must be finite numbers within float32's range"),
            ("{\"dense1.bias\": [9, 9], \"dense3.bias\": 1}", "'dense3.bias' must be a list of numbers (flat, row-major), not a number"),
            ("{\"dense1.bias\": [9, \"a\"]}", "entry 1 of 'dense1.bias' is a string"),
        ]
        for (record, message) in cases {
            // One interactive session: the refused call, then a look at the weights it left.
            let sink = CaptureSink()
            let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
            XCTAssertEqual(interpreter.evaluateInteractive(pair + "let before = net.weights\n", inputName: "<1>"), .success)
            XCTAssertEqual(interpreter.evaluateInteractive("set_weights(net, \(record))\n", inputName: "<2>"), .runtimeError, record)
            XCTAssertTrue(sink.standardError.contains(message), "\(record): \(sink.standardError)")
            XCTAssertEqual(interpreter.evaluateInteractive("print net.weights == before\n", inputName: "<3>"), .success)
            XCTAssertEqual(sink.standardOutput, "true\n", record)
        }
    }

    func testOptimisedMeanMovesAndItsNetworkTakesThePosteriorsNoise() {
        let r = run(pair + """
            let d = moons(60, seed: 0)
            train(net, on: d, optimizer: sgd(lr: 0.1), epochs: 3, seed: 0)
            let fixed_mean = information_lagrangian(net, d, beta: 0.01, steps: 40, seed: 0)
            print fixed_mean.mean == net.weights
            let q = information_lagrangian(net, d, beta: 0.01, steps: 40, seed: 0, optimise_mean: true, mean_learning_rate: 0.01)
            print q.mean == net.weights, contains(str(q), "mean optimised from the trained w*")
            let low = pair()
            set_weights(low, q.mean)
            let a = activation_information(low, d, layer: "dense1", posterior: q, epsilon: 1e-6)
            print a.total > 0, contains(str(a), "Q's variances from information_lagrangian at β = 0.01")
            let b = activation_information(low, d, layer: "dense1", posterior: q, epsilon: 1e-6, draws: 4, inputs: 10)
            print is_nan(b.information)

            """)
        XCTAssertEqual(r.outcome, .success, r.err)
        XCTAssertEqual(r.out.split(separator: "\n").filter { !$0.hasPrefix("epoch") }, ["true", "false true", "true true", "false"], r.out)
    }

    func testPosteriorRefusals() {
        let setup = pair + """
            let d = moons(40, seed: 0)
            let q = information_lagrangian(net, d, beta: 0.01, steps: 20, seed: 0, optimise_mean: true, mean_learning_rate: 0.05)

            """
        let cases: [(String, String)] = [
            ("activation_information(net, d, layer: \"dense1\", posterior: q)",
             "the network's weights are not the posterior's mean (dense1."),
            ("activation_information(net, d, layer: \"dense1\")",
             "'activation_information' needs the weight noise: beta: β for N(0, β F⁻¹), or posterior: r"),
            ("activation_information(net, d, layer: \"dense1\", posterior: fisher_trace(net, d))",
             "a result of information_lagrangian"),
            ("activation_information(net, d, layer: \"dense1\", posterior: q, beta: 0.1)",
             "posterior: gives the weight noise (Q's own variances), so 'beta'"),
            ("activation_information(net, d, layer: \"dense1\", posterior: q, fisher: 1)",
             "posterior: gives the weight noise (Q's own variances), so 'fisher'"),
            ("activation_information(net, d, layer: \"dense1\", posterior: q, damping: 0.1)",
             "posterior: gives the weight noise (Q's own variances), so 'damping'"),
        ]
        for (call, message) in cases {
            let r = run(setup + call + "\n")
            XCTAssertNotEqual(r.outcome, .success, call)
            XCTAssertTrue(r.err.contains(message), "\(call): \(r.err)")
        }
    }
}
