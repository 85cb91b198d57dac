import Learning

/// Sweeps of one training setting, each run from the same initial weights: the batch size (the
/// paper: smaller batches reach minima with smaller tr F) or the number of classes (fewer
/// classes, less information: a smaller final tr F).
public struct TrainingSweep {
    /// What varies between runs.
    public enum Variable: Equatable, Sendable {
        /// Train with each of these batch sizes.
        case batchSize([Int])
        /// Train on the first c classes of the data (train and test), for each c.
        case classCount([Int])

        var values: [Int] {
            switch self {
            case .batchSize(let v), .classCount(let v): return v
            }
        }

        var name: String {
            switch self {
            case .batchSize: return "batch size"
            case .classCount: return "classes"
            }
        }
    }

    /// The shared settings.
    public var setup: ExperimentSetup
    /// What varies.
    public var variable: Variable
    /// Epochs of each run.
    public var epochs: Int
    /// When set, every run trains this many optimizer steps instead of `epochs` epochs, so that a
    /// smaller batch (or fewer classes) does not also mean more steps: the confound of the paper's
    /// version of Fig. 4.
    public var steps: Int?
    /// When set, each run also reports the information in the weights under this Gaussian code,
    /// from the Fisher diagonal (an upper bound, O(k)), on the Fisher samples.
    public var code: GaussianCode?
    /// When set, a batch-size sweep scales each run's learning rate (and its schedule) by its batch
    /// over the setup's batch, the linear scaling rule (Goyal et al. 2017): a smaller batch takes
    /// proportionally smaller steps, so that its noise, not its step size, is what differs.
    public var scalesRateWithBatch = false

    /// A sweep; `run` validates it.
    public init(setup: ExperimentSetup, variable: Variable, epochs: Int, code: GaussianCode? = nil) {
        self.setup = setup
        self.variable = variable
        self.epochs = epochs
        self.code = code
    }

    static let name = "training_sweep"

    func validate() throws {
        try setup.validate()
        let values = variable.values
        if let steps, steps < 1 {
            throw ProbeError.invalidArgument(probe: Self.name, message: "steps (\(steps)) must be at least 1")
        }
        guard !values.isEmpty, Set(values).count == values.count, epochs >= 1 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "the \(variable.name) values \(values) must be non-empty and distinct, and epochs (\(epochs)) at least 1")
        }
        if case .classCount(let counts) = variable, let bad = counts.first(where: { $0 < 2 || $0 > setup.train.classCount }) {
            throw ProbeError.invalidArgument(probe: Self.name, message: "class count \(bad) must be between 2 and the data's \(setup.train.classCount) classes")
        }
        if case .batchSize(let sizes) = variable, let bad = sizes.first(where: { $0 < 1 }) {
            throw ProbeError.invalidArgument(probe: Self.name, message: "batch size \(bad) must be at least 1")
        }
    }

    /// What the whole sweep costs, for `network`'s sizes (at the full class count).
    public func cost(network: Network) throws -> CostEstimate {
        let runs = variable.values.count
        var smallest: Int?
        if case .batchSize(let sizes) = variable { smallest = sizes.min() }
        let epochs = try variable.values.map { try runEpochs($0) }
        let total = epochs.reduce(0, +)
        let length = steps.map { "\($0) steps" } ?? "\(self.epochs) epochs"
        return try setup.cost(network: network, epochs: total, fisherPasses: total + runs, batchSize: smallest,
                              probe: Self.name, method: "\(runs) runs of \(length) over the \(variable.name)")
    }

    /// The epochs the run for `value` trains: `epochs`, or with `steps` as many (the last one
    /// partial) as its steps take at its batch size on its data.
    func runEpochs(_ value: Int) throws -> Int {
        guard let steps else { return epochs }
        let (setup, batch) = try runSetup(value)
        let perEpoch = max((setup.train.count + batch - 1) / max(batch, 1), 1)
        return (steps + perEpoch - 1) / perEpoch
    }

    /// The setup and batch size of the run for `value`.
    private func runSetup(_ value: Int) throws -> (setup: ExperimentSetup, batch: Int) {
        var setup = self.setup
        switch variable {
        case .batchSize:
            if scalesRateWithBatch, value != setup.batchSize {
                let factor = rateFactor(value), make = setup.makeOptimizer
                setup.makeOptimizer = {
                    let optimizer = try make()
                    optimizer.learningRate *= factor
                    return optimizer
                }
                setup.schedule = setup.schedule.map { .product($0, .constant(factor)) }
            }
            return (setup, value)
        case .classCount:
            let classes = Array(0..<value)
            setup.train = try setup.train.classSubset(classes)
            setup.test = try setup.test.map { try $0.classSubset(classes) }
            return (setup, setup.batchSize)
        }
    }

    /// The factor on the learning rate of the run with batch `size` when rates scale with the batch.
    func rateFactor(_ size: Int) -> Double { Double(size) / Double(max(setup.batchSize, 1)) }

    /// Trains one network per value; `progress` gets one line per epoch.
    public func run(progress: ((String) -> Void)? = nil) throws -> TrainingSweepResult {
        try validate()
        let values = variable.values
        let outcomes = try SharedRuns.map(values.count, spread: setup.spreadsRuns,
                                          network: { try setup.makeNetwork(runSetup(values[$0]).setup.train.classCount) }) { index in
            let value = values[index]
            let (setup, batch) = try runSetup(value)
            let phases = [ExperimentSetup.Phase(name: "train", epochs: epochs, data: setup.train, steps: steps)]
            let run = try setup.run(phases, classes: setup.train.classCount, batchSize: batch,
                                    progress: progress.map { line in { line("\(variable.name) \(value): \($0)") } })
            guard let code else { return (run, []) }
            let data = try ExperimentSetup.probeData(setup.train, count: setup.fisherSamples)
            let weights = try WeightInformation.estimate(setup.probeModel(run.network), on: data, code: code, estimator: .diagonal,
                                                         seed: setup.seed)
            // The nats and the quadratic check as numbers, for `SharedRuns`.
            let check: [Double] = weights.check.map { [1, $0.lossAtCenter, $0.predicted, $0.sampled, $0.standardError] }
                ?? [0, 0, 0, 0, 0]
            return (run, [weights.nats] + check)
        }
        let entries = zip(values, outcomes).map { value, outcome -> TrainingSweepResult.Entry in
            let e = outcome.extras
            let check: QuadraticCheck? = e.count == 6 && e[1] == 1
                ? QuadraticCheck(lossAtCenter: e[2], predicted: e[3], sampled: e[4], standardError: e[5]) : nil
            return TrainingSweepResult.Entry(value: value, run: outcome.run, weightNats: e.first, weightCheck: check)
        }
        return TrainingSweepResult(variable: variable, epochs: epochs, steps: steps, estimator: setup.fisherEstimator, seed: setup.seed,
                                   code: code, entries: entries,
                                   rateScaledFrom: scalesRateWithBatch ? setup.batchSize : nil)
    }
}
