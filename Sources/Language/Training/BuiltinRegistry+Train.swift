import Foundation
import Learning
import TensorRuntime

/// `train`: fits a network value on datasets following a schedule and returns a run value.
extension BuiltinRegistry {
    static var training: [BuiltinFunction] {
        [
            def("train", [.required("net"), .optional("on", .none), .optional("with", .none), .optional("eval", .none),
                          .optional("epochs", .none), .optional("every", .number(1)), .optional("batch", .none),
                          .optional("seed", .none), .optional("augment", .none), .optional("probes", .list([])),
                          .optionalOutput("checkpoint"), .optional("resume", .none), .optional("stop_after", .none),
                          .optional("checkpoint_every", .none)], "training",
                "train a network on data following a schedule; returns the run",
                "Minimises the mean cross-entropy of the network's output distribution: softmax over its outputs (logits), "
                    + "or a Bernoulli σ(z) when it has one output; a final softmax (or sigmoid on one output) is that "
                    + "distribution, so the loss reads its input and never applies it twice. The schedule (a schedule "
                    + "value or a recipe called without arguments) gives the optimizer, batch size, rate schedule and "
                    + "phases; without phases the network trains for epochs (default: the schedule's, else 10) on the "
                    + "data given as on. Without a schedule: sgd(lr: 0.05, momentum: 0.9), batch 64. eval is a dataset "
                    + "measured every `every` epochs. probes is a list of probes (probe declarations, or probe calls such as "
                    + "fisher_trace(on: test) without a network), each measured once before training and then every `every` "
                    + "epochs (\"epoch\" or \"3 epochs\"; \"step\" or \"50 steps\": after every optimizer step or every 50, while evaluation stays once per epoch) and recorded in the run: run.NAME is the list "
                    + "of its totals, run.probes every series (per layer as NAME.LAYER); run.save(\"run.csv\" or \"run.json\") writes "
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
                    + "stop_after ends the run after that many epochs of the whole schedule (marked interrupted), "
                    + "to be resumed later.",
                example: "network m { flatten; dense(10) }; train(m(), on: glyphs(200, seed: 0), epochs: 1)") { a in
                try TrainCall(a).run()
            },
            def("evaluate", [.required("net"), .required("data"), .optional("batch", .number(1000))], "training",
                "the mean loss and accuracy of a network on a dataset, as a record",
                "Uses the current weights in evaluation mode (no dropout; batch norm uses its running statistics). "
                    + "The network must be built and fit the data's shape and classes.",
                example: "network m { input [2]; dense(2) }; evaluate(m(), moons(100, seed: 0)).accuracy") { a in
                guard case .object(let net as NetworkValue) = a[0] else { throw a.fail(0, expected: "a network") }
                let data = try a.dataset(1)
                guard net.network.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: 0) }
                try TrainCall(a).checkFits(net, data)
                let result: (loss: Double, accuracy: Double)
                do {
                    result = try TensorThreading.withPool(a.evaluator.session.pool) {
                        try Trainer.evaluate(net.network.trainableModel, on: TrainingPlan.source(data, shuffles: false),
                                             batchSize: try a.integer(2, atLeast: 1))
                    }
                } catch let e as ModelError {
                    throw net.located(e, fallback: nil)
                } catch let e as TrainingError {
                    throw RuntimeError(e.description)
                }
                var r = Record()
                r["loss"] = .number(result.loss)
                r["accuracy"] = .number(result.accuracy)
                return .record(r)
            },
        ]
    }
}

/// One call of `train`, from arguments to run value.
struct TrainCall {
    let a: BuiltinArguments

    init(_ a: BuiltinArguments) { self.a = a }

