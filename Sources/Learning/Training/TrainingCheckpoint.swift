import Foundation

/// A resumable training checkpoint: the network's tensors, the trainer's state (counters, running
/// sums, every optimizer's buffers), the history recorded so far and a description of the run it
/// belongs to, in one checkpoint file (`Checkpoint`: versioned, checksummed, written atomically).
///
/// Sections besides the network: `trainer.tensors` (optimizer buffers as safetensors),
/// `trainer.values` (the format version, counters and sums, exact bits), `run.history` (epoch
/// and evaluation records), `run.steps` (step records), `run.series` (every probe series) and
/// `run.settings` (one `setting<TAB>value` line per setting that decides the numbers or the
/// history: seed, batch size, phases, optimizers, rate schedule, clipping, evaluation, probes).
/// Resuming checks the settings against the new run's and refuses any difference by name, so a
/// checkpoint never silently continues another run. The layout is versioned by
/// `formatVersion`; a file of another version is refused, saying which.
public struct TrainingCheckpoint {
    /// The network's tensors (trainable and statistics), by name.
    public var network: [NamedTensor]
    /// Where the run was and the optimizers' state.
    public var state: TrainingState
    /// The epoch records so far.
    public var epochs: [EpochRecord]
    /// The evaluations so far.
    public var evaluations: [EvaluationRecord]
    /// The step records so far.
    public var steps: [StepRecord]
    /// Every probe series so far, by name.
    public var probes: [String: [SeriesPoint]]
    /// The run's settings, in a fixed order, as written by `settings(of:)`.
    public var settings: [(name: String, value: String)]

    /// Section names inside the checkpoint file.
    static let tensorSection = "trainer.tensors"
    static let valueSection = "trainer.values"
    static let historySection = "run.history"
    static let settingsSection = "run.settings"
    static let stepsSection = "run.steps"
    static let seriesSection = "run.series"
    /// The key of the format version in `trainer.values`.
    static let versionKey = "format_version"
    /// The layout of the training sections this build writes and reads. Version 1 (no version
    /// entry) kept neither step records nor probe series, so a resume from it could not give the
    /// uninterrupted run's history; it is refused rather than read with that history missing.
    public static let formatVersion: Int64 = 2

    /// A checkpoint of `model` and `state` for a run configured by `configuration`.
    public init(model: any TrainableModel, state: TrainingState, epochs: [EpochRecord] = [],
                evaluations: [EvaluationRecord] = [], steps: [StepRecord] = [],
                probes: [String: [SeriesPoint]] = [:], configuration: TrainingConfiguration) {
        self.init(network: model.parameters.map(NamedTensor.init), state: state, epochs: epochs, evaluations: evaluations,
                  steps: steps, probes: probes, settings: Self.settings(of: configuration))
    }

    /// The settings of a run that decide its numbers or its history, as names and printable values.
    public static func settings(of configuration: TrainingConfiguration) -> [(name: String, value: String)] {
        var result: [(String, String)] = [
            ("seed", String(configuration.seed)),
            ("batch size", String(configuration.batchSize)),
            ("optimizer", configuration.optimizer.checkpointCode),
            ("learning-rate schedule", configuration.schedule?.checkpointCode ?? "none"),
            ("gradient clipping", configuration.clipping.checkpointCode),
            ("phase count", String(configuration.phases.count)),
        ]
        for (index, phase) in configuration.phases.enumerated() {
            var text = "\(phase.length) on \(phase.data.identity)"
            if let own = phase.optimizer { text += ", optimizer \(own.checkpointCode)" }
            if let schedule = phase.schedule { text += ", rate \(schedule.checkpointCode)" }
            result.append(("phase \(index + 1)", text))
        }
        return result + historySettings(of: configuration)
    }

