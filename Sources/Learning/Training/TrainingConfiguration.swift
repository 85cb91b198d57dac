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

    /// The interval in words ("epoch", "3 epochs", "50 steps", "never"), for run settings and messages.
    package var phrase: String {
        switch self {
        case .never: return "never"
        case .epochs(let n): return n == 1 ? "epoch" : "\(n) epochs"
        case .steps(let n): return n == 1 ? "step" : "\(n) steps"
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

/// Where a run writes its resumable checkpoint (`TrainingCheckpoint`) and how often: at every
/// interval, when it is interrupted, and at its end. Each write replaces the file atomically.
public struct CheckpointSaving {
    /// The checkpoint file.
    public var path: String
    /// How often, besides on interrupt and at the end.
    public var every: TrainingInterval

    /// Saving to `path` every `every` (by default after every epoch).
    public init(path: String, every: TrainingInterval = .epochs(1)) {
        self.path = path
        self.every = every
    }
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
    /// Where and when to write a resumable checkpoint; nil writes none.
    public var checkpoint: CheckpointSaving?
    /// The processes that train the model together, each taking its replicas' rows of every
    /// batch (docs/distributed.md); by default every process of the program.
    public var processes: any ProcessGroup = Processes.world
    /// How many equal parts each batch's gradient is computed in, summed in order; nil means one
    /// per process. A multiple of the process count; the same count gives the same weights on
    /// any number of processes.
    public var replicas: Int?

    /// A configuration; see each property for meaning.
    public init(phases: [TrainingPhase], optimizer: Optimizer, schedule: LearningRateSchedule? = nil,
                batchSize: Int, seed: UInt64 = 0, evaluation: (any BatchSource)? = nil,
                evaluateEvery: TrainingInterval = .epochs(1), evaluationBatchSize: Int = 1000,
                probes: [TrainingProbe] = [], clipping: GradientClipping = .none,
                recordsSteps: Bool = true, pool: WorkerPool? = nil, checkpoint: CheckpointSaving? = nil) {
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
        self.checkpoint = checkpoint
    }

    /// Checks every setting, naming the first bad one.
    public func validate() throws {
        guard !phases.isEmpty else { throw TrainingError.invalidSetting("a training schedule needs at least one phase") }
        for (index, phase) in phases.enumerated() {
            switch phase.length {
            case .epochs(let n) where n < 0, .steps(let n) where n < 0:
                throw TrainingError.invalidSetting("phase \(index + 1) has \(phase.length); it needs 0 or more")
            default: break
            }
            try phase.schedule?.validate()
        }
        guard batchSize > 0 else { throw TrainingError.invalidSetting("batch size must be above 0, got \(batchSize)") }
        guard evaluationBatchSize > 0 else {
            throw TrainingError.invalidSetting("evaluation batch size must be above 0, got \(evaluationBatchSize)")
        }
        if let replicas {
            guard replicas > 0, replicas % processes.size == 0 else {
                throw TrainingError.invalidSetting(
                    "replicas must be a positive multiple of the \(processes.size) processes training together, got \(replicas)")
            }
        }
        try schedule?.validate()
        try clipping.validate()
        try evaluateEvery.validate("evaluation")
        try checkpoint?.every.validate("checkpoint")
        for probe in probes { try probe.every.validate("probe '\(probe.name)'") }
        let names = probes.map(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw TrainingError.invalidSetting("two probes are named '\(repeated)'")
        }
    }

    /// The total number of epochs over all phases (a phase counted in steps ends with a partial
    /// epoch when its steps are not a whole number of passes over its data).
    public var totalEpochs: Int { EpochLayout(self).totalEpochs }
}
