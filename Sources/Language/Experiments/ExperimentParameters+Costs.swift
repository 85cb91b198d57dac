import Learning
import Probes
import TensorRuntime

/// What `check` says of an experiment runner's call before it runs: data that does not fit the
/// network its recipe makes, and the cost of every run's training with its evaluation, plus a
/// Fisher pass before training and after every epoch of every run (as the runners measure).
extension ExperimentParameters {
    /// How much training a runner call does, from its own parameters.
    struct Runs {
        var totalEpochs: Int
        var fisherPasses: Int
        var method: String
        /// The batch size of the cheapest-to-price run, when the runner sets it (a sweep of sizes).
        var batch: Int?
    }

    /// What every runner call shares, as far as the script states it.
    private struct Shape {
        var network: Network
        var samples: Int
        var evaluation: Int
        var batch: Int
        var epochs: Int
        var fisherSamples: Int
        var exact: Bool
    }

    /// The fit errors and the cost line; `runs` reads the runner's own parameters, given the
    /// epochs of one run, or says why they are known only at run time.
    func costs(_ s: StaticArguments, runs: (_ epochs: Int, _ samples: Int, _ batch: Int) -> Result<Runs, UnknownCost>) -> [CostLine] {
        if let net = s.recipeNetwork(head.net) {
            s.checkFit(net, data: head.on, role: DataFit.training)
            s.checkFit(net, data: head.eval, role: DataFit.evaluation)
        }
        let shape: Shape, plan: Runs
        switch self.shape(s).flatMap({ shape in runs(shape.epochs, shape.samples, shape.batch).map { (shape, $0) } }) {
        case .success(let found): (shape, plan) = found
        case .failure(let why): return [s.unknown(why.message)]
        }
        do {
            let workload = try ProbeWorkload(network: shape.network, samples: shape.samples)
            let training = ProbeCost.training(workload, epochs: plan.totalEpochs, batchSize: plan.batch ?? shape.batch,
                                              evaluationSamples: shape.evaluation,
                                              evaluations: shape.evaluation > 0 ? plan.totalEpochs : 0)
            let fisher = ProbeCost.fisher(workload.with(samples: min(shape.fisherSamples, shape.samples)),
                                          estimator: shape.exact ? .exact : .monteCarlo(seed: 0))
            let passes = Double(plan.fisherPasses)
            return [s.line(.success(CostEstimate(
                probe: s.function.name, method: plan.method, tensorFlops: training.tensorFlops + passes * fisher.tensorFlops,
                operations: training.operations + passes * fisher.operations,
                peakBytes: max(training.peakBytes, fisher.peakBytes),
                largestAllocationBytes: max(training.largestAllocationBytes, fisher.largestAllocationBytes),
                alternative: training.alternative)))]
        } catch {
            return [s.unknown("\(error)")]
        }
    }

    /// The network (the recipe called without arguments, built for the data when the script
    /// fixes its shape), the data sizes and the training and Fisher settings of the call.
    private func shape(_ s: StaticArguments) -> Result<Shape, UnknownCost> {
        guard let network = s.recipeNetwork(head.net) else { return .failure(UnknownCost(message: "the network is computed")) }
        guard let samples = s.dataset(head.on)?.count, samples > 0 else {
            return .failure(UnknownCost(message: "the size of the training data is computed"))
        }
        if !network.isBuilt, let shape = s.dataset(head.on)?.shape {
            // The runner builds a network without an input line for its data; so does the estimate.
            try? network.build(inputShape: shape, random: RandomStream(seed: 0))
        }
        let schedule = s.schedule(shared.with)
        let known = [batch.map(s.isKnown), epochs.map(s.isKnown), s.isKnown(shared.fisherSamples)].allSatisfy { $0 ?? true }
        guard known else { return .failure(UnknownCost(message: "epochs, batch size or fisher_samples are computed")) }
        return .success(Shape(network: network, samples: samples, evaluation: s.dataset(head.eval)?.count ?? 0,
                              batch: batch.flatMap { s.value($0) } ?? schedule?.batch ?? TrainingPlan.defaultBatch,
                              epochs: epochs.flatMap { s.value($0) } ?? schedule?.epochs ?? TrainingPlan.defaultEpochs,
                              fisherSamples: s.value(shared.fisherSamples) ?? 500, exact: s.value(shared.exact) ?? false))
    }
}

extension CriticalPeriodCall.Parameters {
    /// One run per deficit (the main one and each control), length (or onset) and seed: the
    /// deficit then `clean` epochs, or with a window max(onset) + window + `clean` epochs.
    func runs(_ s: StaticArguments) -> Result<ExperimentParameters.Runs, UnknownCost> {
        let computed = Result<ExperimentParameters.Runs, UnknownCost>.failure(
            UnknownCost(message: "the deficit lengths, onsets, window, seeds, controls or clean epochs are computed"))
        func count<T>(_ parameter: Param<T>) -> Int? { s.expression(parameter) == nil ? 1 : s.listLength(parameter) }
        guard let clean = s.value(clean), let seedCount = count(seeds), let controlCount = count(controls) else { return computed }
        let deficits = s.expression(controls) == nil ? 1 : 1 + controlCount
        let perRun: [Int]
        if s.expression(window) != nil || s.expression(onsets) != nil {
            guard let window = s.value(window), let onsets = s.value(onsets) else { return computed }
            perRun = Array(repeating: (onsets.last ?? 0) + window + clean, count: onsets.count * deficits)
        } else {
            guard let lengths = s.expression(lengths) == nil ? Self.defaultLengths : s.value(lengths) else { return computed }
            // A control's run without deficit epochs is the main deficit's, trained once.
            let withDeficit = lengths.filter { $0 > 0 }.map { $0 + clean }
            perRun = lengths.map { $0 + clean } + (1..<max(deficits, 1)).flatMap { _ in withDeficit }
        }
        let total = seedCount * perRun.reduce(0, +), runs = seedCount * perRun.count
        return .success(.init(totalEpochs: total, fisherPasses: total + runs, method: "\(runs) runs, \(total) epochs in all"))
    }
}

extension SweepCall {
    /// One run of `epochs` per value of the sweep; a sweep of batch sizes is priced at the
    /// smallest (the most steps). With `steps`, each run is priced as the epochs of the whole
    /// data its steps process at its batch size.
    static func runs(_ s: StaticArguments, _ values: Param<[Int]>, sizes: Bool, epochs: Int, samples: Int, batch: Int,
                     steps: Param<Int?>) -> Result<ExperimentParameters.Runs, UnknownCost> {
        guard let list = s.value(values), !list.isEmpty else {
            return .failure(UnknownCost(message: "the \(sizes ? "sizes" : "classes") are computed"))
        }
        guard s.expression(steps) != nil else {
            return .success(.init(totalEpochs: list.count * epochs, fisherPasses: list.count * (epochs + 1),
                                  method: "\(list.count) runs of \(epochs) epochs", batch: sizes ? max(list.min() ?? 1, 1) : nil))
        }
        guard let count = s.value(steps) else { return .failure(UnknownCost(message: "the steps are computed")) }
        let perRun = list.map { value in (count * (sizes ? value : batch) + samples - 1) / max(samples, 1) }
        let total = perRun.reduce(0, +)
        return .success(.init(totalEpochs: total, fisherPasses: total + list.count,
                              method: "\(list.count) runs of \(count) steps", batch: sizes ? max(list.min() ?? 1, 1) : nil))
    }
}
