import TensorRuntime

/// Cuts a dataset into mini-batches, epoch after epoch, reproducibly.
///
/// Epoch e's order comes from `stream.split(e).split(0)` and batch b's augmentations from
/// `stream.split(e).split(b + 1)`, so any epoch (or any batch of it) can be produced on its own:
/// resuming at epoch e gives exactly the batches an uninterrupted run would have seen. Batches are
/// gathered on demand; the dataset is never copied per epoch.
public struct Batcher: Sendable {
    /// The dataset batched.
    public let dataset: Dataset
    /// Samples per batch (the last batch may be smaller unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the samples in a fresh random order.
    public let shuffle: Bool
    /// Whether a final batch smaller than `batchSize` is left out.
    public let dropLast: Bool
    /// Random changes applied to each sample as it is batched, in this order.
    public let augmentations: [Augmentation]
    /// The stream every epoch's order and augmentations derive from.
    public let stream: RandomStream

    /// Creates a batcher after checking the batch size and augmentations.
    ///
    /// - Throws: `DatasetError.invalidArgument` for a non-positive batch size, an augmentation
    ///   with a parameter out of range, or an image augmentation on non-image samples.
    public init(_ dataset: Dataset, batchSize: Int, shuffle: Bool = true, dropLast: Bool = false,
                augmentations: [Augmentation] = [], stream: RandomStream) throws {
        guard batchSize > 0 else {
            throw DatasetError.invalidArgument(operation: "batch", message: "batch size \(batchSize) must be > 0")
        }
        for augmentation in augmentations {
            try augmentation.validate()
            guard augmentation.needsImages else { continue }
            let (_, h, w) = try dataset.requireImages("augmentation \(augmentation)")
            if case let .crop(padding) = augmentation, padding > max(h, w) {
                throw DatasetError.invalidArgument(
                    operation: "augmentation", message: "crop padding \(padding) exceeds the image size \(h)×\(w)")
            }
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.augmentations = augmentations
        self.stream = stream
    }

    /// The number of batches in one epoch.
    public var batchesPerEpoch: Int {
        // Written without `count + batchSize - 1`, which could overflow for a huge batch size.
        let full = dataset.count / batchSize
        return dropLast || dataset.count % batchSize == 0 ? full : full + 1
    }

    /// The order in which epoch `epoch` visits the samples.
    public func order(epoch: Int) -> [Int] {
        var order = Array(0..<dataset.count)
        if shuffle {
            var generator = epochStream(epoch).split(0)
            generator.shuffle(&order)
        }
        return order
    }

    /// The batches of epoch `epoch`, in order.
    public func epoch(_ epoch: Int) -> EpochBatches {
        EpochBatches(batcher: self, epoch: epoch, order: order(epoch: epoch))
    }

    /// Batch `index` of epoch `epoch`, given that epoch's order.
    func batch(epoch: Int, index: Int, order: [Int]) -> Batch {
        let indices = batchIndices(index, order: order)
        let size = dataset.sampleSize
        var features = [Float](repeating: 0, count: indices.count * size)
        features.withUnsafeMutableBufferPointer { out in
            dataset.features.withUnsafeBufferPointer { source in
                for (j, i) in indices.enumerated() {
                    for k in 0..<size { out[j * size + k] = source[i * size + k] }
                }
            }
            augment(out, count: indices.count, epoch: epoch, index: index)
        }
        return Batch(features: features, labels: indices.map { dataset.labels[$0] },
                     shape: [indices.count] + dataset.sampleShape, indices: indices,
                     epoch: epoch, index: index)
    }

    /// Batch `index` of epoch `epoch` as the trainer takes it: the samples gathered straight into
    /// a tensor `[B] + sampleShape` (one copy, on the worker pool for large batches) and augmented
    /// there, with their labels. Equal to `batch(epoch:index:order:)`'s features and labels.
    ///
    /// - Throws: `TensorError.allocation` when the batch exceeds the memory limit.
    func inputs(epoch: Int, index: Int, order: [Int]) throws -> (inputs: Tensor<Float>, labels: [Int32]) {
        let indices = batchIndices(index, order: order)
        var inputs = try dataset.features.withUnsafeBufferPointer {
            try Tensor<Float>.gatherRows(indices, of: $0, rowShape: dataset.sampleShape)
        }
        if !augmentations.isEmpty {
            inputs.withUnsafeMutableScalars { augment($0, count: indices.count, epoch: epoch, index: index) }
        }
        return (inputs, indices.map { dataset.labels[$0] })
    }

    /// The dataset indices of batch `index`, given the epoch's order.
    private func batchIndices(_ index: Int, order: [Int]) -> [Int] {
        let start = index * batchSize
        return Array(order[start..<min(start + batchSize, order.count)])
    }

    /// The stream of epoch `epoch` (negative epochs wrap around rather than trap).
    private func epochStream(_ epoch: Int) -> RandomStream {
        stream.split(UInt64(truncatingIfNeeded: epoch))
    }

    /// Applies the augmentations to each sample of batch `index` of epoch `epoch`; sample j draws
    /// from the batch stream's `split(j)`.
    private func augment(_ all: UnsafeMutableBufferPointer<Float>, count: Int, epoch: Int, index: Int) {
        guard !augmentations.isEmpty else { return }
        let random = epochStream(epoch).split(UInt64(index) + 1)
        let size = dataset.sampleSize
        // Non-image samples only reach here with noise, which ignores the shape.
        let shape = dataset.imageShape ?? (1, 1, size)
        var scratch = [Float](repeating: 0, count: size)
        scratch.withUnsafeMutableBufferPointer { tmp in
            for j in 0..<count {
                var g = random.split(UInt64(j))
                let sample = UnsafeMutableBufferPointer(rebasing: all[(j * size)..<((j + 1) * size)])
                for augmentation in augmentations {
                    for k in 0..<size { tmp[k] = sample[k] }
                    augmentation.apply(UnsafeBufferPointer(tmp), sample, shape: shape, random: &g)
                }
            }
        }
    }
}

/// The batches of one epoch, produced one at a time.
public struct EpochBatches: Sequence, IteratorProtocol {
    let batcher: Batcher
    /// The epoch number.
    public let epoch: Int
    /// The order the epoch visits the samples in.
    public let order: [Int]
    private var position = 0

    init(batcher: Batcher, epoch: Int, order: [Int]) {
        self.batcher = batcher
        self.epoch = epoch
        self.order = order
    }

    /// The number of batches in the epoch.
    public var count: Int { batcher.batchesPerEpoch }

    /// Batch `index` of this epoch, for resuming part-way through.
    public func batch(_ index: Int) -> Batch? {
        guard index >= 0, index < count else { return nil }
        return batcher.batch(epoch: epoch, index: index, order: order)
    }

    /// Batch `index` of this epoch as a tensor and its labels (see `Batcher.inputs`), or nil
    /// outside the epoch.
    func inputs(_ index: Int) throws -> (inputs: Tensor<Float>, labels: [Int32])? {
        guard index >= 0, index < count else { return nil }
        return try batcher.inputs(epoch: epoch, index: index, order: order)
    }

    /// The next batch, or nil after the last one.
    public mutating func next() -> Batch? {
        guard let batch = batch(position) else { return nil }
        position += 1
        return batch
    }
}
