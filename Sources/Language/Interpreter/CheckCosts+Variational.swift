import Learning
import Probes

extension CheckCosts {
    /// P3 and P4: steps × 2·pairs backward passes over the inputs, once per β of a sweep; the
    /// bound adds its weight draws (forward passes over the training and the test data).
    mutating func variational(_ kind: ProbeRequest.Kind, _ w: ProbeWorkload, _ args: [Argument]) -> CostEstimate {
        var options = VariationalOptions(beta: 1, lambda: 1)
        options.steps = literal(argument(args, "steps", -1)) ?? options.steps
        options.pairs = literal(argument(args, "pairs", -1)) ?? options.pairs
        let one = ProbeCost.variational(w, options: options)
        switch kind {
        case .betaSweep:
            var count = 1
            if let e = argument(args, "betas", 2), case .list(let items) = e.kind { count = max(items.count, 1) } else { note = "counted for one β; the list is computed" }
            return BetaSweep.cost(w, betas: [Double](repeating: 1, count: count), options: options)
        case .pacBayesBound:
            let draws = literal(argument(args, "draws", -1)) ?? 100
            let test = argument(args, "test", -1).flatMap { datasetFacts($0) }?.count ?? w.samples
            var both = w
            both.samples = w.samples + test
            let d = ProbeCost.pacBayes(both, draws: draws)
            return CostEstimate(probe: kind.rawValue, method: one.method + " + " + d.method, tensorFlops: one.tensorFlops + d.tensorFlops,
                                linearAlgebraFlops: one.linearAlgebraFlops, operations: one.operations + d.operations,
                                peakBytes: max(one.peakBytes, d.peakBytes), largestAllocationBytes: max(one.largestAllocationBytes, d.largestAllocationBytes),
                                alternative: one.alternative, refusal: one.refusal)
        default:
            return one
        }
    }

    /// P8: the covariances of the named layer's width plus the nuisance's, over the inputs.
    func invariance(_ net: Network, _ w: ProbeWorkload, _ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        let names = ProbeModel<Float>.displayNames(net)
        guard let layer = text(argument(args, "layer", -1)),
              let found = zip(net.layerNames, net.layers).first(where: { names[$0.0] == layer }),
              let width = found.1.outputShape?.reduce(1, *) else {
            return .failure(UnknownCost(message: "invariance: cost unknown until the script runs (the layer is computed or not found)"))
        }
        let nuisance = text(argument(args, "nuisance", -1)).map { ProbeRequest.nuisanceGroups[$0]?.count ?? 1 } ?? 1
        return .success(ProbeCost.invariance(rows: w.samples, dimension: width + nuisance, classes: w.classes))
    }

    /// P7: the Fisher's k×k matrix (k products) and the Jacobians at one input. Without an
    /// isotropic `fisher:` the run forms the exact weight Fisher, which it refuses above its limit.
    mutating func activation(_ net: Network, _ w: ProbeWorkload, _ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        let k = w.parameterCount
        if argument(args, "fisher", -1) == nil, k > ProbeRequest.autoExactLimit, let layer = argument(args, "layer", -1) {
            errors.append(Diagnostic(Messages.activationFisherTooLarge(k, ProbeRequest.autoExactLimit), at: layer.range))
        }
        let names = ProbeModel<Float>.displayNames(net)
        guard let layer = text(argument(args, "layer", -1)),
              let found = zip(net.layerNames, net.layers).first(where: { names[$0.0] == layer }),
              let width = found.1.outputShape?.reduce(1, *) else {
            return .failure(UnknownCost(message: "activation_information: cost unknown until the script runs (the layer is computed or not found)"))
        }
        let form: ActivationFisherForm = text(argument(args, "form", -1)) == "paper" ? .paperPrinted : .corrected
        return .success(ProbeCost.activationInformation(weights: w.parameterCount, outputs: width, inputSize: w.inputSize,
                                                        prefixFlops: w.forwardFlopsPerSample, form: form))
    }

    /// P5 over discrete posteriors: a few operations per outcome of every run, from a literal list.
    func shannon(_ args: [Argument]) -> Result<CostEstimate, UnknownCost> {
        guard let runs = argument(args, "runs", 0), case .list(let datasets) = runs.kind else {
            return .failure(UnknownCost(message: "shannon_information: cost unknown until the script runs (the runs are computed)"))
        }
        var values = 0
        for d in datasets {
            guard case .list(let seeds) = d.kind else { continue }
            for q in seeds { if case .list(let outcomes) = q.kind { values += outcomes.count } }
        }
        let n = Double(max(values, 1))
        // Averages, the mixture and two KLs: about ten operations per value, all in Doubles.
        return .success(CostEstimate(probe: "shannon_information", method: "discrete posteriors, \(values) values",
                                     tensorFlops: 0, linearAlgebraFlops: 10 * n, operations: 0,
                                     peakBytes: 3 * n * 8, largestAllocationBytes: n * 8))
    }
}
