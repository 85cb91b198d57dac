import XCTest
import TensorRuntime
@testable import Learning

/// Each layer's forward pass on small inputs whose outputs were worked out by hand.
final class LayerForwardTests: XCTestCase {
    typealias S = LayerTestSupport

    func testDenseUsesOutputRowsAndBias() throws {
        let net = try S.built([Layers.dense(2)], [3])
        try net.setParameter("0.weight", rows: [[1, 0, -1], [2, 1, 0]])
        try net.setParameter("0.bias", values: [0.5, -1])
        let out = try S.evaluate(net, try Tensor(rows: [[1, 2, 3], [0, 0, 1]]))
        // Row 1: [1 - 3 + 0.5, 2 + 2 - 1]; row 2: [-1 + 0.5, 0 - 1].
        XCTAssertEqual(out.shape, [2, 2])
        S.assertClose(out.scalars, [-1.5, 3, -0.5, -1])
    }

    func testDenseFollowedByReluIsFusedAndCorrect() throws {
        let net = try S.built([Layers.dense(2), Layers.relu()], [3])
        try net.setParameter("0.weight", rows: [[1, 0, -1], [2, 1, 0]])
        try net.setParameter("0.bias", values: [0.5, -1])
        var context = ForwardContext(training: false, random: RandomStream(seed: 0), captureOutputs: true)
        let out = try net.run(try Tensor(rows: [[1, 2, 3]]), context: &context)
        S.assertClose(out.scalars, [0, 3])
        XCTAssertEqual(context.captures.map(\.name), ["0", "1"])
        XCTAssertEqual(context.captures.map(\.kind), ["dense", "relu"])
    }

    func testDenseWithoutBias() throws {
        let net = try S.built([Layers.dense(1, bias: false)], [2])
        XCTAssertEqual(net.parameters.map(\.name), ["0.weight"])
        try net.setParameter("0.weight", rows: [[0.3, -0.7]])
        let out = try S.evaluate(net, try Tensor(rows: [[1, 2], [-1, 0.5]]))
        S.assertClose(out.scalars, [0.3 - 1.4, -0.3 - 0.35])
    }

    func testConvolutionWithPaddingAndStride() throws {
        let input = try Tensor<Float>(shape: [1, 1, 3, 3], scalars: (1...9).map(Float.init))
        let plain = try S.built([Layers.conv2d(1, kernel: 2)], [1, 3, 3])
        try plain.setParameter("0.weight", to: try Tensor.ones([1, 1, 2, 2]))
        try plain.setParameter("0.bias", values: [1])
        // Sums of each 2×2 window of 1…9, plus the bias.
        S.assertClose(try S.evaluate(plain, input).scalars, [13, 17, 25, 29])
        let strided = try S.built([Layers.conv2d(1, kernel: 2, stride: 2, padding: 1, bias: false)], [1, 3, 3])
        XCTAssertEqual(strided.outputShape, [1, 2, 2])
        try strided.setParameter("0.weight", to: try Tensor.ones([1, 1, 2, 2]))
        // Windows of the zero-padded 5×5 image: {1}, {2, 3}, {4, 7}, {5, 6, 8, 9}.
        S.assertClose(try S.evaluate(strided, input).scalars, [1, 5, 11, 28])
    }

    func testMaxAndAveragePooling() throws {
        let input = try Tensor<Float>(shape: [1, 1, 4, 4], scalars: (1...16).map(Float.init))
        S.assertClose(try S.evaluate(try S.built([Layers.maxPool(2)], [1, 4, 4]), input).scalars, [6, 8, 14, 16])
        S.assertClose(try S.evaluate(try S.built([Layers.avgPool(2)], [1, 4, 4]), input).scalars,
                      [3.5, 5.5, 11.5, 13.5])
        let overlapping = try S.built([Layers.maxPool(3, stride: 1)], [1, 4, 4])
        S.assertClose(try S.evaluate(overlapping, input).scalars, [11, 12, 15, 16])
    }

    func testGlobalAveragePoolAndFlatten() throws {
        let input = try Tensor<Float>(shape: [1, 2, 2, 2], scalars: (1...8).map(Float.init))
        let pooled = try S.evaluate(try S.built([Layers.globalAvgPool()], [2, 2, 2]), input)
        XCTAssertEqual(pooled.shape, [1, 2])
        S.assertClose(pooled.scalars, [2.5, 6.5])
        let flat = try S.evaluate(try S.built([Layers.flatten()], [2, 2, 2]), input)
        XCTAssertEqual(flat.shape, [1, 8])
        XCTAssertEqual(flat.scalars, (1...8).map(Float.init))
    }

