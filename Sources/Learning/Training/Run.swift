/// The metrics of one finished epoch.
public struct EpochRecord: Equatable {
    /// The epoch's number, counting from 1 over the whole run.
    public var epoch: Int
    /// The index of the phase it belonged to.
    public var phase: Int
    /// Optimizer steps done at its end.
    public var step: Int
    /// The learning rate of its last step.
    public var learningRate: Double
    /// Mean training loss over its batches (weighted by batch size; the weights moved meanwhile).
    public var trainLoss: Double
    /// Fraction of its training samples classified correctly when their batch was trained.
    public var trainAccuracy: Double
    /// Loss on the evaluation data at its end, if evaluated then.
    public var evalLoss: Double?
    /// Accuracy on the evaluation data at its end, if evaluated then.
    public var evalAccuracy: Double?
    /// Seconds its steps took in the call that finished it (evaluation, probes and checkpoint
    /// writes excluded); nil in histories written before it was recorded.
    public var seconds: Double?

    /// An epoch's record; see each property.
    public init(epoch: Int, phase: Int, step: Int, learningRate: Double, trainLoss: Double, trainAccuracy: Double,
                evalLoss: Double? = nil, evalAccuracy: Double? = nil, seconds: Double? = nil) {
        self.epoch = epoch
        self.phase = phase
        self.step = step
        self.learningRate = learningRate
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.evalLoss = evalLoss
        self.evalAccuracy = evalAccuracy
        self.seconds = seconds
    }

    /// The same numbers, whatever the time they took: a resumed run equals the uninterrupted one.
    public static func == (a: EpochRecord, b: EpochRecord) -> Bool {
        (a.epoch, a.phase, a.step, a.learningRate, a.trainLoss, a.trainAccuracy) == (b.epoch, b.phase, b.step, b.learningRate, b.trainLoss, b.trainAccuracy)
            && a.evalLoss == b.evalLoss && a.evalAccuracy == b.evalAccuracy
    }
}

/// The metrics of one optimizer step.
public struct StepRecord: Equatable {
    /// The step's number, counting from 1 over the whole run.
    public var step: Int
    /// The epoch it belonged to, counting from 1.
    public var epoch: Int
    /// The batch's loss before the update.
    public var loss: Double
    /// The batch's accuracy before the update.
    public var accuracy: Double
    /// The learning rate used.
    public var learningRate: Double
}

/// Evaluation metrics at one point of training.
public struct EvaluationRecord: Equatable {
    /// Steps done when evaluated.
    public var step: Int
    /// Epochs completed when evaluated.
    public var epoch: Int
    /// Mean loss over the evaluation data.
    public var loss: Double
    /// Fraction of the evaluation data classified correctly.
    public var accuracy: Double
}

/// One value of a probe's series.
public struct SeriesPoint: Equatable {
    /// Steps done when measured.
    public var step: Int
    /// Epochs completed when measured.
    public var epoch: Int
    /// The measured value.
    public var value: Double
}

/// The outcome of `Trainer.fit`: the history of the run and where it ended.
public struct Run {
    /// One record per completed epoch.
    public var epochs: [EpochRecord] = []
    /// One record per step (empty unless the configuration records steps).
    public var steps: [StepRecord] = []
    /// Every evaluation, at the configured interval.
    public var evaluations: [EvaluationRecord] = []
    /// Every probe's series by name (`probe` or `probe.key`), in the order measured.
    public var probes: [String: [SeriesPoint]] = [:]
    /// Wall-clock seconds spent in `fit`.
    public var wallSeconds: Double = 0
    /// Training samples processed per second of wall time.
    public var samplesPerSecond: Double = 0
    /// Seconds of this call spent summing the replicas' gradients: with several ranks, the
    /// collectives, including waiting for the slowest rank; 0 with one replica.
    public var communicationSeconds: Double = 0
    /// Whether the interrupt check stopped the run early.
    public var interrupted = false
    /// The state at the end, from which `fit` can resume (after an interrupt, mid-epoch).
    public var state: TrainingState

    /// Optimizer steps done over the whole run (including any before a resume).
    public var finalStep: Int { state.step }
    /// Epochs completed over the whole run.
    public var finalEpoch: Int { state.epoch }

    /// The values of one probe series, in order.
    public func series(_ name: String) -> [Double] { probes[name]?.map(\.value) ?? [] }
}
