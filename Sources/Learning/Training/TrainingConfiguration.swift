import TensorKernels
import TensorRuntime

/// How often something happens during training: after every n epochs or every n optimizer steps.
public enum TrainingInterval: Equatable {
    /// Never.
    case never
    /// At the end of every n-th epoch (n ≥ 1).
    case epochs(Int)
    /// After every n-th optimizer step (n ≥ 1).
    case steps(Int)

    /// Whether it fires after `step` steps in total, at an epoch end (`epochEnded` = epochs done)
    /// or after a step (`epochEnded` nil).
    func fires(step: Int, epochEnded: Int?) -> Bool {
        switch self {
        case .never: return false
        case .epochs(let n): return epochEnded.map { $0 % n == 0 } ?? false
        case .steps(let n): return epochEnded == nil && step % n == 0
        }
    }

    func validate(_ what: String) throws {
        switch self {
        case .never: return
        case .epochs(let n), .steps(let n):
            guard n > 0 else { throw TrainingError.invalidSetting("\(what) interval must be above 0, got \(n)") }
        }
    }
}

/// One stretch of training on one data source: the deficit phase of a critical-period experiment
/// (`k` epochs on blurred data) followed by a clean phase, for instance.
public struct TrainingPhase {
    /// A name shown in progress lines and run records.
    public var name: String
    /// How many epochs the phase lasts (0 skips it).
    public var epochs: Int
    /// The data trained on.
    public var data: any BatchSource
    /// An optimizer for this phase only (its own state); nil uses the run's optimizer.
    public var optimizer: Optimizer?
    /// A learning-rate schedule for this phase only, still read on the run's global clock; nil uses
    /// the run's schedule.
    public var schedule: LearningRateSchedule?

    /// A phase.
    public init(name: String = "", epochs: Int, data: any BatchSource, optimizer: Optimizer? = nil,
                schedule: LearningRateSchedule? = nil) {
        self.name = name
        self.epochs = epochs
        self.data = data
        self.optimizer = optimizer
        self.schedule = schedule
    }
}

/// A measurement taken during training (a "probe"), recorded into the run's history by name.
///
/// `measure` returns named values: the key "" records under the probe's own name, any other key
/// `k` under `name.k` (e.g. per-layer values of a Fisher trace).
public struct TrainingProbe {
    /// The series name in `Run.probes`.
    public var name: String
    /// When it runs.
    public var every: TrainingInterval
    /// Whether it also runs once before the first step of a fresh run (step 0, epoch 0).
    public var atStart: Bool
    /// The measurement.
    public var measure: (ProbeContext) throws -> [String: Double]

    /// A probe returning named values.
    public init(name: String, every: TrainingInterval, atStart: Bool = false,
                measure: @escaping (ProbeContext) throws -> [String: Double]) {
        self.name = name
        self.every = every
        self.atStart = atStart
        self.measure = measure
    }

    /// A probe returning one value.
    public init(name: String, every: TrainingInterval, atStart: Bool = false,
                value: @escaping (ProbeContext) throws -> Double) {
        self.init(name: name, every: every, atStart: atStart) { ["": try value($0)] }
    }
}

/// What a probe sees: the model in its current state and where training is.
public struct ProbeContext {
    /// The model being trained (read `parameters[i].value` for current weights).
    public let model: any TrainableModel
    /// Optimizer steps done.
    public let step: Int
    /// Epochs completed.
    public let epoch: Int
    /// The index of the current phase.
    public let phase: Int
}

/// Everything a `Trainer` needs besides the model.
public struct TrainingConfiguration {
    /// The phases, run in order.
    public var phases: [TrainingPhase]
    /// The optimizer of every phase without its own.
    public var optimizer: Optimizer
    /// The learning rate of every phase without its own schedule; nil keeps the optimizer's rate.
    public var schedule: LearningRateSchedule?
    /// Rows per training batch.
    public var batchSize: Int
    /// The one seed every random choice derives from (shuffles, dropout).
    public var seed: UInt64
    /// Held-out data for evaluation metrics, or nil.
    public var evaluation: (any BatchSource)?
    /// When evaluation metrics are computed.
    public var evaluateEvery: TrainingInterval
    /// Rows per evaluation batch (no gradients, so larger batches are fine).
    public var evaluationBatchSize: Int
    /// Measurements recorded into the run.
    public var probes: [TrainingProbe]
    /// Gradient clipping before each update.
    public var clipping: GradientClipping
    /// Whether the run keeps one record per step (loss, accuracy, rate).
    public var recordsSteps: Bool
    /// The worker pool for every tensor operation of the run; nil runs single-threaded.
    public var pool: WorkerPool?

    /// A configuration; see each property for meaning.
    public init(phases: [TrainingPhase], optimizer: Optimizer, schedule: LearningRateSchedule? = nil,
                batchSize: Int, seed: UInt64 = 0, evaluation: (any BatchSource)? = nil,
                evaluateEvery: TrainingInterval = .epochs(1), evaluationBatchSize: Int = 1000,
                probes: [TrainingProbe] = [], clipping: GradientClipping = .none,
                recordsSteps: Bool = true, pool: WorkerPool? = nil) {
        self.phases = phases
        self.optimizer = optimizer
        self.schedule = schedule
        self.batchSize = batchSize
        self.seed = seed
        self.evaluation = evaluation
        self.evaluateEvery = evaluateEvery
        self.evaluationBatchSize = evaluationBatchSize
        self.probes = probes
        self.clipping = clipping
        self.recordsSteps = recordsSteps
        self.pool = pool
    }

    /// Checks every setting, naming the first bad one.
    public func validate() throws {
        guard !phases.isEmpty else { throw TrainingError.invalidSetting("a training schedule needs at least one phase") }
        for (index, phase) in phases.enumerated() {
            guard phase.epochs >= 0 else {
                throw TrainingError.invalidSetting("phase \(index + 1) has \(phase.epochs) epochs; it needs 0 or more")
            }
            try phase.schedule?.validate()
        }
        guard batchSize > 0 else { throw TrainingError.invalidSetting("batch size must be above 0, got \(batchSize)") }
        guard evaluationBatchSize > 0 else {
            throw TrainingError.invalidSetting("evaluation batch size must be above 0, got \(evaluationBatchSize)")
        }
        try schedule?.validate()
        try clipping.validate()
        try evaluateEvery.validate("evaluation")
        for probe in probes { try probe.every.validate("probe '\(probe.name)'") }
        let names = probes.map(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw TrainingError.invalidSetting("two probes are named '\(repeated)'")
        }
    }

    /// The total number of epochs over all phases.
    public var totalEpochs: Int { phases.reduce(0) { $0 + $1.epochs } }
}
