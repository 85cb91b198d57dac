/// How long a phase lasts: whole passes over its data, or a number of optimizer steps.
public enum PhaseLength: Equatable, CustomStringConvertible {
    /// `n` epochs (passes over the phase's data).
    case epochs(Int)
    /// `n` optimizer steps; the last pass over the data stops part-way when `n` is not a multiple
    /// of the batches in one pass.
    case steps(Int)

    /// How many epochs (records, evaluations, checkpoints) the phase has on data of
    /// `batchesPerPass` batches: `n` for epochs; ⌈n / batchesPerPass⌉ for steps, the last epoch
    /// stopping part-way (one epoch on empty data, so training reaches it and says so).
    public func epochs(batchesPerPass: Int) -> Int {
        switch self {
        case .epochs(let n): return max(n, 0)
        case .steps(let n) where n <= 0: return 0
        case .steps where batchesPerPass <= 0: return 1
        case .steps(let n): return (n + batchesPerPass - 1) / batchesPerPass
        }
    }

    /// `3 epochs`, `500 steps`.
    public var description: String {
        switch self {
        case .epochs(let n): return "\(n) epoch\(n == 1 ? "" : "s")"
        case .steps(let n): return "\(n) step\(n == 1 ? "" : "s")"
        }
    }
}

/// One stretch of training on one data source: the deficit phase of a critical-period experiment
/// (`k` epochs, or `n` steps, on blurred data) followed by a clean phase, for instance.
public struct TrainingPhase {
    /// A name shown in progress lines and run records.
    public var name: String
    /// How long the phase lasts (0 skips it).
    public var length: PhaseLength
    /// The data trained on.
    public var data: any BatchSource
    /// An optimizer for this phase only (its own state); nil uses the run's optimizer.
    public var optimizer: Optimizer?
    /// A learning-rate schedule for this phase only, still read on the run's global clock; nil uses
    /// the run's schedule.
    public var schedule: LearningRateSchedule?

    /// A phase of `length`.
    public init(name: String = "", length: PhaseLength, data: any BatchSource, optimizer: Optimizer? = nil,
                schedule: LearningRateSchedule? = nil) {
        self.name = name
        self.length = length
        self.data = data
        self.optimizer = optimizer
        self.schedule = schedule
    }

    /// A phase of `epochs` passes over `data`.
    public init(name: String = "", epochs: Int, data: any BatchSource, optimizer: Optimizer? = nil,
                schedule: LearningRateSchedule? = nil) {
        self.init(name: name, length: .epochs(epochs), data: data, optimizer: optimizer, schedule: schedule)
    }

    /// A phase of `steps` optimizer steps on `data`.
    public init(name: String = "", steps: Int, data: any BatchSource, optimizer: Optimizer? = nil,
                schedule: LearningRateSchedule? = nil) {
        self.init(name: name, length: .steps(steps), data: data, optimizer: optimizer, schedule: schedule)
    }
}
