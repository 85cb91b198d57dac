import Foundation
import TensorRuntime

/// Runs a training schedule (phases of epochs on data sources) on a model and returns its `Run`.
///
/// ```swift
/// let trainer = try Trainer(TrainingConfiguration(
///     phases: [TrainingPhase(name: "deficit", epochs: 5, data: blurred),
///              TrainingPhase(name: "clean", epochs: 20, data: clean)],
///     optimizer: try SGD(learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3),
///     schedule: .exponential(base: 0.05, factor: 0.97, unit: .epoch),
///     batchSize: 128, seed: 0, evaluation: test))
/// let run = try trainer.fit(model, progress: { print(formatter.text(for: $0) ?? "", terminator: "") })
/// ```
///
/// Each step: one variable per trainable parameter, forward to logits, mean softmax cross-entropy,
/// reverse-mode gradients, clipping, the phase's optimizer at the scheduled rate. The loss is checked
/// before the update, so a NaN/Inf stops training with the weights of the last good step. Every
/// tensor operation of the run (probes included) uses the configured worker pool.
///
/// Randomness: epoch e's shuffle comes from `RandomStream(seed).split(1).split(e)`, step s's
/// dropout stream from `split(2).split(s)`; nothing else is random, so results depend on the seed
/// and the counters only, and a resumed run matches an uninterrupted one bit for bit.
public final class Trainer {
    /// The schedule, data and settings of the run.
    public let configuration: TrainingConfiguration

    /// Substream ids under the run's seed; fixed so saved runs replay the same draws.
    static let shuffleStream: UInt64 = 1
    static let dropoutStream: UInt64 = 2
    static let evaluationStream: UInt64 = 3

    /// A trainer; throws for an invalid configuration, naming the setting.
    public init(_ configuration: TrainingConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Trains `model` from the start or from `state`, reporting to `progress` and polling
    /// `shouldStop` before every batch (when it returns true, the run ends there, marked interrupted).
    public func fit(_ model: any TrainableModel, from state: TrainingState? = nil,
                    progress: ((TrainingProgress) -> Void)? = nil,
                    shouldStop: () -> Bool = { false }) throws -> Run {
        let start = state ?? TrainingState(seed: configuration.seed)
        guard start.seed == configuration.seed else {
            throw TrainingError.invalidState("saved with seed \(start.seed), but this run's seed is \(configuration.seed)")
        }
        let session = TrainingSession(configuration: configuration, model: model, state: start,
                                      progress: progress)
        try session.importOptimizerStates()
        return try TensorThreading.withPool(configuration.pool) {
            try session.run(shouldStop: shouldStop)
        }
    }

    /// Continues the run saved in `checkpoint` (read from `file`): checks that it was saved by a run
    /// with this configuration's settings and a model with these parameter names and shapes, puts
    /// its weights into `model`, and trains the rest. The returned run's history (epoch,
    /// evaluation and step records, probe series) includes the saved one, so it reads like the
    /// uninterrupted run.
    public func fit(_ model: any TrainableModel, resuming checkpoint: TrainingCheckpoint, file: String,
                    progress: ((TrainingProgress) -> Void)? = nil,
                    shouldStop: () -> Bool = { false }) throws -> Run {
        try checkpoint.checkMatches(configuration, file: file)
        try NamedTensor.apply(checkpoint.network, to: model.parameters, file: file)
        let session = TrainingSession(configuration: configuration, model: model, state: checkpoint.state,
                                      progress: progress)
        session.run.epochs = checkpoint.epochs
        session.run.evaluations = checkpoint.evaluations
        session.run.steps = checkpoint.steps
        session.run.probes = checkpoint.probes
        let source = MeasurementFailure.SavedCheckpoint(path: file, step: checkpoint.state.step,
                                                        epochsCompleted: checkpoint.state.epoch)
        session.resumedFrom = source
        // Resuming a finished run from its own file need not rewrite it; another file gets the state.
        if configuration.checkpoint?.path == file { session.saved = source }
        do {
            try session.importOptimizerStates()
        } catch let error as TrainingError {
            throw TrainingError.checkpointInvalid(file: file, problem: error.description)
        }
        return try TensorThreading.withPool(configuration.pool) {
            try session.run(shouldStop: shouldStop)
        }
    }

    /// Mean loss and accuracy of `model` on `data` with its current weights (no dropout).
    public static func evaluate(_ model: any TrainableModel, on data: any BatchSource, batchSize: Int,
                                seed: UInt64 = 0, processes: any ProcessGroup = Processes.world) throws
        -> (loss: Double, accuracy: Double) {
        let weights = model.parameters.map(\.value)
        let random = RandomStream(seed: seed).split(evaluationStream)
        let batches = try data.batches(epoch: 0, batchSize: batchSize, random: random)
        // Each process evaluates its share of the batches; the per-batch sums are then added in
        // batch order, so the result is the same bits with any number of processes.
        var sums = [Double]()
        var unused = random
        for index in processes.share(of: batches.count) {
            let batch = try batches.batch(index)
            let logits = try model.logits(batch.inputs, weights: weights, training: false, random: &unused)
            let labels = try TrainingSession.labels(batch, logits: logits)
            sums.append(Double(try Tensor.softmaxCrossEntropy(logits: logits, labels: labels).scalar()) * Double(labels.count))
            sums.append(Double(try TrainingSession.correct(logits, labels)))
            sums.append(Double(labels.count))
        }
        let all = processes.size == 1 ? sums : try processes.gather(sums, what: "the evaluation").flatMap { $0 }
        var lossSum = 0.0, correct = 0, rows = 0
        for batch in stride(from: 0, to: all.count, by: 3) {
            lossSum += all[batch]
            correct += Int(all[batch + 1])
            rows += Int(all[batch + 2])
        }
        guard rows > 0 else { throw TrainingError.invalidBatch("evaluation data has no samples") }
        return (lossSum / Double(rows), Double(correct) / Double(rows))
    }
}
