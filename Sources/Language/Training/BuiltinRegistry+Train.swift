import Foundation
import Learning
import TensorRuntime

/// `train`: fits a network value on datasets following a schedule and returns a run value.
extension BuiltinRegistry {
    static var training: [BuiltinFunction] {
        [
            def("train", "training",
                "train a network on data following a schedule; returns the run",
                "Minimises the mean cross-entropy of the network's output distribution: softmax over its outputs (logits), "
                    + "or a Bernoulli σ(z) when it has one output; a final softmax (or sigmoid on one output) is that "
                    + "distribution, so the loss reads its input and never applies it twice. The schedule (a schedule "
                    + "value or a recipe called without arguments) gives the optimizer, batch size, rate schedule and "
                    + "phases; without phases the network trains for epochs (default: the schedule's, else 10) on the "
                    + "data given as on. Without a schedule: sgd(lr: 0.05, momentum: 0.9), batch 64. optimizer (such as "
                    + "sgd(lr: 0.1, momentum: 0.9) or adam(lr: 1e-3)) replaces the schedule's optimizer when both are given, "
                    + "and the schedule's rate shape then scales from its learning rate. eval is a dataset "
                    + "measured every `every` epochs. probes is a list of probes (probe declarations, or probe calls such as "
                    + "fisher_trace(on: test) without a network), each measured once before training and then every `every` "
                    + "epochs (\"epoch\" or \"3 epochs\"; \"step\" or \"50 steps\": after every optimizer step or every 50, while evaluation stays once per epoch) and recorded in the run: run.NAME is the list "
                    + "of its totals, run.probes every series (per layer as NAME.LAYER). A probe may also be a function of the network "
                    + "(probe NAME = fn(net) => ...), called between steps with the optimizer state untouched; it returns a number, a list "
                    + "of numbers (run.NAME is then a list of lists: snapshots, such as predictions over a grid) or a record of numbers, "
                    + "the same shape every time, kept in the history and in checkpoints. run.save(\"run.csv\" or \"run.json\") writes "
                    + "the printed history (and, in JSON, every member). augment is a record of random changes drawn afresh for every batch: "
                    + "{shift: pixels, rotate: degrees, crop: padding, flip_h: probability, flip_v: probability, noise: std}. "
                    + "A network without an input line is built for the first data. "
                    + "Progress goes to standard error (one line per epoch unless on a terminal; none with --quiet). "
                    + "Ctrl-C stops at the next batch and the run keeps the history so far; a NaN or infinite loss "
                    + "stops with an error naming the step, and the network is given back its weights from the start of "
                    + "the latest epoch whose first step had a finite loss (the error names that step); a probe or evaluation that fails stops with an error naming it, "
                    + "the step and the epoch, and the checkpoint that holds the run so far. checkpoint is a file "
                    + "rewritten (atomically) after every epoch (checkpoint_every: a number of epochs, \"epoch\", "
                    + "\"step\", or a count such as \"50 steps\"), when stopped and at the end: the weights, the "
                    + "optimizer state, the position in the schedule and the whole history (epochs, steps, probe "
                    + "series). resume continues from such a file with the same schedule, data, eval data, probes "
                    + "and seed (the file's seed unless seed is given) and gives the numbers and the history the "
                    + "uninterrupted run gives; a file from another run or network is refused, naming the difference. "
                    + "The one difference allowed is a longer last phase: a finished run of 3 epochs resumed with "
                    + "epochs: 5 trains two more and equals the 5-epoch run bit for bit (rate schedules count epochs or "
                    + "steps with lengths of their own, so none is re-planned). "
                    + "stop_after ends the run after that many epochs of the whole schedule (marked interrupted), "
                    + "to be resumed later. replicas computes each batch's gradient as that many equal parts of its rows, "
                    + "added in order, as the ranks of an MPI job do (by default one part per rank, and one alone): "
                    + "the same replicas give the same weights bit for bit on any number of ranks dividing it "
                    + "(docs/distributed.md).",
                example: "network m { flatten; dense(10) }; train(m(), on: glyphs(200, seed: 0), epochs: 1, optimizer: sgd(lr: 0.1, momentum: 0.9))") { list in
                let p = TrainParameters(list)
                list.checks(p.costs)
                // A run's members are its own and those of the probes it records.
                list.returns("run") { s in s.expression(p.probes) == nil || s.listLength(p.probes) == 0 ? RunValue.ownMembers : nil }
                return { a in try TrainCall(a, p).run() }
            },
            def("evaluate", "training", "the mean loss and accuracy of a network on a dataset, as a record",
                "Uses the current weights in evaluation mode (no dropout; batch norm uses its running statistics). "
                    + "The network must be built and fit the data's shape and classes.",
                example: "network m { input [2]; dense(2) }; evaluate(m(), moons(100, seed: 0)).accuracy") { p in
                let net = p.required("net", .network), data = p.required("data", .dataset)
                let batch = p.optional("batch", .integer(atLeast: 1), default: .number(1000))
                p.checks { s in
                    if let network = s.network(net) { s.checkFit(network, data: data, role: DataFit.data) }
                    return []
                }
                return { a in try evaluate(try a[net], on: try a[data], batch: try a[batch], a, parameters: (net.index, data.index)) }
            },
        ]
    }

