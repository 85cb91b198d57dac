import XCTest
import TensorRuntime
@testable import Learning

/// relu followed by max pooling runs as pooling, then relu: the same values and gradients as the
/// layers one by one (which a forward pass that captures layer outputs still runs).
final class NetworkFusionTests: XCTestCase {
    func testReluThenMaxPoolGivesTheLayerByLayerValuesAndGradients() throws {
        let net = try LayerTestSupport.built([Layers.conv2d(4, kernel: 3), Layers.relu(), Layers.maxPool(2),
                                              Layers.flatten(), Layers.dense(3)], [2, 9, 9], seed: 5)
        var random = RandomStream(seed: 6)
        let x = try Tensor<Float>.normal([5, 2, 9, 9], using: &random)
        func run(capturing: Bool) throws -> (output: [Float], gradients: [[Float]]) {
            let values = net.parameters.map { $0.value.variable() }
            var context = ForwardContext(training: true, random: random, captureOutputs: capturing)
            try context.substitute(net.parameters, with: values)
            let output = try net.run(x, context: &context)
            let loss = try Tensor.softmaxCrossEntropy(logits: output, labels: [0, 1, 2, 1, 0])
            return (output.scalars, try loss.gradients(withRespectTo: values).map(\.scalars))
        }
        let fused = try run(capturing: false), layerByLayer = try run(capturing: true)
        XCTAssertEqual(fused.output, layerByLayer.output)
        // Equal as numbers: a zero gradient may differ in sign between the two orders.
        XCTAssertEqual(fused.gradients, layerByLayer.gradients)
        XCTAssertTrue(fused.gradients[0].contains { $0 != 0 })
    }
}
