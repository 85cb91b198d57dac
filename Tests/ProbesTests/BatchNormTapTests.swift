import XCTest
import Learning
import TensorRuntime
@testable import Probes

/// Batch norm in a probed network is a per-channel affine tap: its scale and shift get batched
/// per-sample gradients that must equal one backward pass per sample. Float32 networks: matched
/// to 1e-4 relative (the two routes sum in different orders).
final class BatchNormTapTests: XCTestCase {
    /// A built network with batch norms whose running statistics, scales and shifts are all away
    /// from their initial values (1 and 0 would hide a missing x̂ or shift term).
    private func network(_ layers: [any Layer], input: [Int], seed: UInt64) throws -> Network {
        let net = Network(layers)
        var random = RandomStream(seed: seed)
        try net.build(inputShape: input, random: random)
        for _ in 0..<4 {
            _ = try net.forward(try Tensor<Float>.normal([8] + input, using: &random) * 2 + 0.5, training: true, random: &random)
        }
        for (position, layer) in net.layers.enumerated() where layer is BatchNormLayer {
            let c = layer.parameters[0].shape[0]
            try net.setParameter("\(position).weight", to: try Tensor<Float>.normal([c], using: &random) * 0.5 + 1)
            try net.setParameter("\(position).bias", to: try Tensor<Float>.normal([c], using: &random))
        }
        return net
    }

    private var cases: [(name: String, net: Network, input: [Int])] {
        get throws {
            [("conv, batchnorm, relu", try network([Layers.conv2d(3, kernel: 3, padding: 1), Layers.batchNorm(), Layers.relu(),
                                                    Layers.flatten(), Layers.dense(3)], input: [2, 4, 4], seed: 1), [2, 4, 4]),
             ("conv, batchnorm", try network([Layers.conv2d(3, kernel: 3), Layers.batchNorm(), Layers.flatten(),
                                              Layers.dense(3)], input: [1, 5, 5], seed: 2), [1, 5, 5]),
             ("dense, batchnorm, relu", try network([Layers.dense(6), Layers.batchNorm(), Layers.relu(), Layers.dense(3)],
                                                    input: [4], seed: 3), [4]),
             ("dense, batchnorm", try network([Layers.dense(6), Layers.batchNorm(), Layers.tanh(), Layers.dense(3)],
                                              input: [4], seed: 4), [4]),
             ("batchnorm first, flat", try network([Layers.batchNorm(), Layers.dense(3)], input: [4], seed: 5), [4]),
             ("batchnorm first, image", try network([Layers.batchNorm(), Layers.conv2d(2, kernel: 3), Layers.relu(),
                                                     Layers.flatten(), Layers.dense(3)], input: [2, 4, 4], seed: 6), [2, 4, 4]),
             ("batchnorm on images, relu", try network([Layers.batchNorm(), Layers.relu(), Layers.flatten(), Layers.dense(3)],
                                                       input: [3, 3, 3], seed: 7), [3, 3, 3])]
        }
    }

    private func data(_ n: Int, shape: [Int], seed: UInt64) throws -> ProbeData<Float> {
        var random = RandomStream(seed: seed)
        let x = try Tensor<Float>.normal([n] + shape, using: &random) * 2 + 0.5
        return try ProbeData(inputs: x, labels: try (0..<n).map { _ in try random.nextInt(in: 0..<3) })
    }

    private func assertClose(_ a: Double, _ b: Double, relative: Double = 1e-4, _ message: String, line: UInt = #line) {
        XCTAssertEqual(a, b, accuracy: relative * max(abs(a), abs(b), 1e-9), message, line: line)
    }

    func testBatchNormNetworksAreTapped() throws {
        for c in try cases {
            let model = try ProbeModel(network: c.net)
            let taps = try model.forward(model.parameters, try data(2, shape: c.input, seed: 9).inputs).taps
            XCTAssertEqual(taps.filter(\.isAffine).count, 1, c.name)
            XCTAssertTrue(model.tapsCoverParameters(taps, diagonal: false), c.name)
            // Conv layers have no batched diagonal (yet); every other tap has.
            XCTAssertEqual(model.tapsCoverParameters(taps, diagonal: true), !c.net.layers.contains { $0.kind == "conv2d" }, c.name)
        }
    }

    /// Every parameter tensor's per-sample squared norms and weighted diagonal, element by element
    /// (the diagonal where the network has no conv layer, whose diagonal is not batched).
    func testBatchedNormsAndDiagonalEqualTheSampleLoop() throws {
        for (k, c) in try cases.enumerated() {
            let model = try ProbeModel(network: c.net)
            let d = try data(9, shape: c.input, seed: UInt64(20 + k))
            let weights = (0..<d.count).map { 0.5 + Double($0) / 4 }
            let diagonal = !c.net.layers.contains { $0.kind == "conv2d" }
            let (batched, method) = try model.sampleGradients(d.inputs, labels: d.labels, weights: weights, diagonal: diagonal,
                                                              preferBatched: true, probe: "test")
            XCTAssertEqual(method, .batched, c.name)
            let (loop, loopMethod) = try model.sampleGradients(d.inputs, labels: d.labels, weights: weights, diagonal: diagonal,
                                                               preferBatched: false, probe: "test")
            XCTAssertEqual(loopMethod, .sampleLoop, c.name)
            XCTAssertEqual(batched.norms.map(\.count), loop.norms.map(\.count), c.name)
            for (t, (a, b)) in zip(batched.norms, loop.norms).enumerated() {
                for (x, y) in zip(a, b) { assertClose(x, y, "\(c.name): norms of tensor \(t)") }
            }
            XCTAssertEqual(batched.diagonal?.map(\.count), loop.diagonal?.map(\.count), c.name)
            for (t, (a, b)) in zip(batched.diagonal ?? [], loop.diagonal ?? []).enumerated() {
                let scale = b.map(abs).max() ?? 0
                for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-4 * max(abs(y), 1e-3 * scale, 1e-12), "\(c.name): diagonal of tensor \(t)") }
            }
        }
    }

    /// The probe's totals and per-layer traces, with the settings it reports.
    func testFisherProbeIsBatchedAndEqualsTheSampleLoop() throws {
        for (k, c) in try cases.enumerated() {
            let model = try ProbeModel(network: c.net)
            let d = try data(12, shape: c.input, seed: UInt64(40 + k))
            for estimator in [FisherEstimator.exact, .monteCarlo(seed: 4), .empirical] {
                let batched = try FisherProbe.estimate(model, on: d, estimator: estimator, method: .batched)
                let loop = try FisherProbe.estimate(model, on: d, estimator: estimator, method: .sampleLoop)
                XCTAssertEqual(batched.method, .batched, c.name)
                assertClose(batched.total, loop.total, c.name)
                for (a, b) in zip(batched.layers, loop.layers) { assertClose(a.trace, b.trace, "\(c.name): \(a.name)") }
            }
        }
    }
}