    /// `evaluate(net, data)`: loss and accuracy as a record.
    private static func evaluate(_ net: NetworkValue, on data: Dataset, batch: Int, _ a: BuiltinArguments,
                                 parameters: (net: Int, data: Int)) throws -> Value {
        guard net.network.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: parameters.net) }
        try DataFit.check(net, data, role: DataFit.data, parameter: parameters.data)
        let result: (loss: Double, accuracy: Double)
        do {
            result = try TensorThreading.withPool(a.evaluator.session.pool) {
                try Trainer.evaluate(net.network.trainableModel, on: TrainingPlan.source(data, shuffles: false), batchSize: batch)
            }
        } catch {
            throw LanguageError.bridge(error, network: net)
        }
        var r = Record()
        r["loss"] = .number(result.loss)
        r["accuracy"] = .number(result.accuracy)
        return .record(r)
    }
}

/// `train`'s parameters, declared once with their kinds.
struct TrainParameters {
    let net: Param<NetworkValue>
    let on: Param<Dataset?>
    let with: Param<Value?>
    let eval: Param<Dataset?>
    let epochs: Param<Int?>
    let every: Param<TrainingInterval>
    let batch: Param<Int?>
    let seed: Param<Int?>
    let augment: Param<Value?>
    let probes: Param<[Value]>
    let checkpoint: Param<String?>
    let resume: Param<String?>
    let stopAfter: Param<Int?>
    let checkpointEvery: Param<TrainingInterval?>
    let optimizer: Param<OptimizerValue?>
    let replicas: Param<Int?>

    init(_ p: ParameterList) {
        net = p.required("net", .network)
        on = p.optional("on", .dataset)
        with = p.optional("with", .any)
        eval = p.optional("eval", .dataset)
        epochs = p.optional("epochs", .integer(atLeast: 0))
        every = p.optional("every", .interval, default: .number(1))
        batch = p.optional("batch", .integer(atLeast: 1))
        seed = p.optional("seed", .integer(atLeast: 0))
        augment = p.optional("augment", .any)
        probes = p.optional("probes", .list, default: .list([]))
        checkpoint = p.optionalOutput("checkpoint")
        resume = p.optionalInput("resume")
        stopAfter = p.optional("stop_after", .integer(atLeast: 1))
        checkpointEvery = p.optional("checkpoint_every", .interval)
        // Last, so that calls passing the earlier parameters by position keep their meaning.
        optimizer = p.optional("optimizer", .optimizer)
        replicas = p.optional("replicas", .integer(atLeast: 1))
    }
}

extension ArgumentKind where T == TrainingInterval {
    /// A number of epochs, `"epoch"`, `"step"`, or a count such as `"3 epochs"` or `"50 steps"`.
    static var interval: ArgumentKind<TrainingInterval> {
        .plain("\"epoch\", \"step\", a number of epochs, or a count such as \"3 epochs\" or \"50 steps\"") { value in
            switch value {
            case .number(let x): return isExactInteger(x) && x >= 1 ? .epochs(Int(x)) : nil
            case .string(let text): return TrainCall.interval(text)
            default: return nil
            }
        }
    }
}

/// One call of `train`, from arguments to run value.
struct TrainCall {
    let a: BuiltinArguments
    let p: TrainParameters

    init(_ a: BuiltinArguments, _ p: TrainParameters) {
        self.a = a
        self.p = p
    }

