import Learning
import Probes

/// One call of `critical_period`: reads and checks the arguments, estimates the cost (refusing
/// what would not fit in memory), runs `CriticalPeriodExperiment` and wraps its result.
struct CriticalPeriodCall {
    /// critical_period's own parameters, between the head and the shared settings.
    struct Parameters {
        let deficit: Param<String>
        let lengths: Param<[Int]?>
        let clean: Param<Int>
        let strength: Param<Double?>
        let controls: Param<[String]?>
        let window: Param<Int?>
        let onsets: Param<[Int]?>
        let seeds: Param<[Int]?>
        let augment: Param<Value?>

        /// The lengths when none are given.
        static let defaultLengths = [0, 5, 10]

        init(_ p: ParameterList) {
            let epochs = ArgumentKind<[Int]>.integers.constrained("a non-empty, increasing list of whole numbers of epochs ≥ 0") { list in
                !list.isEmpty && list.allSatisfy { $0 >= 0 } && zip(list, list.dropFirst()).allSatisfy { $0 < $1 }
            }
            deficit = p.optional("deficit", .string, default: .string("blur"))
            lengths = p.optional("lengths", epochs)
            clean = p.optional("clean", .integer(atLeast: 0), default: .number(20))
            strength = p.optional("strength", .finite)
            controls = p.optional("controls", .strings)
            window = p.optional("window", .integer(atLeast: 1))
            onsets = p.optional("onsets", epochs)
            seeds = p.optional("seeds", ArgumentKind<[Int]>.integers.constrained("a non-empty list of distinct seeds ≥ 0") { list in
                !list.isEmpty && list.allSatisfy { $0 >= 0 } && Set(list).count == list.count
            })
            augment = p.optional("augment", .any)
        }
    }

    let call: ExperimentCall
    let own: Parameters

    init(_ a: BuiltinArguments, _ p: ExperimentParameters, _ own: Parameters) {
        call = ExperimentCall(a, p)
        self.own = own
    }

    func run() throws -> Value {
        let a = call.a
        let train = try call.train(), test = try call.test()
        let (epochs, window) = try lengthsOrOnsets()
        let clean = try a[own.clean]
        guard clean + (epochs.last ?? 0) + (window ?? 0) > 0 else {
            throw a.fail(own.clean, expected: "a number of epochs > 0 when every deficit length is 0")
        }
        var (setup, factory) = try call.setup(train: train, test: test)
        setup.augmentations = try a[own.augment].map(TrainingPlan.augmentations) ?? []
        let deficit = try deficitArgument(try a[own.deficit], strength: try a[own.strength], parameter: own.deficit.index,
                                          setup: setup, train: train)
        let controls = try (a[own.controls] ?? []).map {
            try deficitArgument($0, strength: nil, parameter: own.controls.index, setup: setup, train: train)
        }
        var experiment = CriticalPeriodExperiment(setup: setup, deficit: deficit, deficitEpochs: epochs, cleanEpochs: clean)
        experiment.controls = controls
        experiment.window = window
        experiment.seeds = try a[own.seeds]?.map(UInt64.init)
        guard let network = factory.last?.network else { return .none }
        let result = try call.running { () throws -> CriticalPeriodResult in
            try call.checkCost(try experiment.cost(network: network))
            return try experiment.run(progress: call.progress)
        }
        return .object(Self.value(result))
    }

    /// The deficit lengths, or with `window:` the onsets (`onsets:` and `window:` go together,
    /// and neither goes with `lengths:`).
    private func lengthsOrOnsets() throws -> (epochs: [Int], window: Int?) {
        let a = call.a
        let lengths = try a[own.lengths], onsets = try a[own.onsets], window = try a[own.window]
        switch (lengths, onsets, window) {
        case (_, nil, nil): return (lengths ?? Parameters.defaultLengths, nil)
        case (nil, let onsets?, let window?): return (onsets, window)
        case (.some, _, _): throw RuntimeError(Messages.criticalPeriodLengthsAndWindow, parameter: own.lengths.index)
        case (nil, nil, _): throw RuntimeError(Messages.criticalPeriodWindowNeedsOnsets, parameter: own.window.index)
        case (nil, _, nil): throw RuntimeError(Messages.criticalPeriodOnsetsNeedWindow, parameter: own.onsets.index)
        }
    }

    /// The deficit named `name` at `strength` (nil: its default; controls take theirs), checked on
    /// the data so a deficit that cannot apply fails before any training.
    private func deficitArgument(_ name: String, strength: Double?, parameter: Int, setup: ExperimentSetup,
                                 train: Dataset) throws -> Deficit {
        let deficit = try DeficitArgument.deficit(name, strength: strength, seed: setup.seed,
                                                  deficitParameter: parameter, strengthParameter: own.strength.index)
        do {
            _ = try deficit.apply(to: train)
        } catch let e as DatasetError {
            throw RuntimeError("deficit \"\(name)\": \(e.description)", parameter: parameter)
        }
        return deficit
    }

    /// The result as a language value.
    static func value(_ r: CriticalPeriodResult) -> ExperimentResultValue {
        let runs = r.runs.map(\.run)
        let peaks: [Value] = runs.map { run in run.fisherPeak.map { .number(Double($0.epoch)) } ?? Value.none }
        let groups: [Value] = r.groups.map { group in
            var record = Record()
            record["deficit"] = .string(group.deficit.label)
            record[r.window == nil ? "length" : "onset"] = .number(Double(group.epochs))
            record["final_accuracy"] = .number(group.meanAccuracy)
            record["spread"] = group.spread.map(Value.number) ?? Value.none
            record["accuracies"] = ExperimentResultValue.numbers(group.runs.map(\.finalAccuracy))
            record["fisher"] = ExperimentResultValue.numbers(group.meanFisher)
            return .record(record)
        }
        let members: [(name: String, value: Value)] = [
            ("lengths", .list(r.runs.map { .number(Double($0.deficitEpochs)) })),
            ("deficits", .list(r.runs.map { .string($0.deficit.label) })),
            ("seeds", .list(r.runs.map { $0.seed.map { .number(Double($0)) } ?? Value.none })),
            ("groups", .list(groups)),
            ("fisher_shares", .list(runs.map(ExperimentResultValue.layerShares))),
            ("final_accuracy", ExperimentResultValue.numbers(runs.map(\.finalAccuracy))),
            ("fisher", .list(runs.map { ExperimentResultValue.numbers($0.fisher) })),
            ("fisher_layers", .list(runs.map(ExperimentResultValue.layers))),
            ("peak_epoch", .list(peaks)),
            ("runs", .list(zip(r.runs, runs).map { entry, run in
                var rec = ExperimentResultValue.record(run)
                rec["deficit_epochs"] = .number(Double(entry.deficitEpochs))
                return .record(rec)
            })),
            ("deficit", .string(r.deficit.label)),
            ("clean", .number(Double(r.cleanEpochs))),
        ]
        return ExperimentResultValue(experiment: "critical_period", summary: r.summary, epochs: r.table, members: members)
    }

}
