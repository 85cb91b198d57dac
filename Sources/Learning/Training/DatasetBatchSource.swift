import TensorRuntime

/// The data module's datasets as a trainer `BatchSource`: each epoch is cut by a `Batcher` (the
/// data module's gathering, shuffling and augmentations) whose stream is the one the trainer
/// passes for that epoch, so order and augmentations depend only on (run seed, epoch, batch) and a
/// resumed run sees exactly the batches of an uninterrupted one.
public struct DatasetBatchSource: BatchSource {
    /// The samples.
    public let dataset: Dataset
    /// Whether each epoch visits the samples in a fresh random order.
    public let shuffles: Bool
    /// Whether a final batch smaller than the batch size is left out.
    public let dropsLast: Bool
    /// Random changes applied to each sample as it is batched.
    public let augmentations: [Augmentation]

    /// A source over `dataset`.
    public init(_ dataset: Dataset, shuffles: Bool = true, dropsLast: Bool = false,
                augmentations: [Augmentation] = []) {
        self.dataset = dataset
        self.shuffles = shuffles
        self.dropsLast = dropsLast
        self.augmentations = augmentations
    }

    /// The number of samples.
    public var sampleCount: Int { dataset.count }

    /// The dataset's name (its transform chain) and size, and the augmentations drawn per batch.
    public var identity: String {
        var text = "\(dataset.name) (\(TextFormat.groupedThousands(sampleCount)) samples)"
        if !augmentations.isEmpty { text += " augmented by " + augmentations.map(\.checkpointCode).joined(separator: ", ") }
        if dropsLast { text += ", last batch dropped" }
        return text
    }

    /// Batches per epoch: a smaller last batch is dropped when `dropsLast`.
    public func batchCount(batchSize: Int) -> Int {
        guard batchSize > 0 else { return 0 }
        let full = sampleCount / batchSize
        return dropsLast || sampleCount % batchSize == 0 ? full : full + 1
    }

    /// The epoch's batches as tensors `[B] + sampleShape`, from a batcher seeded by `random`.
    public func batches(epoch: Int, batchSize: Int, random: RandomStream) throws -> EpochPlan {
        let batcher = try Batcher(dataset, batchSize: batchSize, shuffle: shuffles, dropLast: dropsLast,
                                  augmentations: augmentations, stream: random)
        // `random` already belongs to this epoch alone, so the batcher's own epoch 0 is used.
        let epochBatches = batcher.epoch(0)
        return EpochPlan(count: epochBatches.count) { index in
            guard let batch = try epochBatches.inputs(index) else {
                throw TrainingError.invalidBatch("batch \(index) is outside the \(epochBatches.count) batches of epoch \(epoch + 1)")
            }
            return TrainingBatch(inputs: batch.inputs, labels: batch.labels)
        }
    }
}
