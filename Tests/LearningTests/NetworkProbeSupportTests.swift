import XCTest
import TensorRuntime
@testable import Learning

/// What the probes need from networks: captured layer outputs feeding the runtime's per-sample
/// gradient norms, parameter groups per layer, and errors at batch time that name the layer.
final class NetworkProbeSupportTests: XCTestCase {
    typealias S = LayerTestSupport

    func testCapturedOutputsGivePerSampleGradientNorms() throws {
        let net = try S.built([Layers.dense(5), Layers.relu(), Layers.dense(3)], [4], seed: 3)
        var random = RandomStream(seed: 8)
        let x = try Tensor<Float>.normal([6, 4], using: &random)
        let labels = [0, 2, 1, 1, 0, 2]
        let values = net.parameters.map { $0.value.variable() }
        var context = ForwardContext(training: false, random: random, captureOutputs: true)
        try context.substitute(net.parameters, with: values)
        let logits = try net.run(x, context: &context)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        let dense = context.captures.filter { $0.kind == "dense" }
        let outputs = dense.map(\.output)
        XCTAssertEqual(dense.map(\.fusedRelu), [true, false])
        XCTAssertEqual(dense.map { $0.parameters.map(\.name) }, [["0.weight", "0.bias"], ["2.weight", "2.bias"]])
        XCTAssertEqual(dense[0].input.scalars, x.scalars)
        XCTAssertEqual(dense[1].input.shape, [6, 5])
        XCTAssertEqual(context.captures.filter { $0.kind == "dense" }.map(\.name), ["0", "2"])
        let norms = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: outputs)
        // Brute force: one backward pass per sample, grouped per layer.
        let groups = net.parameterGroups
        for i in 0..<6 {
            let vars = net.parameters.map { $0.value.variable() }
            let one = try Tensor.softmaxCrossEntropy(
                logits: try net.forward(x.selectRows([i]), training: false, random: &random, values: vars), labels: [labels[i]])
            let grads = try one.gradients(withRespectTo: vars)
            for (layer, group) in groups.enumerated() {
                let indices = group.parameters.compactMap { p in net.parameters.firstIndex { $0 === p } }
                let weight = try (grads[indices[0]] * grads[indices[0]]).sum().scalar()
                let bias = try (grads[indices[1]] * grads[indices[1]]).sum().scalar()
                XCTAssertEqual(norms[layer].weight.scalars[i], weight, accuracy: 1e-4 * max(1, weight))
                XCTAssertEqual(try XCTUnwrap(norms[layer].bias).scalars[i], bias, accuracy: 1e-4 * max(1, bias))
            }
        }
    }

    func testCapturingPassComputesTheSameOutputs() throws {
        let net = try S.built([Layers.flatten(), Layers.dense(16), Layers.relu(), Layers.dense(8), Layers.tanh(),
                               Layers.dense(3, bias: false)], [2, 3, 3])
        var random = RandomStream(seed: 2)
        let x = try Tensor<Float>.normal([7, 2, 3, 3], using: &random)
        var capturing = ForwardContext(training: false, random: random, captureOutputs: true)
        let captured = try net.run(x, context: &capturing)
        let plain = try S.evaluate(net, x)
        S.assertClose(captured.scalars, plain.scalars, tolerance: 1e-6)
        XCTAssertEqual(capturing.captures.count, 6)
    }

    func testTensorErrorsDuringForwardNameTheLayer() throws {
        let net = try S.built([Layers.flatten(), Layers.block([Layers.dense(4), Layers.dense(2)])], [3])
        var random = RandomStream(seed: 0)
        let input = try Tensor<Float>.zeros([8, 3]) // 96 bytes; the dense output [8, 4] needs 128
        let message = S.errorMessage {
            try TensorLimits.withMaxBytes(100) {
                _ = try net.forward(input, training: false, random: &random)
            }
        }
        XCTAssertTrue(message.hasPrefix("layer 2.1 (dense): "), message)
        XCTAssertTrue(message.contains("over the per-tensor limit of 100 bytes"), message)
    }
}
