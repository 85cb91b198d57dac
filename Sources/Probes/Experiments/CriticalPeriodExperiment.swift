import Learning

/// The critical-period experiment: for each deficit length k, train a fresh network with the
/// deficit for the first k epochs, then `cleanEpochs` clean epochs; record tr F (total and per
/// layer) every epoch and the final accuracy against k.
///
/// Expected shapes (docs/probe-formulas.md, Experiments): tr F rises in the first epochs, peaks,
/// then decays; a deficit removed later gives a lower final accuracy; flips and label
/// permutations leave no lasting effect. With k = 0 a run is exactly a plain training run of
/// `cleanEpochs` on clean data.
///
/// Beside the deficit, `controls` run the same lengths with other deficits (a vertical flip or
/// added noise, which leave low-level statistics alone); `window` turns the lengths into onsets of
/// a deficit of fixed length (the sensitivity curve), every run training as many epochs; `seeds`
/// repeats every setting, each repeat drawing its initial weights and its training from its seed.
public struct CriticalPeriodExperiment {
    /// The shared settings.
    public var setup: ExperimentSetup
    /// The corruption of the first epochs.
    public var deficit: Deficit
    /// The deficit lengths to try, in epochs: strictly increasing, from 0 up; with `window`, the
    /// epochs at which the deficit starts.
    public var deficitEpochs: [Int]
    /// Clean epochs after the deficit (the same for every k, as in the paper); with `window`,
    /// after the window of the latest onset.
    public var cleanEpochs: Int
    /// Other deficits run with the same lengths, as controls.
    public var controls: [Deficit] = []
    /// With a window w, the deficit lasts w epochs from each onset t of `deficitEpochs`: t clean
    /// epochs, w with the deficit, then clean epochs up to max(t) + w + `cleanEpochs` in all.
    public var window: Int?
    /// The seeds of the repeats; nil trains each setting once, with the setup's seed and network.
    public var seeds: [UInt64]?

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
            throw ProbeError.invalidArgument(probe: Self.name, message: "deficit \(window == nil ? "lengths" : "onsets") \(deficitEpochs) must be a non-empty, strictly increasing list of epochs ≥ 0")
        }
        guard cleanEpochs >= 0, cleanEpochs + (deficitEpochs.last ?? 0) + (window ?? 0) > 0 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "clean epochs \(cleanEpochs) must be ≥ 0, and some run must train at least one epoch")
        }
        if let window, window < 1 {
            throw ProbeError.invalidArgument(probe: Self.name, message: "the deficit window \(window) must be at least 1 epoch")
        }
        if let seeds, seeds.isEmpty || Set(seeds).count != seeds.count {
            throw ProbeError.invalidArgument(probe: Self.name, message: "seeds \(seeds) must be a non-empty list of distinct seeds")
        }
    }

    /// Every run's setting, in the order they run and are reported: deficit (the main one, then
    /// the controls), length or onset, seed.
    var settings: [(deficit: Deficit, epochs: Int, seed: UInt64?)] {
        ([deficit] + controls).flatMap { d in
            deficitEpochs.flatMap { k in (seeds.map { $0.map(Optional.some) } ?? [nil]).map { (d, k, $0) } }
        }
    }

    /// The phases of the run with length (or onset) `k`: the deficit's name and data, the clean ones.
    func phases(_ k: Int, corrupted: Dataset) -> [ExperimentSetup.Phase] {
        guard let window else {
            return [.init(name: "deficit", epochs: k, data: corrupted), .init(name: "clean", epochs: cleanEpochs, data: setup.train)]
        }
        let total = (deficitEpochs.last ?? 0) + window + cleanEpochs
        return [.init(name: "clean", epochs: k, data: setup.train), .init(name: "deficit", epochs: window, data: corrupted),
                .init(name: "clean", epochs: total - k - window, data: setup.train)]
    }

    /// What the whole experiment costs: every run's training and a Fisher pass per epoch.
    public func cost(network: Network) throws -> CostEstimate {
        let runs = settings.filter { window != nil || $0.epochs > 0 || $0.deficit.label == deficit.label }
        let epochs = runs.reduce(0) { $0 + phases($1.epochs, corrupted: setup.train).reduce(0) { $0 + $1.epochs } }
        return try setup.cost(network: network, epochs: epochs, fisherPasses: epochs + runs.count,
                              probe: Self.name, method: "\(runs.count) runs, \(([deficit] + controls).map(\.label).joined(separator: "; "))")
    }

    /// Runs every setting in turn (or shared out among processes); `progress` gets one line per epoch.
    public func run(progress: ((String) -> Void)? = nil) throws -> CriticalPeriodResult {
        try validate()
        let runs = settings
        var corrupted: [String: Dataset] = [:]
        for d in [deficit] + controls where corrupted[d.label] == nil { corrupted[d.label] = try d.apply(to: setup.train) }
        let setup = self.setup, classes = setup.train.classCount
        // A control's run without any deficit epochs is the main deficit's: trained once.
        let trained = runs.indices.filter { window != nil || runs[$0].epochs > 0 || runs[$0].deficit.label == deficit.label }
        let outcomes = try SharedRuns.map(trained.count, spread: setup.spreadsRuns,
                                          network: { _ in try setup.makeNetwork(classes) }) { position in
            let (d, k, seed) = runs[trained[position]]
            var own = setup
            if let seed { (own.seed, own.initialSeed) = (seed, seed) }
            let label = (controls.isEmpty ? "" : "\(d.label), ") + (window == nil ? "deficit \(k)" : "onset \(k)")
                + (seed.map { ", seed \($0)" } ?? "")
            return (try own.run(phases(k, corrupted: corrupted[d.label] ?? setup.train), classes: classes,
                                progress: progress.map { line in { line("\(label): \($0)") } }), [])
        }
        let entries = runs.map { setting -> CriticalPeriodResult.Entry in
            let own = trained.firstIndex { runs[$0].epochs == setting.epochs && runs[$0].seed == setting.seed
                && (runs[$0].deficit.label == setting.deficit.label || setting.epochs == 0 && window == nil) } ?? 0
            return .init(deficitEpochs: setting.epochs, run: outcomes[own].run, deficit: setting.deficit, seed: setting.seed,
                         phaseNames: phases(setting.epochs, corrupted: setup.train).map(\.name))
        }
        return CriticalPeriodResult(deficit: deficit, cleanEpochs: cleanEpochs, estimator: setup.fisherEstimator,
                                    seed: setup.seed, runs: entries, controls: controls, window: window, seeds: seeds)
    }
}
