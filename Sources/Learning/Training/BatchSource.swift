import TensorRuntime

// ─── SEAM: data ──────────────────────────────────────────────────────────────────────────────────
// The trainer sees data only through `BatchSource`: a sample count and, for each epoch, an
// `EpochPlan` (how many batches, and batch i on demand). The data module's `Dataset` and
// `Batcher` (Sources/Learning/Data) come in through `DatasetBatchSource`; tensors already in
// memory through `TensorBatchSource`.
//
// Reproducibility contract: the trainer passes `random`, a stream derived from (run seed, epoch);
// a source that shuffles must draw its order from it alone, so that epoch e's batches are the same
// whatever happened before (this is what makes resuming bit-identical). A source must also give
// the same batch for the same index each time it is asked, because a resumed run re-enters an
// epoch at the batch where it stopped. `TensorBatchSource` is the reference implementation.
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/// One batch: inputs `[batch, ...]` and one class label per row.
public struct TrainingBatch {
    /// The inputs, batch first.
    public var inputs: Tensor<Float>
    /// The class of each row.
    public var labels: [Int32]

    /// A batch.
    public init(inputs: Tensor<Float>, labels: [Int32]) {
        self.inputs = inputs
        self.labels = labels
    }
}

/// The batches of one epoch, fetched by index.
public struct EpochPlan {
    /// How many batches the epoch has.
    public let count: Int
    private let fetch: (Int) throws -> TrainingBatch

    /// An epoch of `count` batches, batch i from `fetch(i)`.
    public init(count: Int, fetch: @escaping (Int) throws -> TrainingBatch) {
        self.count = count
        self.fetch = fetch
    }

    /// Batch `index` (0-based).
    public func batch(_ index: Int) throws -> TrainingBatch { try fetch(index) }
}

/// A supply of labelled batches, epoch by epoch.
public protocol BatchSource {
    /// The number of samples in one epoch.
    var sampleCount: Int { get }

    /// The batches of `epoch` (0-based, counted over the whole run), of at most `batchSize` rows,
    /// in an order drawn from `random` only.
    func batches(epoch: Int, batchSize: Int, random: RandomStream) throws -> EpochPlan

    /// How many batches one epoch has (the same for every epoch); the trainer lays out phases
    /// counted in steps with it.
    func batchCount(batchSize: Int) -> Int

    /// What the data is, in a few words: a checkpoint stores it with the run's settings, so
    /// resuming on other data is refused by name.
    var identity: String { get }
}

extension BatchSource {
    /// ⌈samples / batchSize⌉: every sample once, the last batch possibly smaller.
    public func batchCount(batchSize: Int) -> Int {
        guard batchSize > 0 else { return 0 }
        // Written without `count + batchSize - 1`, which could overflow for a huge batch size.
        return sampleCount / batchSize + (sampleCount % batchSize == 0 ? 0 : 1)
    }

    /// The sample count: all that a source without a name tells about its data.
    public var identity: String { "\(TextFormat.groupedThousands(sampleCount)) samples" }
}
