import Learning
import Probes

/// One call of `critical_period`: reads and checks the arguments, estimates the cost (refusing
/// what would not fit in memory), runs `CriticalPeriodExperiment` and wraps its result.
struct CriticalPeriodCall {
    /// critical_period's own parameters, between the head and the shared settings.
    struct Parameters {
        let deficit: Param<String>
        let lengths: Param<[Int]>
        let clean: Param<Int>
        let strength: Param<Double?>

        init(_ p: ParameterList) {
            deficit = p.optional("deficit", .string, default: .string("blur"))
            lengths = p.optional("lengths", ArgumentKind<[Int]>.integers.constrained(
                "a non-empty, increasing list of whole numbers of epochs ≥ 0") { lengths in
                    !lengths.isEmpty && lengths.allSatisfy { $0 >= 0 } && zip(lengths, lengths.dropFirst()).allSatisfy { $0 < $1 }
                }, default: .list([0, 5, 10].map { .number($0) }))
            clean = p.optional("clean", .integer(atLeast: 0), default: .number(20))
            strength = p.optional("strength", .finite)
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
        let lengths = try a[own.lengths]
        let clean = try a[own.clean]
        guard clean + (lengths.last ?? 0) > 0 else {
            throw a.fail(own.clean, expected: "a number of epochs > 0 when every deficit length is 0")
        }
        let (setup, factory) = try call.setup(train: train, test: test)
        let deficitName = try a[own.deficit]
        let deficit = try DeficitArgument.deficit(deficitName, strength: try a[own.strength], seed: setup.seed,
                                                  deficitParameter: own.deficit.index, strengthParameter: own.strength.index)
        let experiment = CriticalPeriodExperiment(setup: setup, deficit: deficit, deficitEpochs: lengths, cleanEpochs: clean)
        guard let network = factory.last?.network else { return .none }
        do {
            _ = try deficit.apply(to: train)
        } catch let e as DatasetError {
            throw RuntimeError("deficit \"\(deficitName)\": \(e.description)", parameter: own.deficit.index)
        }
        let result = try call.running { () throws -> CriticalPeriodResult in
            try call.checkCost(try experiment.cost(network: network))
            return try experiment.run(progress: call.progress)
        }
        return .object(Self.value(result))
    }

    /// The result as a language value.
    static func value(_ r: CriticalPeriodResult) -> ExperimentResultValue {
        let runs = r.runs.map(\.run)
        let peaks: [Value] = runs.map { run in run.fisherPeak.map { .number(Double($0.epoch)) } ?? Value.none }
        let members: [(name: String, value: Value)] = [
            ("lengths", .list(r.runs.map { .number(Double($0.deficitEpochs)) })),
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
