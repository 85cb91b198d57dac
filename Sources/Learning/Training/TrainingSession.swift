import Foundation
import TensorRuntime

/// The mutable state of one `Trainer.fit` call: counters, the run being recorded, and timing.
final class TrainingSession {
    let configuration: TrainingConfiguration
    let model: any TrainableModel
    var state: TrainingState
    var run: Run
    let progress: ((TrainingProgress) -> Void)?
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant
    let startStep: Int
    var samplesThisCall = 0
    var lastLearningRate = 0.0
    /// The last checkpoint on disk at the configured path (written by this call, or the file this
    /// call resumed from): the end does not write it twice, and a failed measurement names it.
    var saved: MeasurementFailure.SavedCheckpoint?
    /// The checkpoint this call resumed from, which holds the run until this call writes its own.
    var resumedFrom: MeasurementFailure.SavedCheckpoint?
    /// Which phase each epoch belongs to and where a step-counted phase stops.
    let layout: EpochLayout
    /// The model's values when the latest epoch whose first step had a finite loss began (or this
    /// call resumed), and the step count then: a diverging loss sends the model back there. It
    /// costs one copy of the weights per epoch, not one per step.
    var epochStart: (values: [Tensor<Float>], step: Int)?
    /// When the epoch being trained began in this call (`elapsedSeconds`), and the seconds of it
    /// spent measuring or writing checkpoints: the rest is its training time (`EpochRecord.seconds`).
    var epochBegan = 0.0
    var epochPaused = 0.0
    /// Whether the processes training together agreed, during the last step, to stop after it
    /// (one of them was asked to); a single process asks `shouldStop` directly.
    var stopAgreed = false

    init(configuration: TrainingConfiguration, model: any TrainableModel, state: TrainingState,
         progress: ((TrainingProgress) -> Void)?) {
        self.configuration = configuration
        self.model = model
        self.state = state
        self.run = Run(state: state)
        self.progress = progress
        self.started = clock.now
        self.startStep = state.step
        self.lastLearningRate = configuration.optimizer.learningRate
        self.layout = EpochLayout(configuration)
    }

    /// The optimizer of phase `index` and its key in the saved state.
    func optimizer(ofPhase index: Int) -> (optimizer: Optimizer, key: String) {
        if let own = configuration.phases[index].optimizer { return (own, "phase\(index)") }
        return (configuration.optimizer, "main")
    }

    /// Every distinct optimizer with its state key.
    var optimizers: [(optimizer: Optimizer, key: String)] {
        [(configuration.optimizer, "main")] + configuration.phases.indices.compactMap { index in
            configuration.phases[index].optimizer.map { ($0, "phase\(index)") }
        }
    }

    func importOptimizerStates() throws {
        for (optimizer, key) in optimizers {
            try optimizer.importState(state.optimizers.section(key))
        }
    }

    func exportOptimizerStates() throws -> StateRecord {
        var record = StateRecord()
        for (optimizer, key) in optimizers { try record.merge(try optimizer.exportState().prefixed(key)) }
        return record
    }

    /// Writes the configured checkpoint of the model and the state now (no-op without one).
    func saveCheckpoint() throws {
        guard let saving = configuration.checkpoint else { return }
        let began = elapsedSeconds
        defer { epochPaused += elapsedSeconds - began }
        var snapshot = state
        snapshot.optimizers = try exportOptimizerStates()
        try TrainingCheckpoint(model: model, state: snapshot, epochs: run.epochs, evaluations: run.evaluations,
                               steps: run.steps, probes: run.probes, configuration: configuration).write(to: saving.path)
        saved = MeasurementFailure.SavedCheckpoint(path: saving.path, step: state.step, epochsCompleted: state.epoch)
    }

    /// Runs a probe's or the evaluation's `body`, turning what it throws into a `MeasurementFailure`
    /// that says where the run was and which checkpoint holds it. `epochEnded` is the epoch just
    /// ended for an epoch-end measurement, nil after a step or at the start.
    func measuring<T>(_ source: MeasurementFailure.Source, epochEnded: Int?, _ body: () throws -> T) throws -> T {
        let began = elapsedSeconds
        defer { epochPaused += elapsedSeconds - began }
        do {
            return try body()
        } catch {
            let epoch = epochEnded ?? (state.step == 0 && state.batch == 0 && state.epoch == 0 ? 0 : state.epoch + 1)
            var partial = run
            partial.state = state
            throw MeasurementFailure(source: source, step: state.step, epoch: epoch, underlying: error,
                                     checkpointPath: configuration.checkpoint?.path, checkpoint: saved ?? resumedFrom,
                                     run: partial)
        }
    }