    func testActivations() throws {
        let input = try Tensor<Float>(rows: [[-1, 0, 0.5, 2]])
        func run(_ layer: any Layer) throws -> [Float] { try S.evaluate(try S.built([layer], [4]), input).scalars }
        S.assertClose(try run(Layers.relu()), [0, 0, 0.5, 2])
        S.assertClose(try run(Layers.leakyRelu(slope: 0.1)), [-0.1, 0, 0.5, 2])
        S.assertClose(try run(Layers.tanh()), [-0.7615942, 0, 0.46211716, 0.9640276])
        S.assertClose(try run(Layers.sigmoid()), [0.26894142, 0.5, 0.62245935, 0.8807971])
        // x Φ(x) with Φ(1) = 0.8413447, Φ(0.5) = 0.6914625, Φ(2) = 0.9772499.
        S.assertClose(try run(Layers.gelu()), [-0.15865526, 0, 0.34573126, 1.9544997])
        let softmax = try S.evaluate(try S.built([Layers.softmax()], [3]), try Tensor(rows: [[1, 2, 3]]))
        S.assertClose(softmax.scalars, [0.09003057, 0.24472847, 0.66524096])
    }

    func testLayerNormNormalisesEachSample() throws {
        let net = try S.built([Layers.layerNorm()], [4])
        let out = try S.evaluate(net, try Tensor(rows: [[1, 2, 3, 4], [10, 10, 10, 14]]))
        // Sample 1: mean 2.5, variance 1.25; sample 2: mean 11, variance 3.
        let s1 = Float(1.25 + 1e-5).squareRoot(), s2 = Float(3 + 1e-5).squareRoot()
        S.assertClose(out.scalars, [-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1, -1 / s2, -1 / s2, -1 / s2, 3 / s2])
        try net.setParameter("0.weight", values: [2, 2, 2, 2])
        try net.setParameter("0.bias", values: [1, 1, 1, 1])
        S.assertClose(try S.evaluate(net, try Tensor(rows: [[1, 2, 3, 4]])).scalars,
                      [1 - 3 / s1, 1 - 1 / s1, 1 + 1 / s1, 1 + 3 / s1])
    }

    func testResidualAddsInputOrProjection() throws {
        let same = try S.built([Layers.residual([Layers.dense(2)])], [2])
        XCTAssertEqual(same.allParameters.map(\.name), ["0.body.0.weight", "0.body.0.bias"])
        try same.setParameter("0.body.0.weight", rows: [[2, 0], [0, 3]])
        S.assertClose(try S.evaluate(same, try Tensor(rows: [[1, -1]])).scalars, [3, -4])

        let projected = try S.built([Layers.residual([Layers.dense(3)])], [2])
        XCTAssertEqual(projected.allParameters.map(\.name), ["0.body.0.weight", "0.body.0.bias", "0.projection.weight"])
        try projected.setParameter("0.body.0.weight", to: try Tensor.zeros([3, 2]))
        try projected.setParameter("0.projection.weight", rows: [[1, 0], [0, 1], [1, 1]])
        S.assertClose(try S.evaluate(projected, try Tensor(rows: [[1, -1]])).scalars, [1, -1, 0])

        let image = try S.built([Layers.residual([Layers.conv2d(4, kernel: 3, stride: 2, padding: 1)])], [2, 5, 5])
        XCTAssertEqual(image.outputShape, [4, 3, 3])
        XCTAssertEqual(try image.parameter(named: "0.projection.weight").shape, [4, 2, 1, 1])
    }

    func testNestedNetworkNamesAreDottedPaths() throws {
        let block = Network([Layers.dense(4), Layers.relu(), Layers.dense(4)], kind: "block")
        let net = Network(named: [("flat", Layers.flatten()), ("block1", block), ("head", Layers.dense(2))])
        try net.build(inputShape: [2, 2], random: RandomStream(seed: 1))
        XCTAssertEqual(net.parameters.map(\.name),
                       ["block1.0.weight", "block1.0.bias", "block1.2.weight", "block1.2.bias", "head.weight", "head.bias"])
        var context = ForwardContext(training: false, random: RandomStream(seed: 0), captureOutputs: true)
        _ = try net.run(try Tensor.ones([3, 2, 2]), context: &context)
        XCTAssertEqual(context.captures.map(\.name), ["flat", "block1.0", "block1.1", "block1.2", "block1", "head"])
        XCTAssertEqual(net.parameterGroups.map(\.name), ["block1.0", "block1.2", "head"])
    }
}
