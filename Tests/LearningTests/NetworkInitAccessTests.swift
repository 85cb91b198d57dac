import XCTest
import TensorKernels
import TensorRuntime
@testable import Learning

/// Initialisation statistics and determinism; literal parameter access; toy-model constructors.
final class NetworkInitAccessTests: XCTestCase {
    typealias S = LayerTestSupport

    /// Sample mean and variance.
    func moments(_ values: [Float]) -> (mean: Double, variance: Double) {
        let n = Double(values.count)
        let mean = values.reduce(0.0) { $0 + Double($1) } / n
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        return (mean, variance)
    }

    func testHeAndGlorotVariances() throws {
        // 500,000 weights: the sample variance's relative standard error is sqrt(2 / n) ≈ 0.2%,
        // so a 2% bound is ten standard errors and still catches a wrong fan or gain (≥ 30% off).
        let he = try S.built([Layers.dense(1000), Layers.relu()], [500])
        let heStats = moments(try he.parameter(named: "0.weight").value.scalars)
        XCTAssertEqual(heStats.variance, 2.0 / 500, accuracy: 0.02 * 2.0 / 500)
        XCTAssertEqual(heStats.mean, 0, accuracy: 1e-3)
        XCTAssertEqual(try he.parameter(named: "0.bias").value.scalars, [Float](repeating: 0, count: 1000))

        let glorot = try S.built([Layers.dense(1000), Layers.tanh()], [500])
        let values = try glorot.parameter(named: "0.weight").value.scalars
        let limit = (6.0 / 1500).squareRoot()
        XCTAssertEqual(moments(values).variance, limit * limit / 3, accuracy: 0.02 * limit * limit / 3)
        XCTAssertLessThanOrEqual(values.map { abs(Double($0)) }.max() ?? 0, limit)

        // Convolution fan-in is channels × kernel area: 20 × 3 × 3.
        let conv = try S.built([Layers.conv2d(300, kernel: 3), Layers.relu()], [20, 5, 5])
        XCTAssertEqual(moments(try conv.parameter(named: "0.weight").value.scalars).variance, 2.0 / 180,
                       accuracy: 0.03 * 2.0 / 180)
    }

    /// PyTorch's default: weights and biases uniform in ±1/√fan_in, so variance 1/(3·fan_in);
    /// a network's rule reaches the layers that leave theirs automatic, nested ones too, and a
    /// layer's own rule wins.
    func testPyTorchInitialisationOnANetworkAndItsLayers() throws {
        let inner = Network([Layers.dense(1000)])
        let net = Network([Layers.dense(1000), Layers.relu(), inner, Layers.dense(1000, initializer: .he), Layers.relu()])
        net.initializer = .pytorch
        try net.build(inputShape: [500], random: RandomStream(seed: 3))
        let limit = 1 / 500.0.squareRoot(), innerLimit = 1 / 1000.0.squareRoot()
        let first = try net.parameter(named: "0.weight").value.scalars
        XCTAssertEqual(moments(first).variance, limit * limit / 3, accuracy: 0.02 * limit * limit / 3)
        XCTAssertLessThanOrEqual(first.map { abs(Double($0)) }.max() ?? 0, limit)
        let bias = try net.parameter(named: "0.bias").value.scalars
        XCTAssertLessThanOrEqual(bias.map { abs(Double($0)) }.max() ?? 0, limit)
        // 1000 biases uniform in ±limit: variance limit²/3 within 15% (about 3 standard errors).
        XCTAssertEqual(moments(bias).variance, limit * limit / 3, accuracy: 0.15 * limit * limit / 3)
        let nested = try net.parameter(named: "2.0.weight").value.scalars
        XCTAssertEqual(moments(nested).variance, innerLimit * innerLimit / 3, accuracy: 0.02 * innerLimit * innerLimit / 3)
        XCTAssertNotEqual(try net.parameter(named: "2.0.bias").value.scalars.first, 0)
        // The layer's own He rule: variance 2/1000, biases zero.
        XCTAssertEqual(moments(try net.parameter(named: "3.weight").value.scalars).variance, 2.0 / 1000, accuracy: 0.02 * 2.0 / 1000)
        XCTAssertEqual(try net.parameter(named: "3.bias").value.scalars, [Float](repeating: 0, count: 1000))
        // Convolution fan-in is channels × kernel area: 20 × 3 × 3.
        let conv = Network([Layers.conv2d(300, kernel: 3, initializer: .pytorch)])
        try conv.build(inputShape: [20, 5, 5], random: RandomStream(seed: 4))
        let convLimit = 1 / 180.0.squareRoot()
        XCTAssertEqual(moments(try conv.parameter(named: "0.weight").value.scalars).variance, convLimit * convLimit / 3,
                       accuracy: 0.03 * convLimit * convLimit / 3)
    }