    func run() throws -> Value {
        let net = try a[p.net]
        let schedule = try scheduleArgument()
        let phases = try phases(schedule)
        guard let first = phases.first?.data else { throw RuntimeError(Messages.trainNeedsData) }
        let resume = try resumeArgument()
        let evaluator = a.evaluator
        if !net.network.isBuilt {
            try net.build(inputShape: first.sampleShape, random: RandomStream(seed: evaluator.random.next()), fallback: nil)
        }
        let eval = try a[p.eval]
        // The schedule's phases, when it has any, are the data (on: is refused beside them).
        let fromSchedule = !(schedule?.phases.isEmpty ?? true)
        for (i, phase) in phases.enumerated() {
            try DataFit.check(net, phase.data, role: fromSchedule ? DataFit.phase(i) : DataFit.training,
                              parameter: fromSchedule ? p.with.index : p.on.index)
        }
        if let eval { try DataFit.check(net, eval, role: DataFit.evaluation, parameter: p.eval.index) }
        let augmentations = try a[p.augment].map(TrainingPlan.augmentations) ?? []
        let probes = try probeList()
        for case let p as ProbeValue in probes { try atProbes { try p.request.check(net) } }
        let interval = try every()
        // As in the experiment runners: optimizer: wins over the schedule's, which wins over the default.
        let optimizerValue = try a[p.optimizer] ?? schedule?.optimizer ?? TrainingPlan.defaultOptimizer
        var config = TrainingConfiguration(
            phases: phases.enumerated().map { i, p in
                TrainingPhase(name: "phase \(i + 1)", length: p.length,
                              data: TrainingPlan.source(p.data, shuffles: true, augmentations: augmentations))
            },
            optimizer: try TrainingPlan.optimizer(optimizerValue),
            schedule: schedule?.rate.map { TrainingPlan.rate($0.shape.shape, base: optimizerValue.learningRate, unit: $0.unit) },
            batchSize: try a[p.batch] ?? schedule?.batch ?? TrainingPlan.defaultBatch,
            seed: try a[p.seed].map(UInt64.init) ?? resume?.checkpoint.state.seed ?? evaluator.random.nextSeed(),
            evaluation: eval.map { TrainingPlan.source($0, shuffles: false) },
            evaluateEvery: interval.evaluation,
            probes: try probes.map { try trainingProbe($0, net: net, every: interval.probes) },
            pool: evaluator.session.pool,
            checkpoint: try checkpointSaving())
        config.replicas = try replicasArgument()
        return .object(RunValue(try fit(net, config, resume: resume), probes: probes.map(\.name)))
    }

    /// `replicas:`, a multiple of the ranks training together (docs/distributed.md).
    private func replicasArgument() throws -> Int? {
        guard let replicas = try a[p.replicas] else { return nil }
        let ranks = Processes.world.size
        guard replicas % ranks == 0 else {
            throw RuntimeError(Messages.replicasNotMultipleOfRanks(replicas, ranks: ranks), parameter: p.replicas.index)
        }
        return replicas
    }

    /// The schedule argument: a schedule, a recipe called with no arguments, or none.
    private func scheduleArgument() throws -> ScheduleValue? {
        guard var v = try a[p.with] else { return nil }
        if case .function = v { v = try a.call(v, []) }
        switch v {
        case .none: return nil
        case .object(let s as ScheduleValue): return s
        default: throw a.fail(p.with, expected: "a schedule")
        }
    }

    /// The schedule's phases, or one phase of `epochs` on the `on` data.
    private func phases(_ schedule: ScheduleValue?) throws -> [ScheduleValue.Phase] {
        if let schedule, !schedule.phases.isEmpty {
            guard a.isNone(p.epochs) else { throw RuntimeError(Messages.epochsWithPhases, parameter: p.epochs.index) }
            return schedule.phases
        }
        guard let data = try a[p.on] else { throw RuntimeError(Messages.trainNeedsData) }
        let epochs = try a[p.epochs] ?? schedule?.epochs ?? TrainingPlan.defaultEpochs
        return [ScheduleValue.Phase(length: .epochs(epochs), data: data)]
    }

    /// `every:` as intervals for evaluation and probes: a number of epochs ("epoch" is 1), or
    /// "step" (probes after every step; evaluation stays once per epoch, being a pass over the data).
    private func every() throws -> (evaluation: TrainingInterval, probes: TrainingInterval) {
        switch try a[p.every] {
        // Evaluation stays once per epoch when probes are measured in steps.
        case .steps(let n): return (.epochs(1), .steps(n))
        case let interval: return (interval, interval)
        }
    }

}
