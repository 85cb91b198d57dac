import Learning
import Probes
import TensorRuntime

/// What the experiment runners share when called from the language: the fresh-network factory,
/// the data, the optimizer and rate schedule (from `with:` and `optimizer:`), the batch size,
/// the seed and how tr F is measured, read by parameter name and checked before any training.
struct ExperimentCall {
    let a: BuiltinArguments
    let p: ExperimentParameters
    /// The builtin's name, for messages.
    var name: String { a.function.name }

    init(_ a: BuiltinArguments, _ p: ExperimentParameters) {
        self.a = a
        self.p = p
    }

    /// The training data (`on:`).
    func train() throws -> Dataset {
        guard let data = try a[p.head.on] else { throw RuntimeError(Messages.experimentNeedsData(name), parameter: p.head.on.index) }
        return data
    }

    /// The held-out data (`eval:`), if given.
    func test() throws -> Dataset? { try a[p.head.eval] }

    /// The schedule of `with:` (a schedule, or a recipe called without arguments); it may set
    /// the optimizer, batch, epochs and rate, but not phases: the runner makes those.
    func schedule() throws -> ScheduleValue? {
        guard var v = try a[p.shared.with] else { return nil }
        if case .function = v { v = try a.call(v, []) }
        switch v {
        case .none: return nil
        case .object(let s as ScheduleValue):
            guard s.phases.isEmpty else { throw RuntimeError(Messages.experimentSchedulePhases(name, s.name), parameter: p.shared.with.index) }
            return s
        default: throw a.fail(p.shared.with, expected: "a schedule")
        }
    }

    /// `optimizer:` when given, else the schedule's, else `train`'s default.
    func optimizer(_ schedule: ScheduleValue?) throws -> OptimizerValue {
        try a[p.shared.optimizer] ?? schedule?.optimizer ?? TrainingPlan.defaultOptimizer
    }

    /// `batch:` when the runner has it and it is given, else the schedule's, else `train`'s default.
    func batch(_ schedule: ScheduleValue?) throws -> Int {
        try p.batch.flatMap { try a[$0] } ?? schedule?.batch ?? TrainingPlan.defaultBatch
    }

    /// `epochs:` when the runner has it and it is given, else the schedule's, else `train`'s default.
    func epochs(_ schedule: ScheduleValue?) throws -> Int {
        try p.epochs.flatMap { try a[$0] } ?? schedule?.epochs ?? TrainingPlan.defaultEpochs
    }

    /// The seed of the runs: `seed:`, or one drawn from the interpreter's generator.
    func seed() throws -> UInt64 {
        try a[p.shared.seed].map(UInt64.init) ?? a.evaluator.random.nextSeed()
    }

    /// The setup every run shares, with the network factory it calls. The first network is made
    /// here, so a wrong recipe or data that do not fit the network fail before any training.
    func setup(train: Dataset, test: Dataset?, batch: Int? = nil) throws -> (ExperimentSetup, NetworkFactory) {
        let schedule = try schedule()
        let optimizer = try optimizer(schedule)
        let batchSize = try batch ?? self.batch(schedule)
        let seed = try seed()
        let samples = try a[p.shared.fisherSamples]
        let exact = try a[p.shared.exact]
        let factory = try NetworkFactory(a, recipe: p.head.net, inputShape: train.sampleShape, seed: seed)
        let first = try factory.make()
        try DataFit.check(first, train, role: DataFit.training, parameter: p.head.on.index)
        if let test { try DataFit.check(first, test, role: DataFit.evaluation, parameter: p.head.eval.index) }
        _ = try TrainingPlan.optimizer(optimizer)
        let interrupt = a.evaluator.interrupt
        var setup = ExperimentSetup(
            makeNetwork: { _ in try factory.make().network },
            probeModel: { try ProbeModel<Float>(network: $0).stopping(when: interrupt) },
            train: train, test: test, makeOptimizer: { try TrainingPlan.optimizer(optimizer) },
            schedule: schedule?.rate.map { TrainingPlan.rate($0.shape.shape, base: optimizer.learningRate, unit: $0.unit) },
            batchSize: batchSize, seed: seed, fisherSamples: samples,
            fisherEstimator: exact ? .exact : .monteCarlo(seed: seed), pool: a.evaluator.session.pool)
        setup.spreadsRuns = try a[p.shared.parallel] == "runs"
        return (setup, factory)
    }

    /// Progress lines to standard error, one per epoch, unless the session is quiet.
    var progress: ((String) -> Void)? {
        let session = a.evaluator.session
        guard session.progressStyle != .quiet else { return nil }
        let output = a.evaluator.output, name = self.name
        return { output.write("\(name): \($0)\n", to: .standardError) }
    }

    /// Runs `body` (the experiment) on the session's threads; the errors of the layers below
    /// become runtime errors, Ctrl-C an interrupt.
    /// A probe failing mid-training says which, and at which step and epoch.
    func running<T>(_ body: () throws -> T) throws -> T {
        do {
            return try TensorThreading.withPool(a.evaluator.session.pool) { try body() }
        } catch let failure as MeasurementFailure {
            let inner = LanguageError.bridge(failure.underlying, context: name)
            guard var e = inner as? RuntimeError, !e.isInterrupt else { throw inner }
            e.message = "\(failure.position): \(e.message)"
            throw e
        } catch {
            throw LanguageError.bridge(error, context: name)
        }
    }

    /// Refuses an experiment whose estimated peak memory is over the limit, before it starts.
    func checkCost(_ estimate: CostEstimate) throws {
        do { try estimate.check() } catch { throw LanguageError.bridge(error, context: name) }
    }
}

/// The parameters of the experiment runners, declared once per runner in its order: the head,
/// the runner's own, then the shared settings.
struct ExperimentParameters {
    /// The network recipe and the data.
    struct Head {
        let net: Param<Value>
        let on: Param<Dataset?>
        let eval: Param<Dataset?>

        init(_ p: ParameterList) {
            net = p.required("net", .any)
            on = p.optional("on", .dataset)
            eval = p.optional("eval", .dataset)
        }
    }

    /// The settings every runner has after its own.
    struct Shared {
        let with: Param<Value?>
        let optimizer: Param<OptimizerValue?>
        let fisherSamples: Param<Int>
        let exact: Param<Bool>
        let seed: Param<Int?>
        let parallel: Param<String>

        init(_ p: ParameterList) {
            with = p.optional("with", .any)
            optimizer = p.optional("optimizer", .optimizer)
            fisherSamples = p.optional("fisher_samples", .integer(atLeast: 1), default: .number(500))
            exact = p.optional("exact", .bool, default: .bool(false))
            seed = p.optional("seed", .integer(atLeast: 0))
            parallel = p.optional("parallel", .oneOf(["batches", "runs"]), default: .string("batches"))
        }
    }

    let head: Head
    let shared: Shared
    /// `batch:` and `epochs:`, for the runners that have them.
    let batch: Param<Int?>?
    let epochs: Param<Int?>?
}

extension ArgumentKind where T == OptimizerValue {
    /// An optimizer value (`sgd(lr: 0.05)`).
    static var optimizer: ArgumentKind<OptimizerValue> {
        ArgumentKind("an optimizer such as sgd(lr: 0.05)") { value, _ in
            if case .object(let o as OptimizerValue) = value { return o } else { return nil }
        }
    }
}