    /// Writes the checkpoint when its interval fires now (after a step, or at an epoch's end).
    func saveCheckpointIfDue(epochEnded: Int?) throws {
        guard let saving = configuration.checkpoint, saving.every.fires(step: state.step, epochEnded: epochEnded) else { return }
        try saveCheckpoint()
    }

    var elapsedSeconds: Double {
        let duration = clock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// Runs every remaining epoch of every phase; returns the run, partial when interrupted.
    func run(shouldStop: () -> Bool) throws -> Run {
        if state.step == 0 && state.batch == 0 { try measureProbes(epochEnded: nil, atStart: true) }
        do {
            outer: for span in layout.spans {
                for epoch in span.firstEpoch..<(span.firstEpoch + span.epochs) where epoch >= state.epoch {
                    let finished = try trainEpoch(epoch, phase: span.phase,
                                                  limit: layout.batchLimit(ofEpoch: epoch, in: span), shouldStop: shouldStop)
                    if !finished {
                        run.interrupted = true
                        break outer
                    }
                }
            }
        } catch TrainingError.nonFiniteLoss(let value, let step, let epoch, let last, nil) {
            throw try restoreEpochStart(TrainingError.nonFiniteLoss(value: value, step: step, epoch: epoch,
                                                                    lastFiniteLoss: last, restoredStep: nil))
        }
        return try finish()
    }

    /// Gives the model back its values from `epochStart`, so that it is left with weights that
    /// gave finite losses rather than the diverged ones; the error says which step they are from.
    /// Without an `epochStart` no step of this call was applied, so the model still holds the
    /// values it started with.
    private func restoreEpochStart(_ error: TrainingError) throws -> TrainingError {
        guard case let .nonFiniteLoss(value, step, epoch, last, _) = error else { return error }
        if let start = epochStart {
            for (parameter, saved) in zip(model.parameters, start.values) { try parameter.assign(saved) }
        }
        return .nonFiniteLoss(value: value, step: step, epoch: epoch, lastFiniteLoss: last,
                              restoredStep: epochStart?.step ?? startStep)
    }

    func finish() throws -> Run {
        state.optimizers = try exportOptimizerStates()
        run.state = state
        if saved?.step != state.step { try saveCheckpoint() }
        run.wallSeconds = elapsedSeconds
        run.samplesPerSecond = run.wallSeconds > 0 ? Double(samplesThisCall) / run.wallSeconds : 0
        return run
    }

    /// Trains the rest of epoch `epoch` (its first `limit` batches when given); false when
    /// interrupted before its end.
    func trainEpoch(_ epoch: Int, phase: Int, limit: Int?, shouldStop: () -> Bool) throws -> Bool {
        let data = configuration.phases[phase].data
        let random = RandomStream(seed: configuration.seed).split(Trainer.shuffleStream).split(UInt64(epoch))
        let batches = try data.batches(epoch: epoch, batchSize: configuration.batchSize, random: random)
        guard batches.count > 0 else {
            let name = configuration.phases[phase].name
            throw TrainingError.invalidBatch(
                "phase \(phase + 1)\(name.isEmpty ? "" : " '\(name)'"): its data has no samples")
        }
        let end = min(batches.count, limit ?? batches.count)
        (epochBegan, epochPaused) = (elapsedSeconds, 0)
        // A copy, not the parameters' own tensors: sharing them would make the step's in-place
        // update copy every weight once per epoch and move it.
        let start = (values: try model.parameters.map { try Tensor(shape: $0.value.shape, scalars: $0.value.scalars) },
                     step: state.step)
        let alone = configuration.processes.size == 1
        while state.batch < end {
            if alone ? shouldStop() : stopAgreed { return false }
            let batch = try batches.batch(state.batch)
            try trainStep(batch, phase: phase, stepsPerEpoch: batches.count, stopRequested: !alone && shouldStop())
            if state.step == start.step + 1 { epochStart = start }
            try afterStep(stepsPerEpoch: batches.count)
        }
        try endEpoch(phase: phase, stepsPerEpoch: batches.count)
        return true
    }
}
