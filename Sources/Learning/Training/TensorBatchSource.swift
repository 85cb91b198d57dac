import TensorRuntime

/// A `BatchSource` over tensors in memory: rows of `inputs` with `labels`, optionally reshuffled
/// every epoch from the stream the trainer passes (a permutation drawn from (seed, epoch)).
/// The last batch of an epoch may be smaller.
public struct TensorBatchSource: BatchSource {
    /// Every sample, batch axis first.
    public let inputs: Tensor<Float>
    /// The class of each sample.
    public let labels: [Int32]
    /// Whether each epoch visits the samples in a fresh random order.
    public let shuffles: Bool

    /// A source over `inputs` `[n, ...]` and `n` labels; throws when the counts disagree.
    public init(inputs: Tensor<Float>, labels: [Int32], shuffles: Bool = true) throws {
        guard inputs.rank >= 1, inputs.shape[0] == labels.count else {
            throw TrainingError.invalidBatch(
                "data: inputs of shape \(TensorShape.describe(inputs.shape)) need one label per row, got \(labels.count) labels")
        }
        self.inputs = inputs
        self.labels = labels
        self.shuffles = shuffles
    }

    /// The number of samples.
    public var sampleCount: Int { labels.count }

    /// The epoch's batches in order, shuffled by `random` when `shuffles`.
    public func batches(epoch: Int, batchSize: Int, random: RandomStream) throws -> EpochPlan {
        guard batchSize > 0 else { throw TrainingError.invalidSetting("batch size must be above 0, got \(batchSize)") }
        var stream = random
        let order = shuffles ? try stream.permutation(count: labels.count) : Array(0..<labels.count)
        let count = (labels.count + batchSize - 1) / batchSize
        return EpochPlan(count: count) { [inputs, labels] index in
            let start = index * batchSize
            let rows = Array(order[start..<min(start + batchSize, order.count)])
            return TrainingBatch(inputs: try inputs.selectRows(rows), labels: rows.map { labels[$0] })
        }
    }
}
