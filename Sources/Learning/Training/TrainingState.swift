/// Where a run is and what it carries over, enough to resume bit-identically: counters, the seed,
/// the running sums of the epoch in progress, and every optimizer's state.
///
/// Random draws are functions of (seed, epoch) for shuffles and (seed, step) for dropout, so the
/// counters are the whole random position; no generator state needs saving. `record()` turns the
/// state into named tensors + key/value entries for whatever checkpoint container stores it.
public struct TrainingState: Equatable {
    /// Optimizer steps done.
    public var step = 0
    /// Epochs completed (the 0-based index of the epoch in progress).
    public var epoch = 0
    /// Batches done in the epoch in progress.
    public var batch = 0
    /// The run's seed (a resume must use the same one).
    public var seed: UInt64 = 0
    /// Loss × rows summed over the batches done in the epoch in progress.
    public var epochLossSum = 0.0
    /// Correct predictions in the epoch in progress.
    public var epochCorrect = 0
    /// Rows trained in the epoch in progress.
    public var epochSamples = 0
    /// The last finite batch loss, for the message when the loss blows up.
    public var lastFiniteLoss: Float?
    /// The run optimizer's state under `main`, each phase optimizer's under `phase<i>`.
    public var optimizers = StateRecord()

    /// A fresh state for a run with `seed`.
    public init(seed: UInt64 = 0) {
        self.seed = seed
    }

    /// The state as a container-neutral record (see `StateRecord`).
    public func record() throws -> StateRecord {
        var record = StateRecord(integers: [
            "step": Int64(step), "epoch": Int64(epoch), "batch": Int64(batch),
            "seed": Int64(bitPattern: seed), "epoch_correct": Int64(epochCorrect),
            "epoch_samples": Int64(epochSamples),
        ], reals: ["epoch_loss_sum": epochLossSum])
        if let lastFiniteLoss { record.reals["last_finite_loss"] = Double(lastFiniteLoss) }
        var result = record.prefixed("trainer")
        try result.merge(optimizers.prefixed("optimizer"))
        return result
    }

    /// A state read back from `record()`'s output, with an error naming any missing or bad entry.
    public init(record: StateRecord) throws {
        func count(_ key: String) throws -> Int {
            let value = try record.integer("trainer.\(key)")
            guard value >= 0 else { throw TrainingError.invalidState("'trainer.\(key)' is negative (\(value))") }
            return Int(value)
        }
        step = try count("step")
        epoch = try count("epoch")
        batch = try count("batch")
        seed = UInt64(bitPattern: try record.integer("trainer.seed"))
        epochCorrect = try count("epoch_correct")
        epochSamples = try count("epoch_samples")
        epochLossSum = try record.real("trainer.epoch_loss_sum")
        lastFiniteLoss = record.reals["trainer.last_finite_loss"].map(Float.init)
        optimizers = record.section("optimizer")
    }
}
