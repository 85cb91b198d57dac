import Learning
import Probes
import TensorRuntime
import XCTest
@testable import Language

/// Ctrl-C during a probe at the prompt: the interruptible model stops the measurement at its next
/// forward pass, and the interpreter reports an interrupt rather than a failure.
final class ProbeInterruptTests: XCTestCase {
    private func model() throws -> (ProbeModel<Float>, ProbeData<Float>) {
        let net = Network([Layers.dense(3)])
        try net.build(inputShape: [2], random: RandomStream(seed: 0))
        let x = try Tensor<Float>(rows: [[1, 2], [0, 1], [2, -1]])
        return (try ProbeModel(network: net), try ProbeData(inputs: x, labels: [0, 1, 2]))
    }

    func testTheInterruptibleModelMeasuresTheSameUntilCtrlC() throws {
        let (base, data) = try model()
        let flag = InterruptFlag()
        let interruptible = try base.stopping(when: flag)
        XCTAssertEqual(try FisherProbe.estimate(interruptible, on: data, estimator: .exact).total,
                       try FisherProbe.estimate(base, on: data, estimator: .exact).total)
        flag.request()
        XCTAssertThrowsError(try FisherProbe.estimate(interruptible, on: data, estimator: .exact)) { error in
            XCTAssertTrue(error is ProbeInterrupted, "\(error)")
        }
    }

    func testAnInterruptDuringAProbeEndsTheChunkAsInterrupted() {
        // A per-sample loop over many inputs (layer norm has no taps) runs far longer than the
        // moment the interrupt arrives; whenever it lands, the outcome must be an interrupt.
        let script = """
            network ln { input [2]; dense(64) layernorm relu; dense(10) }
            let net = ln()
            fisher_trace(net, on: blobs(20000, classes: 10, seed: 0), samples: 20000, exact: true, seed: 0)

            """
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        let requester = Thread { Thread.sleep(forTimeInterval: 0.5); interpreter.interrupt.request() }
        requester.start()
        XCTAssertEqual(interpreter.evaluateInteractive(script, inputName: "<repl>"), .interrupted, sink.standardError)
    }
}