    /// The settings that decide the history rather than the weights (evaluation, probes, step
    /// records): a resume with others would splice two different histories together.
    static func historySettings(of configuration: TrainingConfiguration) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        let evaluation = configuration.evaluation.map { data in
            configuration.evaluateEvery == .never ? "\(data.identity), never evaluated"
                : "\(data.identity) every \(configuration.evaluateEvery.phrase), batches of \(configuration.evaluationBatchSize)"
        }
        result.append(("evaluation data", evaluation ?? "none"))
        let probes = configuration.probes.map { "\($0.name) every \($0.every.phrase)\($0.atStart ? " and at the start" : "")" }
        result.append(("probes", probes.isEmpty ? "none" : probes.joined(separator: ", ")))
        result.append(("step records", configuration.recordsSteps ? "kept" : "not kept"))
        return result
    }

    /// Refuses a checkpoint whose run settings differ from `configuration`'s, naming the first
    /// difference and the file. The one difference allowed is a longer last phase, when the run
    /// so far is the start of the longer one (`continues(as:file:)`).
    public func checkMatches(_ configuration: TrainingConfiguration, file: String) throws {
        guard let difference = firstDifference(from: configuration, file: file) else { return }
        if try continues(as: configuration, file: file) { return }
        throw difference
    }

    /// The first setting in which the checkpoint's run differs from `configuration`, as the error
    /// that names it; nil when they agree.
    private func firstDifference(from configuration: TrainingConfiguration, file: String) -> TrainingError? {
        let current = Self.settings(of: configuration)
        let saved = Dictionary(settings.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        for (name, value) in current where saved[name] != value {
            return TrainingError.checkpointMismatch(file: file, setting: name, saved: saved[name] ?? "nothing", current: value)
        }
        let names = Set(current.map(\.name))
        if let extra = settings.first(where: { !names.contains($0.name) }) {
            return TrainingError.checkpointMismatch(file: file, setting: extra.name, saved: extra.value, current: "nothing")
        }
        return nil
    }

    /// Writes the checkpoint to `path` atomically.
    public func write(to path: String) throws {
        var record = try state.record()
        record.integers["trainer.\(Self.versionKey)"] = Self.formatVersion
        let tensors = record.tensors.keys.sorted().compactMap { key in
            record.tensors[key].map { NamedTensor(name: key, shape: $0.shape, values: $0.scalars) }
        }
        let sections: [String: [UInt8]] = [
            Self.tensorSection: try Checkpoint.tensorSection(tensors),
            Self.valueSection: try Checkpoint.valueSection(integers: record.integers, reals: record.reals),
            Self.historySection: try historyBytes(),
            Self.stepsSection: stepBytes(),
            Self.seriesSection: try seriesBytes(),
            Self.settingsSection: Array(settings.map { "\($0.name)\t\($0.value)\n" }.joined().utf8),
        ]
        try Checkpoint(tensors: network, sections: sections).write(to: path)
    }

    /// Reads and verifies the checkpoint at `path`; a file without training state (one written by
    /// `save`) is refused with a message saying so.
    public static func read(_ path: String) throws -> TrainingCheckpoint {
        let file = try Checkpoint.read(path)
        guard file.sections[valueSection] != nil else {
            throw TrainingError.checkpointInvalid(
                file: path, problem: "it holds weights only, no training state (it was written by save, not by a training run)")
        }
        let values = try file.values(inSection: valueSection, file: path)
        try checkVersion(values.integers["trainer.\(versionKey)"], file: path)
        do {
            var record = StateRecord(integers: values.integers, reals: values.reals)
            for tensor in try file.tensors(inSection: tensorSection, file: path) {
                record.tensors[tensor.name] = try tensor.tensor()
            }
            let history = try history(try file.values(inSection: historySection, file: path),
                                      steps: file.sections[stepsSection], series: file.sections[seriesSection])
            return TrainingCheckpoint(network: file.network, state: try TrainingState(record: record),
                                      epochs: history.epochs, evaluations: history.evaluations, steps: history.steps,
                                      probes: history.probes, settings: try settings(file.sections[settingsSection], file: path))
        } catch let error as TrainingError {
            if case .checkpointInvalid = error { throw error }
            throw TrainingError.checkpointInvalid(file: path, problem: error.description)
        }
    }

    init(network: [NamedTensor], state: TrainingState, epochs: [EpochRecord], evaluations: [EvaluationRecord],
         steps: [StepRecord], probes: [String: [SeriesPoint]], settings: [(name: String, value: String)]) {
        self.network = network
        self.state = state
        self.epochs = epochs
        self.evaluations = evaluations
        self.steps = steps
        self.probes = probes
        self.settings = settings
    }

    /// Refuses a file of another format version (none recorded means version 1).
    static func checkVersion(_ recorded: Int64?, file: String) throws {
        let version = recorded ?? 1
        guard version != formatVersion else { return }
        let problem = version < formatVersion
            ? "it was written in training checkpoint format \(version), which kept no step records or probe series; "
                + "this build resumes format \(formatVersion) only, so the run has to be started again"
            : "it was written in training checkpoint format \(version) by a newer build; this build reads format \(formatVersion)"
        throw TrainingError.checkpointInvalid(file: file, problem: problem)
    }

    /// The settings lines of a checkpoint.
    static func settings(_ bytes: [UInt8]?, file: String) throws -> [(name: String, value: String)] {
        guard let bytes, let text = String(bytes: bytes, encoding: .utf8) else {
            throw TrainingError.checkpointInvalid(file: file, problem: "the run settings are missing or not UTF-8 text")
        }
        return try text.split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw TrainingError.checkpointInvalid(file: file, problem: "malformed run setting line '\(line)'")
            }
            return (String(parts[0]), String(parts[1]))
        }
    }
}
