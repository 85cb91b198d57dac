import Learning

/// The critical-period experiment: for each deficit length k, train a fresh network with the
/// deficit for the first k epochs, then `cleanEpochs` clean epochs; record tr F (total and per
/// layer) every epoch and the final accuracy against k.
///
/// Expected shapes (docs/probe-formulas.md, Experiments): tr F rises in the first epochs, peaks,
/// then decays; a deficit removed later gives a lower final accuracy; flips and label
/// permutations leave no lasting effect. With k = 0 a run is exactly a plain training run of
/// `cleanEpochs` on clean data.
public struct CriticalPeriodExperiment {
    /// The shared settings.
    public var setup: ExperimentSetup
    /// The corruption of the first epochs.
    public var deficit: Deficit
    /// The deficit lengths to try, in epochs: strictly increasing, from 0 up.
    public var deficitEpochs: [Int]
    /// Clean epochs after the deficit (the same for every k, as in the paper).
    public var cleanEpochs: Int

    /// An experiment; `run` validates it.
    public init(setup: ExperimentSetup, deficit: Deficit, deficitEpochs: [Int], cleanEpochs: Int) {
        self.setup = setup
        self.deficit = deficit
        self.deficitEpochs = deficitEpochs
        self.cleanEpochs = cleanEpochs
    }

    static let name = "critical_period"

    func validate() throws {
        try setup.validate()
        guard !deficitEpochs.isEmpty, deficitEpochs.allSatisfy({ $0 >= 0 }),
              zip(deficitEpochs, deficitEpochs.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "deficit lengths \(deficitEpochs) must be a non-empty, strictly increasing list of epochs ≥ 0")
        }
        guard cleanEpochs >= 0, cleanEpochs + (deficitEpochs.last ?? 0) > 0 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "clean epochs \(cleanEpochs) must be ≥ 0, and some run must train at least one epoch")
        }
    }

    /// What the whole experiment costs: every run's training and a Fisher pass per epoch.
    public func cost(network: Network) throws -> CostEstimate {
        let epochs = deficitEpochs.reduce(0) { $0 + $1 + cleanEpochs }
        return try setup.cost(network: network, epochs: epochs, fisherPasses: epochs + deficitEpochs.count,
                              probe: Self.name, method: "\(deficitEpochs.count) runs, \(deficit.label)")
    }

    /// Runs every deficit length in turn; `progress` gets one line per epoch.
    public func run(progress: ((String) -> Void)? = nil) throws -> CriticalPeriodResult {
        try validate()
        let corrupted = try deficit.apply(to: setup.train)
        let setup = self.setup, classes = setup.train.classCount
        let outcomes = try SharedRuns.map(deficitEpochs.count, spread: setup.spreadsRuns,
                                          network: { _ in try setup.makeNetwork(classes) }) { index in
            let k = deficitEpochs[index]
            let phases = [ExperimentSetup.Phase(name: "deficit", epochs: k, data: corrupted),
                          ExperimentSetup.Phase(name: "clean", epochs: cleanEpochs, data: setup.train)]
            return (try setup.run(phases, classes: classes, progress: progress.map { line in { line("deficit \(k): \($0)") } }), [])
        }
        return CriticalPeriodResult(deficit: deficit, cleanEpochs: cleanEpochs, estimator: setup.fisherEstimator,
                                    seed: setup.seed, runs: zip(deficitEpochs, outcomes).map { .init(deficitEpochs: $0, run: $1.run) })
    }
}
