import XCTest
import Learning
import TensorRuntime
@testable import Probes

/// The `Learning.Network` adapter. Networks are Float32: closed forms are matched to 2e-5
/// relative (about 100 Float ulps, room for the sums over samples and classes), and the batched
/// route is matched to the per-sample loop to 1e-4 relative (the two sum in different orders).
final class NetworkProbeModelTests: XCTestCase {
    private func mlp(seed: UInt64, batchNorm: Bool = false, dropout: Bool = false) throws -> Network {
        var layers: [any Layer] = [Layers.dense(6), Layers.relu(), Layers.dense(5), Layers.tanh()]
        if batchNorm { layers.insert(Layers.batchNorm(), at: 1) }
        if dropout { layers.append(Layers.dropout(0.5)) }
        layers.append(Layers.dense(3))
        let net = Network(layers)
        try net.build(inputShape: [4], random: RandomStream(seed: seed))
        return net
    }

    private func data(_ n: Int, shape: [Int], classes: Int, seed: UInt64) throws -> ProbeData<Float> {
        var random = RandomStream(seed: seed)
        let x = try Tensor<Float>.normal([n] + shape, using: &random)
        return try ProbeData(inputs: x, labels: try (0..<n).map { _ in try random.nextInt(in: 0..<classes) })
    }

    private func assertClose(_ a: Double, _ b: Double, relative: Double = 1e-4, _ line: UInt = #line) {
        XCTAssertEqual(a, b, accuracy: relative * max(abs(a), abs(b), 1e-12), line: line)
    }

    func testLayersAreNamedAsInTheNetworkTable() throws {
        let model = try ProbeModel(network: try mlp(seed: 1))
        XCTAssertEqual(model.layers.map(\.name), ["dense1", "dense3", "dense5"])
        XCTAssertEqual(model.layers[0].tensorNames, ["dense1.weight", "dense1.bias"])
        XCTAssertEqual(model.layers[0].shapes, [[6, 4], [6]])
        XCTAssertEqual(model.output, .softmax)
        XCTAssertEqual(model.inputShape, [4])
        let nested = Network([Layers.block([Layers.dense(3), Layers.relu()], kind: "stem"),
                              Layers.residual([Layers.dense(3)]), Layers.dense(2)])
        try nested.build(inputShape: [3], random: RandomStream(seed: 0))
        XCTAssertEqual(try ProbeModel(network: nested).layers.map(\.name), ["stem1.dense1", "residual2.dense1", "dense3"])
    }

