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
    func costs(_ s: StaticArguments, runs: (_ epochs: Int) -> Result<Runs, UnknownCost>) -> [CostLine] {
        if let net = s.recipeNetwork(head.net) {
            s.checkFit(net, data: head.on, role: DataFit.training)
            s.checkFit(net, data: head.eval, role: DataFit.evaluation)
        }
        let shape: Shape, plan: Runs
        switch self.shape(s).flatMap({ shape in runs(shape.epochs).map { (shape, $0) } }) {
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
    /// One run per deficit length, each the deficit then `clean` epochs.
    func runs(_ s: StaticArguments) -> Result<ExperimentParameters.Runs, UnknownCost> {
        guard let lengths = s.value(lengths), let clean = s.value(clean) else {
            return .failure(UnknownCost(message: "the deficit lengths or clean epochs are computed"))
        }
        let total = lengths.reduce(0) { $0 + $1 + clean }
        return .success(.init(totalEpochs: total, fisherPasses: total + lengths.count,
                              method: "\(lengths.count) runs, \(total) epochs in all"))
    }
}

extension SweepCall {
    /// One run of `epochs` per value of the sweep; a sweep of batch sizes is priced at the
    /// smallest (the most steps).
    static func runs(_ s: StaticArguments, _ values: Param<[Int]>, sizes: Bool, epochs: Int) -> Result<ExperimentParameters.Runs, UnknownCost> {
        guard let list = s.value(values), !list.isEmpty else {
            return .failure(UnknownCost(message: "the \(sizes ? "sizes" : "classes") are computed"))
        }
        return .success(.init(totalEpochs: list.count * epochs, fisherPasses: list.count * (epochs + 1),
                              method: "\(list.count) runs of \(epochs) epochs", batch: sizes ? max(list.min() ?? 1, 1) : nil))
    }
}
