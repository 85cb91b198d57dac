import Foundation
import Learning
import TensorRuntime
import XCTest
@testable import Probes

final class CostTests: XCTestCase {
    /// One dense layer of k weights (no bias) on 100 samples of 10 classes.
    func workload(k: Int, samples: Int = 100) -> ProbeWorkload {
        ProbeWorkload(layers: [.init(name: "dense", parameters: k, forwardFlops: 2 * Double(k), outputs: 10)],
                      inputSize: k / 10, samples: samples, classes: 10)
    }

    func testExactWeightInformationNeedsTheFullMatrix() {
        for k in [1000, 10_000, 100_000] {
            let e = ProbeCost.weightInformation(workload(k: k), estimator: .exact(maxParameters: k))
            let square = Double(k) * Double(k) * 8
            XCTAssertEqual(e.largestAllocationBytes, square)
            XCTAssertGreaterThanOrEqual(e.peakBytes, square)
            XCTAssertLessThanOrEqual(e.peakBytes, 4.5 * square,
                                     "peak is the matrix and its working copy or the check's sampler (shifted copy, trial, factor), plus O(k)")
            // Eigenvalues (4/3 k³), the Cholesky factor Σ* is sampled from (k³/3), a solve per draw.
            XCTAssertEqual(e.linearAlgebraFlops, 5.0 / 3 * pow(Double(k), 3) + Double(QuadraticCheck.pairs) * pow(Double(k), 2), accuracy: 1)
        }
        let diagonal = ProbeCost.weightInformation(workload(k: 100_000), estimator: .diagonal)
        XCTAssertLessThan(diagonal.peakBytes, 100 * 100_000 * 8, "the diagonal is O(k + n·A)")
    }

