import XCTest
import TensorRuntime
@testable import Learning

/// Gradients of every layer: the normalisation arithmetic in Double against central differences
/// (tolerance 1e-6, see `Autodiff.checkGradients`), and every layer as wired in a network in
/// Float32 (tolerance 1e-2, see `LayerTestSupport.maxGradientError`).
final class LayerGradientTests: XCTestCase {
    typealias S = LayerTestSupport

    /// Values spaced 0.05 apart, shuffled, away from 0: no relu kink or max-pool tie within the step.
    func spaced(_ shape: [Int], seed: UInt64 = 1) throws -> Tensor<Float> {
        let count = shape.reduce(1, *)
        var random = RandomStream(seed: seed)
        var values = (0..<count).map { Float($0 - count / 2) * 0.05 + 0.025 }
        values.shuffle(using: &random)
        return try Tensor(shape: shape, scalars: values)
    }

    func testBatchNormArithmeticInDouble() throws {
        var random = RandomStream(seed: 2)
        let x = try Tensor<Double>.normal([3, 2, 2, 2], using: &random)
        let scale = try Tensor<Double>(shape: [1, 2, 1, 1], scalars: [1.5, -0.5])
        let shift = try Tensor<Double>(shape: [1, 2, 1, 1], scalars: [0.1, 0.2])
        let report = try Autodiff.checkGradients(at: [x, scale, shift]) { v in
            try Normalization.normalizeWithBatchStatistics(v[0], axes: [0, 2, 3], scale: v[1], shift: v[2], epsilon: 1e-5).output
        }
        XCTAssertLessThan(report.maxError, 1e-6, "\(report)")
    }

    func testLayerNormArithmeticInDouble() throws {
        var random = RandomStream(seed: 3)
        let x = try Tensor<Double>.normal([3, 4], using: &random)
        let scale = try Tensor<Double>.normal([1, 4], using: &random)
        let shift = try Tensor<Double>.normal([1, 4], using: &random)
        let report = try Autodiff.checkGradients(at: [x, scale, shift]) { v in
            try Normalization.normalizeWithBatchStatistics(v[0], axes: [1], scale: v[1], shift: v[2], epsilon: 1e-5).output
        }
        XCTAssertLessThan(report.maxError, 1e-6, "\(report)")
        let evalReport = try Autodiff.checkGradients(at: [x, scale, shift]) { v in
            try Normalization.normalize(v[0], mean: Tensor(0.3), variance: Tensor(2), scale: v[1], shift: v[2], epsilon: 1e-5)
        }
        XCTAssertLessThan(evalReport.maxError, 1e-6, "\(evalReport)")
    }

    func testDenseAndFusedReluGradients() throws {
        let tolerance = 1e-2
        XCTAssertLessThan(try S.maxGradientError(try S.built([Layers.dense(3)], [4]), input: spaced([2, 4])), tolerance)
        XCTAssertLessThan(try S.maxGradientError(try S.built([Layers.dense(3, bias: false)], [4]), input: spaced([2, 4])),
                          tolerance)
        let fused = try S.built([Layers.dense(3), Layers.relu()], [4])
        try fused.setParameter("0.weight", rows: [[1, -1, 0.5, 2], [-1, 0.5, 0.25, 1], [0.5, 0.5, -2, 1]])
        try fused.setParameter("0.bias", values: [0.3, -0.2, 0.1])
        XCTAssertLessThan(try S.maxGradientError(fused, input: spaced([2, 4])), tolerance)
    }

    func testConvolutionAndPoolingGradients() throws {
        let tolerance = 1e-2
        let conv = try S.built([Layers.conv2d(2, kernel: 3, stride: 2, padding: 1)], [2, 5, 5])
        XCTAssertLessThan(try S.maxGradientError(conv, input: spaced([2, 2, 5, 5])), tolerance)
        for pool in [Layers.maxPool(2), Layers.avgPool(3, stride: 2, padding: 1)] {
            XCTAssertLessThan(try S.maxGradientError(try S.built([pool], [2, 4, 4]), input: spaced([2, 2, 4, 4])), tolerance)
        }
        for shaping in [Layers.globalAvgPool(), Layers.flatten()] {
            XCTAssertLessThan(try S.maxGradientError(try S.built([shaping], [2, 3, 3]), input: spaced([2, 2, 3, 3])), tolerance)
        }
    }

    func testActivationGradients() throws {
        let layers: [any Layer] = [Layers.relu(), Layers.leakyRelu(slope: 0.1), Layers.tanh(), Layers.sigmoid(),
                                   Layers.gelu(), Layers.softmax()]
        for layer in layers {
            let error = try S.maxGradientError(try S.built([layer], [6]), input: spaced([3, 6]))
            XCTAssertLessThan(error, 1e-2, layer.kind)
        }
    }

    func testNormalisationDropoutAndResidualGradients() throws {
        let tolerance = 1e-2
        let batchNorm = try S.built([Layers.batchNorm()], [2, 2, 2])
        try batchNorm.setParameter("0.weight", values: [1.5, -0.5])
        XCTAssertLessThan(try S.maxGradientError(batchNorm, input: spaced([3, 2, 2, 2]), training: true), tolerance)
        XCTAssertLessThan(try S.maxGradientError(batchNorm, input: spaced([3, 2, 2, 2]), training: false), tolerance)
        XCTAssertLessThan(try S.maxGradientError(try S.built([Layers.layerNorm()], [5]), input: spaced([2, 5])), tolerance)
        // One stream per evaluation: every finite difference sees the same dropout mask.
        XCTAssertLessThan(try S.maxGradientError(try S.built([Layers.dropout(0.5)], [8]), input: spaced([2, 8]),
                                                 training: true), tolerance)
        let residual = try S.built([Layers.residual([Layers.dense(3), Layers.tanh(), Layers.dense(4)])], [3])
        XCTAssertLessThan(try S.maxGradientError(residual, input: spaced([2, 3])), tolerance)
        let image = try S.built([Layers.residual([Layers.conv2d(3, kernel: 3, stride: 2, padding: 1)])], [2, 4, 4])
        XCTAssertLessThan(try S.maxGradientError(image, input: spaced([2, 2, 4, 4])), tolerance)
    }
}
