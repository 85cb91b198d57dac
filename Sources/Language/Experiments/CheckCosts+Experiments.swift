import Learning
import Probes
import TensorRuntime

extension CheckCosts {
    /// The experiment runners `check` prices.
    static let experimentRunners: Set<String> = ["critical_period", "batch_size_sweep", "class_count_sweep"]

    /// What every runner call shares, as far as the script states it.
    struct ExperimentShape {
        var network: Network
        var samples: Int
        var evaluation: Int
        var batch: Int
        var epochs: Int
        var fisherSamples: Int
        var exact: Bool
    }

    /// The cost of an experiment call: every run's training with its evaluation, plus a Fisher
    /// pass before training and after every epoch of every run (as the runners measure).
    mutating func experiment(_ name: String, _ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        func unknown(_ why: String) -> Result<CostEstimate, UnknownCost> {
            .failure(UnknownCost(message: "\(name): cost unknown until the script runs (\(why))"))
        }
        let shape: ExperimentShape
        switch experimentShape(args) {
        case .success(let s): shape = s
        case .failure(let why): return unknown(why.message)
        }
        var batch = shape.batch
        let totalEpochs: Int, fisherPasses: Int, method: String
        if name == "critical_period" {
            let lengths = argument(args, "lengths", -1).map(literals) ?? [0, 5, 10]
            let clean = argument(args, "clean", -1).map { literal($0) ?? -1 } ?? 20
            guard let lengths, clean >= 0 else { return unknown("the deficit lengths or clean epochs are computed") }
            totalEpochs = lengths.reduce(0) { $0 + $1 + clean }
            fisherPasses = totalEpochs + lengths.count
            method = "\(lengths.count) runs, \(totalEpochs) epochs in all"
        } else {
            let label = name == "batch_size_sweep" ? "sizes" : "classes"
            guard let values = argument(args, label, 3).map(literals) ?? nil, !values.isEmpty else {
                return unknown("the \(label) are computed")
            }
            if name == "batch_size_sweep" { batch = max(values.min() ?? batch, 1) }
            totalEpochs = values.count * shape.epochs
            fisherPasses = values.count * (shape.epochs + 1)
            method = "\(values.count) runs of \(shape.epochs) epochs"
        }
        do {
            let workload = try ProbeWorkload(network: shape.network, samples: shape.samples)
            let training = ProbeCost.training(workload, epochs: totalEpochs, batchSize: batch, evaluationSamples: shape.evaluation,
                                              evaluations: shape.evaluation > 0 ? totalEpochs : 0)
            let fisher = ProbeCost.fisher(workload.with(samples: min(shape.fisherSamples, shape.samples)),
                                          estimator: shape.exact ? .exact : .monteCarlo(seed: 0))
            let passes = Double(fisherPasses)
            return .success(CostEstimate(probe: name, method: method, tensorFlops: training.tensorFlops + passes * fisher.tensorFlops,
                                         operations: training.operations + passes * fisher.operations,
                                         peakBytes: max(training.peakBytes, fisher.peakBytes),
                                         largestAllocationBytes: max(training.largestAllocationBytes, fisher.largestAllocationBytes),
                                         alternative: training.alternative))
        } catch {
            return unknown("\(error)")
        }
    }

    /// The network (the recipe called without arguments, built for the data when the script
    /// fixes its shape), the data sizes and the training and Fisher settings of a runner call.
    private mutating func experimentShape(_ args: [Argument]) -> Result<ExperimentShape, UnknownCost> {
        guard let recipe = argument(args, "net", 0),
              let network = networkOf(Expr(kind: .call(recipe, []), range: recipe.range)) else {
            return .failure(UnknownCost(message: "the network is computed"))
        }
        guard let dataExpr = argument(args, "on", 1), let data = datasetFacts(dataExpr), let samples = data.count, samples > 0 else {
            return .failure(UnknownCost(message: "the size of the training data is computed"))
        }
        if !network.isBuilt, let shape = data.shape {
            // The runner builds a network without an input line for its data; so does the estimate.
            try? network.build(inputShape: shape, random: RandomStream(seed: 0))
        }
        var batch = TrainingPlan.defaultBatch, epochs = TrainingPlan.defaultEpochs
        if let s = argument(args, "with", -1), case .name(let ref) = s.kind, case .schedule(let b, let e)? = known(ref.name) {
            batch = b ?? batch
            epochs = e ?? epochs
        }
        if let b = argument(args, "batch", -1) { batch = literal(b) ?? -1 }
        if let e = argument(args, "epochs", -1) { epochs = literal(e) ?? -1 }
        let fisherSamples = argument(args, "fisher_samples", -1).map { literal($0) ?? -1 } ?? 500
        guard batch >= 1, epochs >= 0, fisherSamples >= 1 else {
            return .failure(UnknownCost(message: "epochs, batch size or fisher_samples are computed"))
        }
        var exact = false
        if let e = argument(args, "exact", -1), case .bool(true) = e.kind { exact = true }
        return .success(ExperimentShape(network: network, samples: samples, evaluation: argument(args, "eval", 2).flatMap { datasetFacts($0) }?.count ?? 0,
                                        batch: batch, epochs: epochs, fisherSamples: fisherSamples, exact: exact))
    }

    /// A literal list of whole numbers ≥ 0, or nil.
    private func literals(_ e: Expr) -> [Int]? {
        guard case .list(let items) = e.kind else { return nil }
        let values = items.compactMap { literal($0) }
        return values.count == items.count ? values : nil
    }
}