    func testRefusalNamesEstimateLimitAndAlternative() throws {
        let e = ProbeCost.weightInformation(workload(k: 30_000), estimator: .exact(maxParameters: 100_000))
        XCTAssertThrowsError(try e.check(limit: 1 << 30)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("info_in_weights:"), text)
            XCTAssertTrue(text.contains("27 GiB"), text) // 4·30000²·8 bytes
            XCTAssertTrue(text.contains("1.0 GiB"), text)
            XCTAssertTrue(text.contains(".diagonal"), text)
        }
        XCTAssertNoThrow(try e.check(limit: 1 << 40))
        // The estimator's own weight limits refuse whatever the memory.
        let over = ProbeCost.weightInformation(workload(k: 3000), estimator: .exact(maxParameters: 2000))
        XCTAssertThrowsError(try over.check(limit: 1 << 40)) { XCTAssertTrue("\($0)".contains("at most 2000 weights"), "\($0)") }
        let block = ProbeCost.weightInformation(workload(k: 3000), estimator: .layerBlocks(maxBlockParameters: 2000))
        XCTAssertThrowsError(try block.check(limit: 1 << 40)) { XCTAssertTrue("\($0)".contains("use .diagonal or .lanczos"), "\($0)") }
        XCTAssertNoThrow(try ProbeCost.weightInformation(workload(k: 3000), estimator: .layerBlocks(maxBlockParameters: 3000)).check(limit: 1 << 40))
    }

    func testEstimatesGrowWithSamples() {
        let probes: [(ProbeWorkload) -> CostEstimate] = [
            { ProbeCost.fisher($0, estimator: .exact) }, { ProbeCost.fisher($0, estimator: .monteCarlo(seed: 0), diagonal: true) },
            { ProbeCost.fisher($0, estimator: .empirical, method: .sampleLoop) },
            { ProbeCost.weightInformation($0, estimator: .exact(maxParameters: 5000)) },
            { ProbeCost.weightInformation($0, estimator: .layerBlocks(maxBlockParameters: 5000)) },
            { ProbeCost.weightInformation($0, estimator: .diagonal) },
            { ProbeCost.weightInformation($0, estimator: .lanczos(steps: 10, probes: 4, seed: 0)) },
            { ProbeCost.variational($0, options: VariationalOptions(beta: 0.1, lambda: 1)) },
            { ProbeCost.hessian($0) }, { ProbeCost.pacBayes($0, draws: 10) },
            { ProbeCost.training($0, epochs: 3, batchSize: 64) },
        ]
        for (i, probe) in probes.enumerated() {
            var previous: CostEstimate?
            for n in [1, 10, 100, 1000, 10_000] {
                let e = probe(workload(k: 1000, samples: n))
                if let p = previous {
                    XCTAssertGreaterThan(e.tensorFlops, p.tensorFlops, "probe \(i), n = \(n)")
                    XCTAssertGreaterThanOrEqual(e.seconds, p.seconds, "probe \(i), n = \(n)")
                    XCTAssertGreaterThanOrEqual(e.peakBytes, p.peakBytes, "probe \(i), n = \(n)")
                }
                previous = e
            }
        }
    }

    func testWorkloadFromTapsCountsDenseAndConvolution() throws {
        let (mlp, mlpData) = try Fixtures.mlp(seed: 1)
        let w = try ProbeWorkload(model: mlp, data: mlpData)
        XCTAssertEqual(w.layers.map(\.parameters), [25, 18])
        let expected: [Double] = [45, 33] // 2·4·5 + 5 and 2·5·3 + 3
        XCTAssertEqual(w.layers.map(\.forwardFlops), expected)
        let outputs: [Int] = [5, 3]
        XCTAssertEqual(w.layers.map(\.outputs), outputs)
        XCTAssertEqual(w.samples, 40)
        XCTAssertEqual(w.classes, 3)
        XCTAssertEqual(w.scalarBytes, 8)
        let (cnn, cnnData) = try Fixtures.cnn(Float.self, seed: 2)
        let c = try ProbeWorkload(model: cnn, data: cnnData)
        // conv 2×1×3×3 at 4×4 positions, bias per output; dense 32→3.
        let convExpected: [Double] = [608, 195] // 2·18·16 + 32 and 2·96 + 3
        XCTAssertEqual(c.layers.map(\.forwardFlops), convExpected)
        XCTAssertEqual(c.scalarBytes, 4)
        XCTAssertEqual(c.layers.map(\.isConvolution), [true, false])
        XCTAssertEqual(c.convolutionFlopsPerSample, 608)
        let conv = Network([ConvolutionLayer(filters: 2, kernel: 3, padding: 1), ActivationLayer(.tanh), ReshapeLayer(.flatten), DenseLayer(units: 3)])
        try conv.build(inputShape: [1, 4, 4], random: RandomStream(seed: 2))
        let shapes = try ProbeWorkload(network: conv, samples: 6)
        XCTAssertEqual(shapes.layers.map(\.forwardFlops), convExpected, "shapes and taps count the same flops")
        XCTAssertEqual(shapes.layers.map(\.isConvolution), [true, false])
    }

    func testWorkloadFromANetworkMatchesTheTapsWithoutRunning() throws {
        let network = Network([DenseLayer(units: 5), ActivationLayer(.tanh), DenseLayer(units: 3)])
        try network.build(inputShape: [4], random: RandomStream(seed: 3))
        let fromShapes = try ProbeWorkload(network: network, samples: 40)
        XCTAssertEqual(fromShapes.layers.map(\.name), ["0", "2"]) // parameter paths
        XCTAssertEqual(fromShapes.layers.map(\.parameters), [25, 18])
        XCTAssertEqual(fromShapes.layers.map(\.forwardFlops), [45, 33])
        XCTAssertEqual(fromShapes.classes, 3)
        let model = try ProbeModel<Float>(network: network)
        var random = RandomStream(seed: 4)
        let data = try ProbeData(inputs: Tensor<Float>.normal([40, 4], using: &random), labels: (0..<40).map { $0 % 3 })
        let fromTaps = try ProbeWorkload(model: model, data: data)
        XCTAssertEqual(fromTaps.forwardFlopsPerSample, fromShapes.forwardFlopsPerSample - fromShapes.extraFlopsPerSample)
        XCTAssertThrowsError(try ProbeWorkload(network: Network([DenseLayer(units: 2)]), samples: 1))
    }

    func testProbesRefuseBeforeWorkUnderASmallLimit() throws {
        let (model, data) = try Fixtures.mlp(seed: 5)
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        // 43 weights: the exact form needs 2·43²·8 ≈ 30 KB plus a product's graph, whose chunk
        // shrinks to an eighth of the limit (at least one row); the diagonal needs less.
        try TensorLimits.withMaxBytes(32_000) {
            XCTAssertThrowsError(try WeightInformation.estimate(model, on: data, code: code, estimator: .exact(maxParameters: 2000))) { error in
                guard case ProbeError.tooLarge(let probe, let message, let instead) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(probe, "info_in_weights")
                XCTAssertTrue(message.contains("31 KiB (INFOSCOPE_MAX_TENSOR_BYTES)"), message)
                XCTAssertEqual(instead, [.diagonal, .lanczos])
                XCTAssertTrue("\(error)".hasSuffix("— use .diagonal or .lanczos"), "\(error)")
            }
            XCTAssertNoThrow(try WeightInformation.estimate(model, on: data, code: code, estimator: .diagonal))
            let op = try CurvatureOperator(model: model, data: data)
            XCTAssertNoThrow(try op.matrix(probe: "test", op.fisherVectorProduct), "43² Doubles fit in 32 KB")
        }
        try TensorLimits.withMaxBytes(10_000) {
            let op = try CurvatureOperator(model: model, data: data)
            XCTAssertThrowsError(try op.matrix(probe: "test", op.fisherVectorProduct)) { error in
                XCTAssertTrue("\(error)".contains("matrix-free"), "\(error)")
            }
            XCTAssertThrowsError(try HessianProbe.summarize(model, on: data)) { error in
                XCTAssertTrue("\(error)".contains("stochastic gap"), "\(error)")
            }
        }
        XCTAssertNoThrow(try WeightInformation.estimate(model, on: data, code: code, estimator: .exact(maxParameters: 2000)))
    }

    func testMutualInformationRefusesHugeCovariances() throws {
        var random = RandomStream(seed: 9)
        let z = (0..<50).map { _ in (0..<40).map { _ in random.nextNormal() } }
        let c = (0..<50).map { $0 % 2 }
        try TensorLimits.withMaxBytes(20_000) {
            XCTAssertThrowsError(try MutualInformationEstimator.gaussianClassConditional(z, classes: c)) {
                XCTAssertTrue("\($0)".contains("lower-dimensional z"), "\($0)")
            }
        }
        XCTAssertNoThrow(try MutualInformationEstimator.gaussianClassConditional(z, classes: c))
        let estimate = ProbeCost.invariance(rows: 50, dimension: 40, classes: 2)
        XCTAssertEqual(estimate.peakBytes, 50 * 40 * 8 + 3 * 40 * 40 * 8)
    }

    func testRepeatedRunsAddWorkNotMemory() {
        let options = VariationalOptions(beta: 0.1, lambda: 1)
        let one = ProbeCost.variational(workload(k: 500), options: options)
        let sweep = BetaSweep.cost(workload(k: 500), betas: [0.01, 0.1, 1], options: options)
        XCTAssertEqual(sweep.tensorFlops, 3 * one.tensorFlops)
        XCTAssertEqual(sweep.operations, 3 * one.operations)
        XCTAssertEqual(sweep.peakBytes, one.peakBytes)
        XCTAssertTrue(sweep.summary.hasPrefix("beta_sweep (3 values of β, variational, "), sweep.summary)
    }

    func testChunksTakeAllSamplesWhenTheirGraphFitsAndShrinkUnderTheLimit() {
        let w = workload(k: 7850, samples: 1000)
        XCTAssertEqual(ProbeCost.chunkRows(w, secondOrder: false), 1000)
        XCTAssertEqual(ProbeCost.chunkRows(w, secondOrder: true), 1000)
        // A limit whose eighth holds exactly 100 rows' first-order graph: 100 rows, 50 second-order.
        let limit = Int(ProbeCost.chunkShareOfLimit * ProbeCost.graphBytes(w, rows: 100))
        XCTAssertEqual(ProbeCost.chunkRows(w, secondOrder: false, limit: limit), 100)
        XCTAssertEqual(ProbeCost.chunkRows(w, secondOrder: true, limit: limit), 50)
        XCTAssertEqual(ProbeCost.chunkRows(w, secondOrder: true, limit: 1), 1, "at least one row")
    }

    func testSummaryReadsAsOneLine() {
        let e = ProbeCost.fisher(workload(k: 7850, samples: 1000), estimator: .exact)
        XCTAssertFalse(e.summary.contains("\n"))
        XCTAssertTrue(e.summary.hasPrefix("fisher_trace (Fisher trace, exact over 10 classes, 1000 inputs): about "), e.summary)
        XCTAssertTrue(e.summary.contains("peak "), e.summary)
        XCTAssertEqual(CostEstimate.formatBytes(3 * 1024 * 1024), "3.0 MiB")
        XCTAssertEqual(CostEstimate.formatBytes(512), "512 B")
        XCTAssertEqual(CostEstimate.formatFlops(3.1e9), "3.1 GFLOP")
        XCTAssertEqual(CostEstimate.formatSeconds(150), "2.5 min")
        XCTAssertEqual(CostEstimate.formatSeconds(4.5e10), "1426 years")
    }

    /// One rank of two does half of every batch's passes and all of the optimizer step, and says
    /// what it sends to sum the gradients: 2·(N-1)/N of a float gradient per step.
    func testTrainingOnRanksIsOneRanksShareAndItsTraffic() {
        let w = workload(k: 1000, samples: 1000)
        let alone = ProbeCost.training(w, epochs: 1, batchSize: 100)
        let rank = ProbeCost.training(w, epochs: 1, batchSize: 100, ranks: 2)
        let optimizer = 10 * 4 * 1000.0
        XCTAssertEqual(rank.tensorFlops - optimizer, (alone.tensorFlops - optimizer) / 2, accuracy: 1e-6 * alone.tensorFlops)
        XCTAssertTrue(rank.method.contains("one rank of 2: 2 replicas of about 50 rows"), rank.method)
        XCTAssertTrue(rank.method.contains("3.9 KiB sent and as much received per step"), rank.method)
        XCTAssertTrue(rank.method.contains("(39 KiB in all)"), rank.method)
        XCTAssertFalse(alone.method.contains("replicas"), alone.method)
        let fourReplicas = ProbeCost.training(w, epochs: 1, batchSize: 100, ranks: 2, replicas: 4)
        XCTAssertTrue(fourReplicas.method.contains("4 replicas of about 25 rows"), fourReplicas.method)
        XCTAssertTrue(fourReplicas.method.contains("7.8 KiB sent"), fourReplicas.method)
    }
}