    func run() throws -> Value {
        guard case .object(let net as NetworkValue) = a[0] else { throw a.fail(0, expected: "a network") }
        let schedule = try scheduleArgument()
        let phases = try phases(schedule)
        guard let first = phases.first?.data else { throw RuntimeError(Messages.trainNeedsData) }
        let resume = try resumeArgument()
        let evaluator = a.evaluator
        if !net.network.isBuilt {
            try net.build(inputShape: first.sampleShape, random: RandomStream(seed: evaluator.random.next()), fallback: nil)
        }
        let eval = a.isNone(3) ? nil : try a.dataset(3)
        for d in phases.map(\.data) + (eval.map { [$0] } ?? []) { try checkFits(net, d) }
        let augmentations = a.isNone(8) ? [] : try TrainingPlan.augmentations(a[8])
        let probes = try probeList()
        for p in probes { try atProbes { try p.request.check(net) } }
        let interval = try every()
        let optimizerValue = schedule?.optimizer ?? TrainingPlan.defaultOptimizer
        let config = TrainingConfiguration(
            phases: phases.enumerated().map { i, p in
                TrainingPhase(name: "phase \(i + 1)", length: p.length,
                              data: TrainingPlan.source(p.data, shuffles: true, augmentations: augmentations))
            },
            optimizer: try TrainingPlan.optimizer(optimizerValue),
            schedule: schedule?.rate.map { TrainingPlan.rate($0.shape.shape, base: optimizerValue.learningRate, unit: $0.unit) },
            batchSize: a.isNone(6) ? schedule?.batch ?? TrainingPlan.defaultBatch : try a.integer(6, atLeast: 1),
            seed: a.isNone(7) ? resume?.checkpoint.state.seed ?? evaluator.random.nextSeed() : UInt64(try a.integer(7, atLeast: 0)),
            evaluation: eval.map { TrainingPlan.source($0, shuffles: false) },
            evaluateEvery: interval.evaluation,
            probes: try probes.map { try trainingProbe($0, net: net, every: interval.probes) },
            pool: evaluator.session.pool,
            checkpoint: try checkpointSaving())
        return .object(RunValue(try fit(net, config, resume: resume), probes: probes.map(\.name)))
    }

    /// The schedule argument: a schedule, a recipe called with no arguments, or none.
    private func scheduleArgument() throws -> ScheduleValue? {
        var v = a[2]
        if case .function = v { v = try a.call(v, []) }
        switch v {
        case .none: return nil
        case .object(let s as ScheduleValue): return s
        default: throw a.fail(2, expected: "a schedule")
        }
    }

    /// The schedule's phases, or one phase of `epochs` on the `on` data.
    private func phases(_ schedule: ScheduleValue?) throws -> [ScheduleValue.Phase] {
        if let schedule, !schedule.phases.isEmpty {
            guard a.isNone(4) else { throw RuntimeError(Messages.epochsWithPhases, parameter: 4) }
            return schedule.phases
        }
        guard !a.isNone(1) else { throw RuntimeError(Messages.trainNeedsData) }
        let epochs = a.isNone(4) ? schedule?.epochs ?? TrainingPlan.defaultEpochs : try a.integer(4, atLeast: 0)
        return [ScheduleValue.Phase(length: .epochs(epochs), data: try a.dataset(1))]
    }

    /// `every:` as intervals for evaluation and probes: a number of epochs ("epoch" is 1), or
    /// "step" (probes after every step; evaluation stays once per epoch, being a pass over the data).
    private func every() throws -> (evaluation: TrainingInterval, probes: TrainingInterval) {
        if case .string(let s) = a[5] {
            // Evaluation stays once per epoch when probes are measured in steps.
            switch TrainCall.interval(s) {
            case .epochs(let n)?: return (.epochs(n), .epochs(n))
            case .steps(let n)?: return (.epochs(1), .steps(n))
            default: throw RuntimeError(Messages.probeEvery("\"\(s)\""), parameter: 5)
            }
        }
        let n = try a.integer(5, atLeast: 1)
        return (.epochs(n), .epochs(n))
    }

    /// Checks that `data` has the network's input shape and no more classes than its output
    /// distribution covers (one output unit is a Bernoulli logit: two classes).
    func checkFits(_ net: NetworkValue, _ data: Dataset) throws {
        let n = net.network
        if let input = n.inputShape, input != data.sampleShape {
            throw RuntimeError(Messages.dataShape(net.name, TensorShape.describe(input), data.name,
                                                  TensorShape.describe(data.sampleShape)))
        }
        if let problem = n.outputProblem { throw RuntimeError(Messages.networkOutput(net.name, problem)) }
        guard let distribution = n.outputDistribution, distribution.classes >= data.classCount else {
            throw RuntimeError(Messages.outputClasses(net.name, n.outputShape.map(TensorShape.describe) ?? "?",
                                                      data.name, data.classCount))
        }
    }
}