    func testBatchedTraceAndDiagonalEqualTheSampleLoop() throws {
        let model = try ProbeModel(network: try mlp(seed: 2))
        let d = try data(30, shape: [4], classes: 3, seed: 3)
        for estimator in [FisherEstimator.exact, .monteCarlo(seed: 4), .empirical] {
            let batched = try FisherProbe.estimate(model, on: d, estimator: estimator, diagonal: true, method: .batched)
            let loop = try FisherProbe.estimate(model, on: d, estimator: estimator, diagonal: true, method: .sampleLoop)
            XCTAssertEqual(batched.method, .batched)
            assertClose(batched.total, loop.total)
            for (a, b) in zip(batched.layers, loop.layers) { assertClose(a.trace, b.trace) }
            // The diagonal checks the [out, in] transpose of dense weights element by element.
            for (a, b) in zip(batched.diagonal ?? [], loop.diagonal ?? []) {
                XCTAssertEqual(a.count, b.count)
                for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-4 * max(abs(y), 1e-3)) }
            }
        }
    }

    func testTapNormsEqualOneBackwardPassPerSample() throws {
        let conv = Network([Layers.conv2d(2, kernel: 3, padding: 1), Layers.relu(), Layers.flatten(), Layers.dense(3)])
        try conv.build(inputShape: [1, 4, 4], random: RandomStream(seed: 5))
        for (net, shape) in [(try mlp(seed: 6), [4]), (conv, [1, 4, 4])] {
            let model = try ProbeModel(network: net)
            let d = try data(7, shape: shape, classes: 3, seed: 8)
            let weights = [Double](repeating: 1, count: d.count)
            let (batched, method) = try model.sampleGradients(d.inputs, labels: d.labels, weights: weights, diagonal: false,
                                                              preferBatched: true, probe: "test")
            XCTAssertEqual(method, .batched)
            for i in 0..<d.count {
                let g = try model.sampleGradient(d.inputs.selectRows([i]), label: d.labels[i], probe: "test")
                for t in g.indices { assertClose(batched.norms[t][i], g[t].reduce(0) { $0 + $1 * $1 }) }
            }
        }
    }

    func testT1LogisticRegressionNetworkGivesTheClosedForm() throws {
        let net = try Network.logisticRegression(inputs: 2, bias: false)
        try net.setParameter("0.weight", rows: [[0.3, -0.7]])
        let model = try ProbeModel(network: net)
        XCTAssertEqual(model.output, .bernoulli)
        let x = try Tensor<Float>(rows: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]])
        let r = try FisherProbe.estimate(model, on: try ProbeData(inputs: x, labels: [1, 0, 1, 1]), estimator: .exact, diagonal: true)
        assertClose(r.total, 0.681908, relative: 2e-5)
        assertClose(r.diagonal?[0][0] ?? 0, 0.365666, relative: 2e-5)
        assertClose(r.diagonal?[0][1] ?? 0, 0.316241, relative: 2e-5)
        // A final sigmoid layer is the output distribution: the same model.
        let withSigmoid = Network([Layers.dense(1, bias: false, initializer: .zeros), Layers.sigmoid()])
        try withSigmoid.build(inputShape: [2], random: RandomStream(seed: 0))
        try withSigmoid.setParameter("0.weight", rows: [[0.3, -0.7]])
        let s = try FisherProbe.estimate(try ProbeModel(network: withSigmoid), on: try ProbeData(inputs: x, labels: [1, 0, 1, 1]), estimator: .exact)
        assertClose(s.total, 0.681908, relative: 2e-5)
    }

    func testT2SoftmaxRegressionNetworkGivesTheClosedForm() throws {
        let net = try Network.softmaxRegression(inputs: 3, classes: 3, bias: false)
        try net.setParameter("0.weight", rows: [[0.2, -0.1, 0], [0.5, 0.3, -0.2], [-0.4, 0.1, 0.3]])
        let x = try Tensor<Float>(rows: [[1, 0, 1], [0.5, -1, 1], [-1, 2, 1]])
        let d = try ProbeData(inputs: x, labels: [0, 1, 2])
        assertClose(try FisherProbe.estimate(try ProbeModel(network: net), on: d, estimator: .exact).total, 2.031474, relative: 2e-5)
        let withSoftmax = Network([Layers.dense(3, bias: false, initializer: .zeros), Layers.softmax()])
        try withSoftmax.build(inputShape: [3], random: RandomStream(seed: 0))
        try withSoftmax.setParameter("0.weight", rows: [[0.2, -0.1, 0], [0.5, 0.3, -0.2], [-0.4, 0.1, 0.3]])
        assertClose(try FisherProbe.estimate(try ProbeModel(network: withSoftmax), on: d, estimator: .exact).total, 2.031474, relative: 2e-5)
    }

    func testBatchNormAndDropoutRunInEvaluationModeWithoutBatchInteraction() throws {
        let net = try mlp(seed: 9, batchNorm: true, dropout: true)
        // Running statistics away from their initial values, so evaluation mode matters.
        var random = RandomStream(seed: 10)
        for _ in 0..<5 { _ = try net.forward(try Tensor<Float>.normal([16, 4], using: &random), training: true, random: &random) }
        let model = try ProbeModel(network: net)
        let d = try data(6, shape: [4], classes: 3, seed: 11)
        let whole = try FisherProbe.estimate(model, on: d, estimator: .exact)
        XCTAssertEqual(whole.method, .batched)
        let singles = try (0..<d.count).map { try FisherProbe.estimate(model, on: try d.rows([$0]), estimator: .exact).total }
        assertClose(whole.total, singles.reduce(0, +) / Double(d.count))
        XCTAssertEqual(model.layers.map(\.name), ["dense1", "batchnorm2", "dense4", "dense7"])
    }

    func testUnbuiltNetworkIsRefused() throws {
        XCTAssertThrowsError(try ProbeModel(network: Network([Layers.dense(2)]))) { error in
            XCTAssertTrue("\(error)".contains("not built"), "\(error)")
        }
    }
}
