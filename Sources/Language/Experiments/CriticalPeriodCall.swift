import Learning
import Probes

/// One call of `critical_period`: reads and checks the arguments, estimates the cost (refusing
/// what would not fit in memory), runs `CriticalPeriodExperiment` and wraps its result.
struct CriticalPeriodCall {
    let call: ExperimentCall

    init(_ a: BuiltinArguments) { call = ExperimentCall(a) }

    func run() throws -> Value {
        let a = call.a
        let train = try call.train(), test = try call.test()
        let lengths = try a.integers(call.index("lengths"))
        let clean = try a.integer(call.index("clean"), atLeast: 0)
        guard !lengths.isEmpty, lengths.allSatisfy({ $0 >= 0 }), zip(lengths, lengths.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw a.fail(call.index("lengths"), expected: "a non-empty, increasing list of whole numbers of epochs ≥ 0")
        }
        guard clean + (lengths.last ?? 0) > 0 else {
            throw a.fail(call.index("clean"), expected: "a number of epochs > 0 when every deficit length is 0")
        }
        let (setup, factory) = try call.setup(train: train, test: test)
        let strength = try a.optionalNumber(call.index("strength"))
        let deficit = try DeficitArgument.deficit(try a.string(call.index("deficit")), strength: strength, seed: setup.seed,
                                                  deficitParameter: call.index("deficit"), strengthParameter: call.index("strength"))
        let experiment = CriticalPeriodExperiment(setup: setup, deficit: deficit, deficitEpochs: lengths, cleanEpochs: clean)
        guard let network = factory.last?.network else { return .none }
        do {
            _ = try deficit.apply(to: train)
        } catch let e as DatasetError {
            throw RuntimeError("deficit \"\(try a.string(call.index("deficit")))\": \(e.description)", parameter: call.index("deficit"))
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
