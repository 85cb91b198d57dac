import Learning
import Probes

/// One call of `batch_size_sweep` or `class_count_sweep`: reads and checks the arguments,
/// estimates the cost, runs `TrainingSweep` and wraps its result.
struct SweepCall {
    let call: ExperimentCall
    /// The swept values: `sizes:` or `classes:`.
    let values: Param<[Int]>
    /// Whether the values are batch sizes (else class counts).
    let sizes: Bool
    /// `beta:`, for the information in the weights.
    let beta: Param<Double?>
    /// `steps:`, every run's length in optimizer steps instead of epochs.
    let steps: Param<Int?>
    /// batch_size_sweep's `scale_rate:`: each run's rate scaled by its batch (nil for classes).
    let scaleRate: Param<Bool>?

    init(_ a: BuiltinArguments, _ p: ExperimentParameters, values: Param<[Int]>, sizes: Bool, beta: Param<Double?>,
         steps: Param<Int?>, scaleRate: Param<Bool>? = nil) {
        call = ExperimentCall(a, p)
        self.values = values
        self.sizes = sizes
        self.beta = beta
        self.steps = steps
        self.scaleRate = scaleRate
    }

    /// The kind of the swept values: distinct whole numbers, batch sizes at least 1.
    static func valuesKind(sizes: Bool) -> ArgumentKind<[Int]> {
        ArgumentKind<[Int]>.integers.constrained(sizes ? "a non-empty list of distinct batch sizes ≥ 1" : "a non-empty list of distinct whole numbers") {
            !$0.isEmpty && Set($0).count == $0.count && (!sizes || $0.allSatisfy { $0 >= 1 })
        }
    }

    func run() throws -> Value {
        let a = call.a
        let train = try call.train(), test = try call.test()
        let values = try a[self.values]
        if !sizes, let bad = values.first(where: { $0 < 2 || $0 > train.classCount }) {
            throw RuntimeError("class count \(bad) must be between 2 and the \(train.classCount) classes of '\(train.name)'",
                               parameter: self.values.index)
        }
        let (setup, factory) = try call.setup(train: train, test: test, batch: sizes ? values[0] : nil)
        let epochs = try call.epochs(try call.schedule())
        let code = try a[beta].map(weightCode)
        var sweep = TrainingSweep(setup: setup, variable: sizes ? .batchSize(values) : .classCount(values), epochs: epochs, code: code)
        sweep.steps = try a[steps]
        sweep.scalesRateWithBatch = try scaleRate.map { try a[$0] } ?? false
        // The rate given is the rate of the schedule's batch (64 by default), as `train` uses it.
        if sweep.scalesRateWithBatch { sweep.setup.batchSize = try call.batch(try call.schedule()) }
        if sweep.steps != nil, let given = call.p.epochs, !a.isNone(given) {
            throw RuntimeError(Messages.sweepEpochsAndSteps, parameter: given.index)
        }
        guard let network = factory.last?.network else { return .none }
        let result = try call.running { () throws -> TrainingSweepResult in
            try call.checkCost(try sweep.cost(network: network))
            return try sweep.run(progress: call.progress)
        }
        return a.evaluator.warned(Self.value(result, name: call.name), by: call.name)
    }

    /// The Gaussian code of `beta:` (prior λ = 1, as `info_in_weights` defaults).
    private func weightCode(_ beta: Double) throws -> GaussianCode {
        try call.running { try GaussianCode(lambda: 1, beta: beta, probe: call.name) }
    }

    /// The result as a language value.
    static func value(_ r: TrainingSweepResult, name: String) -> ExperimentResultValue {
        let runs = r.entries.map(\.run)
        let members: [(name: String, value: Value)] = [
            ("values", .list(r.entries.map { .number(Double($0.value)) })),
            ("final_accuracy", ExperimentResultValue.numbers(runs.map(\.finalAccuracy))),
            ("final_fisher", .list(runs.map { $0.fisher.last.map(Value.number) ?? Value.none })),
            ("peak_fisher", .list(runs.map { $0.fisherPeak.map { Value.number($0.value) } ?? Value.none })),
            ("fisher", .list(runs.map { ExperimentResultValue.numbers($0.fisher) })),
            ("fisher_layers", .list(runs.map(ExperimentResultValue.layers))),
            ("weights_nats", .list(r.entries.map { $0.weightNats.map(Value.number) ?? Value.none })),
            ("quadratic_ok", .list(r.entries.map { $0.weightCheck.map { .bool($0.agrees) } ?? Value.none })),
            ("sampled_loss", .list(r.entries.map { $0.weightCheck.map { .number($0.sampled) } ?? Value.none })),
            ("sampled_loss_se", .list(r.entries.map { $0.weightCheck.map { .number($0.standardError) } ?? Value.none })),
            ("runs", .list(zip(r.entries, runs).map { entry, run in
                var rec = ExperimentResultValue.record(run)
                rec["value"] = .number(Double(entry.value))
                return .record(rec)
            })),
        ]
        return ExperimentResultValue(experiment: name, summary: r.table, epochs: r.series, members: members)
    }
}
