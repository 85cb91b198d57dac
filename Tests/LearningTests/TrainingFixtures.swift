import XCTest
import TensorRuntime
@testable import Learning

/// Small models and data for the trainer tests, all drawn from seeded streams.
enum TrainingFixtures {
    /// Three Gaussian blobs in the plane, centred 3 apart on a circle with standard deviation 0.5,
    /// so a small MLP separates them almost perfectly (the centres are > 10 deviations apart).
    static func blobs(count: Int, seed: UInt64, shuffles: Bool = true) throws -> TensorBatchSource {
        var random = RandomStream(seed: seed)
        let centres: [(Float, Float)] = [(3, 0), (-1.5, 2.6), (-1.5, -2.6)]
        var values: [Float] = []
        var labels: [Int32] = []
        for index in 0..<count {
            let label = index % centres.count
            values.append(centres[label].0 + 0.5 * Float(random.nextNormal()))
            values.append(centres[label].1 + 0.5 * Float(random.nextNormal()))
            labels.append(Int32(label))
        }
        return try TensorBatchSource(inputs: Tensor(shape: [count, 2], scalars: values), labels: labels,
                                     shuffles: shuffles)
    }

    /// A 2-`hidden`-3 MLP with ReLU, He-initialised from `seed`, built from parameters and `dense`.
    static func mlp(seed: UInt64, hidden: Int = 16, inputs: Int = 2) throws -> ClosureModel {
        var random = RandomStream(seed: seed)
        let parameters = [
            Parameter(name: "0.weight", value: try Tensor<Float>.normal(
                [inputs, hidden], standardDeviation: (2 / Float(inputs)).squareRoot(), using: &random)),
            Parameter(name: "0.bias", value: try Tensor<Float>.zeros([hidden])),
            Parameter(name: "1.weight", value: try Tensor<Float>.normal(
                [hidden, 3], standardDeviation: (2 / Float(hidden)).squareRoot(), using: &random)),
            Parameter(name: "1.bias", value: try Tensor<Float>.zeros([3])),
        ]
        return ClosureModel(parameters: parameters) { input, w, _, _ in
            let h = try Tensor.dense(input, weight: w[0], bias: w[1], relu: true)
            return try Tensor.dense(h, weight: w[2], bias: w[3])
        }
    }

    /// Every parameter's bits, for exact comparisons between runs.
    static func bits(_ model: any TrainableModel) -> [[UInt32]] {
        model.parameters.map { $0.value.scalars.map(\.bitPattern) }
    }
}

/// A source that remembers which epochs it was asked for.
final class RecordingSource: BatchSource {
    let inner: TensorBatchSource
    private(set) var epochs: [Int] = []

    init(_ inner: TensorBatchSource) { self.inner = inner }

    var sampleCount: Int { inner.sampleCount }

    func batches(epoch: Int, batchSize: Int, random: RandomStream) throws -> EpochPlan {
        epochs.append(epoch)
        return try inner.batches(epoch: epoch, batchSize: batchSize, random: random)
    }
}
