import XCTest
import TensorRuntime
@testable import Learning

/// A batch's gradient computed as replicas' parts (`TrainingConfiguration.replicas`), as the ranks
/// of an MPI job compute it; docs/distributed.md.
final class ReplicaTests: XCTestCase {
    func config(_ data: any BatchSource, epochs: Int = 1, batch: Int, replicas: Int?, learningRate: Double = 0.1)
        throws -> TrainingConfiguration {
        var config = TrainingConfiguration(phases: [TrainingPhase(epochs: epochs, data: data)],
                                           optimizer: try SGD(learningRate: learningRate), batchSize: batch, seed: 5)
        config.replicas = replicas
        return config
    }

    /// Two parts of unequal size (3 and 4 of 7 rows), each with its mean loss, are weighted by
    /// their share of the rows: the step is the whole batch's mean-loss step, up to rounding, and
    /// equals the step computed here by hand from the two parts, bit for bit.
    func testPartsAreWeightedByTheirShareOfTheRows() throws {
        let data = try TrainingFixtures.blobs(count: 7, seed: 1, shuffles: false)
        let model = try TrainingFixtures.mlp(seed: 3)
        let start = model.parameters.map(\.value)
        _ = try Trainer(config(data, batch: 7, replicas: 2)).fit(model)

        let batch = try data.batches(epoch: 0, batchSize: 7, random: RandomStream(seed: 0)).batch(0)
        func partGradients(_ rows: Range<Int>) throws -> [[Float]] {
            let weights = start.map { $0.variable() }
            var random = RandomStream(seed: 0)
            let logits = try model.logits(try batch.inputs.slice(axis: 0, start: rows.lowerBound, count: rows.count),
                                          weights: weights, training: true, random: &random)
            let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: batch.labels[rows].map { Int($0) })
            return try loss.gradients(withRespectTo: weights).map(\.scalars)
        }
        let first = try partGradients(0..<3), second = try partGradients(3..<7)
        for (index, parameter) in model.parameters.enumerated() {
            let summed = zip(first[index], second[index]).map { $0 * (Float(3) / 7) + $1 * (Float(4) / 7) }
            let expected = zip(start[index].scalars, summed).map { $0 - 0.1 * $1 }
            XCTAssertEqual(parameter.value.scalars, expected, "parameter \(parameter.name)")
        }
    }

    /// Any replica count trains the same network as one replica, to rounding (the mean loss is
    /// the same function; only the order of the additions differs), batches of uneven size included.
    func testReplicasTrainTheSameNetworkToRounding() throws {
        let data = try TrainingFixtures.blobs(count: 60, seed: 1)
        let whole = try TrainingFixtures.mlp(seed: 3), split = try TrainingFixtures.mlp(seed: 3)
        let wholeRun = try Trainer(config(data, epochs: 2, batch: 23, replicas: nil)).fit(whole)
        let splitRun = try Trainer(config(data, epochs: 2, batch: 23, replicas: 3)).fit(split)
        XCTAssertEqual(splitRun.state.step, wholeRun.state.step)
        for (a, b) in zip(whole.parameters, split.parameters) {
            for (x, y) in zip(a.value.scalars, b.value.scalars) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
        XCTAssertEqual(splitRun.epochs.last!.trainLoss, wholeRun.epochs.last!.trainLoss, accuracy: 1e-6)
        XCTAssertEqual(splitRun.epochs.map(\.trainAccuracy), wholeRun.epochs.map(\.trainAccuracy))
    }

    /// A batch larger than the replica count leaves some replicas empty: they add nothing.
    func testEmptyPartsAddNothing() throws {
        let data = try TrainingFixtures.blobs(count: 3, seed: 1)
        let whole = try TrainingFixtures.mlp(seed: 3), split = try TrainingFixtures.mlp(seed: 3)
        _ = try Trainer(config(data, batch: 3, replicas: nil)).fit(whole)
        let run = try Trainer(config(data, batch: 3, replicas: 5)).fit(split)
        XCTAssertEqual(run.state.step, 1)
        for (a, b) in zip(whole.parameters, split.parameters) {
            for (x, y) in zip(a.value.scalars, b.value.scalars) { XCTAssertEqual(x, y, accuracy: 1e-6) }
        }
    }

    /// Batch statistics start from the same values in every replica and end as their mean: on a
    /// batch made of two equal halves, two replicas see the same batch mean, so the running mean
    /// moves exactly as with one replica (a second update on top of the first would move it twice).
    func testRunningStatisticsAreTheReplicasMean() throws {
        let half: [Float] = [1, 4, -2, 5]
        let inputs = try Tensor<Float>(shape: [8, 1], scalars: half + half)
        let data = try TensorBatchSource(inputs: inputs, labels: [0, 1, 0, 1, 0, 1, 0, 1], shuffles: false)
        func trainedRunningMean(replicas: Int?) throws -> [Float] {
            let network = Network([Layers.batchNorm(), Layers.dense(2)])
            try network.build(inputShape: [1], random: RandomStream(seed: 7))
            _ = try Trainer(config(data, batch: 8, replicas: replicas)).fit(network.trainableModel)
            return try network.parameter(named: "0.running_mean").value.scalars
        }
        let one = try trainedRunningMean(replicas: nil)
        XCTAssertEqual(one[0], 0.2, accuracy: 1e-7, "0.9 · 0 + 0.1 · 2")
        XCTAssertEqual(try trainedRunningMean(replicas: 2)[0], one[0], accuracy: 1e-7)
    }

    func testReplicasMustBeAPositiveMultipleOfTheProcesses() throws {
        let data = try TrainingFixtures.blobs(count: 6, seed: 1)
        XCTAssertThrowsError(try Trainer(config(data, batch: 3, replicas: 0))) { error in
            XCTAssertTrue("\(error)".contains("replicas must be a positive multiple of the 1 processes"), "\(error)")
        }
    }

    func testPartsSplitTheRowsInOrder() {
        let parts = (0..<3).map { SingleProcess.part($0, of: 7, parts: 3) }
        XCTAssertEqual(parts, [0..<2, 2..<4, 4..<7])
        XCTAssertEqual(SingleProcess().share(of: 5), 0..<5)
        XCTAssertEqual(SingleProcess.addInOrder([[1, 2], [0.5, 0.25], [4, 8]]), [5.5, 10.25])
    }
}