    func testHeLooksPastNormalisationToTheActivation() throws {
        let net = try S.built([Layers.dense(1000), Layers.batchNorm(), Layers.dropout(0.1), Layers.relu(),
                               Layers.dense(1000), Layers.batchNorm()], [500])
        // He: variance 2 / 500; Glorot for the last: limit² / 3 = 2 / 2000. Bounds as above.
        XCTAssertEqual(moments(try net.parameter(named: "0.weight").value.scalars).variance, 2.0 / 500,
                       accuracy: 0.02 * 2.0 / 500)
        XCTAssertEqual(moments(try net.parameter(named: "4.weight").value.scalars).variance, 2.0 / 2000,
                       accuracy: 0.02 * 2.0 / 2000)
    }

    func testSameSeedSameWeightsWhateverTheThreadCount() throws {
        func weights(seed: UInt64, threads: Int) throws -> [[Float]] {
            let pool = threads > 1 ? WorkerPool(threadCount: threads) : nil
            return try TensorThreading.withPool(pool) {
                let net = try S.built([Layers.conv2d(8, kernel: 3), Layers.relu(), Layers.flatten(), Layers.dense(10)],
                                      [1, 8, 8], seed: seed)
                return net.parameters.map(\.value.scalars)
            }
        }
        let single = try weights(seed: 42, threads: 1)
        XCTAssertEqual(single, try weights(seed: 42, threads: 2))
        XCTAssertEqual(single, try weights(seed: 42, threads: 1))
        XCTAssertNotEqual(single, try weights(seed: 43, threads: 1))
    }

    func testLayerWeightsDoNotDependOnEarlierLayers() throws {
        // The first layers draw differently (Glorot vs nothing); layer 2 has its own split.
        let a = try S.built([Layers.dense(4), Layers.dense(3)], [2])
        let c = try S.built([Layers.dense(4, initializer: .zeros), Layers.dense(3)], [2])
        XCTAssertEqual(try a.parameter(named: "1.weight").value.scalars, try c.parameter(named: "1.weight").value.scalars)
        XCTAssertNotEqual(try a.parameter(named: "0.weight").value.scalars, try c.parameter(named: "0.weight").value.scalars)
    }

    func testLiteralAccessWithShapeChecks() throws {
        let net = try Network.logisticRegression(inputs: 2, bias: false)
        XCTAssertEqual(net.parameters.map(\.name), ["0.weight"])
        XCTAssertEqual(net.parameters[0].value.scalars, [0, 0])
        try net.setParameter("0.weight", rows: [[0.3, -0.7]])
        XCTAssertEqual(try net.parameter(named: "0.weight").value.scalars, [0.3, -0.7])
        XCTAssertEqual(S.errorMessage { try net.setParameter("0.weight", rows: [[0.3, -0.7, 1]]) },
                       "assign 0.weight: expected shape [1, 2], got [1, 3]")
        XCTAssertEqual(S.errorMessage { try net.setParameter("0.weight", rows: [[0.3], [1, 2]]) },
                       "'0.weight': tensor: row 1 has 2 elements but row 0 has 1")
        XCTAssertEqual(S.errorMessage { try net.setParameter("0.bias", values: [1]) },
                       "no parameter named '0.bias'; the network has: 0.weight")
        XCTAssertEqual(S.errorMessage { _ = try Network([Layers.dense(2)]).parameter(named: "0.weight") },
                       "no parameter named '0.weight': the network is not built yet")

        // docs/probe-formulas.md, T1: p = sigmoid(X w) for X = [[1, 2], [-1, .5], [.5, -1], [2, 1]], w = [.3, -.7].
        let x = try Tensor<Float>(rows: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]])
        let p = try S.evaluate(net, x).sigmoid()
        S.assertClose(p.scalars, [0.24974, 0.34299, 0.700567, 0.475021], tolerance: 1e-5)
    }

    func testSoftmaxRegressionOnProbesT2() throws {
        let net = try Network.softmaxRegression(inputs: 3, classes: 3, bias: false)
        try net.setParameter("0.weight", rows: [[0.2, -0.1, 0], [0.5, 0.3, -0.2], [-0.4, 0.1, 0.3]])
        let x = try Tensor<Float>(rows: [[1, 0, 1], [0.5, -1, 1], [-1, 2, 1]])
        let p = try S.evaluate(net, x).softmax(axis: 1)
        // Closed form: tr F = mean_i ||x_i||² (1 − ||p_i||²) = 2.031474.
        let norms: [Float] = [2, 2.25, 6]
        var trace: Float = 0
        for i in 0..<3 {
            let row = p.scalars[(3 * i)..<(3 * i + 3)]
            trace += norms[i] * (1 - row.reduce(0) { $0 + $1 * $1 }) / 3
        }
        XCTAssertEqual(trace, 2.031474, accuracy: 1e-5)
        let withBias = try Network.softmaxRegression(inputs: 3, classes: 4)
        XCTAssertEqual(withBias.parameters.map(\.shape), [[4, 3], [4]])
    }
}
