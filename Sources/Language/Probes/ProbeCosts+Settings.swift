import Learning
import Probes

/// The cost models of the probes whose settings change their work, read from the same
/// parameter handles their bodies read.
extension CodeParameters {
    /// P2: the curvature estimator the run would choose.
    func cost(_ s: StaticArguments, _ w: ProbeWorkload) -> CostEstimate {
        let limit = ProbeRequest.autoExactLimit
        let estimator: WeightInformationEstimator
        switch s.value(curvature) ?? "auto" {
        case "full": estimator = .exact(maxParameters: limit)
        case "block": estimator = .layerBlocks(maxBlockParameters: limit)
        case "diagonal": estimator = .diagonal
        case "lanczos": estimator = .lanczos(steps: ProbeRequest.lanczosSteps, probes: ProbeRequest.lanczosProbes, seed: 0)
        default: estimator = w.parameterCount <= limit ? .exact(maxParameters: limit) : .diagonal
        }
        return ProbeCost.weightInformation(w, estimator: estimator)
    }
}

extension OptimiserParameters {
    /// P3: steps × 2·pairs backward passes over the inputs, once per β (a sweep's list, when it
    /// is written out; else counted for one β and said so).
    /// `bound`: the fit of a PAC-Bayes bound, which skips the final E_Q L_D and may move the mean.
    func cost(_ s: StaticArguments, _ w: ProbeWorkload, betas: Param<[Double]>? = nil, mean: MeanParameters? = nil,
              bound: BoundParameters? = nil) -> Result<CostEstimate, UnknownCost> {
        var options = VariationalOptions(beta: 1, lambda: 1)
        options.steps = s.value(steps) ?? options.steps
        options.pairs = s.value(pairs) ?? options.pairs
        options.batchSize = s.value(batch)
        if let mean = mean ?? bound?.mean { options.optimisesMean = s.value(mean.optimise) ?? false }
        if bound != nil { options.estimatesExpectedLoss = false }
        guard let betas else { return .success(ProbeCost.variational(w, options: options)) }
        let count = s.listLength(betas).map { max($0, 1) } ?? 1
        return .success(BetaSweep.cost(w, betas: [Double](repeating: 1, count: count), options: options))
    }
}

extension BoundParameters {
    /// P4: the variational fit, then the weight draws (forward passes over the training and the
    /// test data), once per prior scale tried.
    func cost(_ s: StaticArguments, _ w: ProbeWorkload, _ net: Network, fit: CostEstimate) -> CostEstimate {
        let scales = Double(s.listLength(priorScales) ?? 1)
        if net.isBuilt { s.checkFit(net, data: test, role: DataFit.test, prefix: "\(s.function.name): ") }
        var both = w
        both.samples = w.samples + (s.dataset(test)?.count ?? w.samples)
        let d = ProbeCost.pacBayes(both, draws: s.value(draws) ?? 100)
        let times = scales > 1 ? " for each of \(Int(scales)) prior scales" : ""
        return CostEstimate(probe: s.function.name, method: fit.method + " + " + d.method + times,
                            tensorFlops: scales * (fit.tensorFlops + d.tensorFlops), linearAlgebraFlops: scales * fit.linearAlgebraFlops,
                            operations: scales * (fit.operations + d.operations), peakBytes: max(fit.peakBytes, d.peakBytes),
                            largestAllocationBytes: max(fit.largestAllocationBytes, d.largestAllocationBytes),
                            alternative: fit.alternative, refusal: fit.refusal)
    }
}

extension StaticArguments {
    /// The output width of the layer written for `layer`, by the name the probes show it under.
    func layerWidth(_ layer: Param<String>, in net: Network) -> Int? {
        let names = ProbeModel<Float>.displayNames(net)
        guard let name = value(layer),
              let found = zip(net.layerNames, net.layers).first(where: { names[$0.0] == name }) else { return nil }
        return found.1.outputShape?.reduce(1, *)
    }
}

extension InvarianceParameters {
    /// P8: the covariances of the layer's width plus the nuisance's, over the inputs.
    func cost(_ s: StaticArguments, _ w: ProbeWorkload, _ net: Network) -> Result<CostEstimate, UnknownCost> {
        guard let width = s.layerWidth(layer, in: net) else {
            return s.unknown("the layer is computed or not found").result
        }
        let columns: Int
        if case .string(let name)? = s.expression(nuisance).flatMap(Resolver.literalValue) {
            columns = ProbeRequest.nuisanceGroups[name]?.count ?? 1
        } else {
            columns = 1
        }
        return .success(ProbeCost.invariance(rows: w.samples, dimension: width + columns, classes: w.classes))
    }
}

extension ActivationParameters {
    /// P7: the Fisher's k×k matrix (k products) and the Jacobians at one input. Without an
    /// isotropic `fisher:` the run forms the exact weight Fisher, which it refuses above its limit.
    func cost(_ s: StaticArguments, _ w: ProbeWorkload, _ net: Network) -> Result<CostEstimate, UnknownCost> {
        let k = w.parameterCount
        let givesPosterior = s.expression(posterior) != nil
        checkNoise(s, givesPosterior: givesPosterior)
        if s.expression(fisher) == nil, !givesPosterior, k > ProbeRequest.autoExactLimit {
            s.error(Messages.activationFisherTooLarge(k, ProbeRequest.autoExactLimit), at: layer)
        }
        guard let width = s.layerWidth(layer, in: net) else {
            return s.unknown("the layer is computed or not found").result
        }
        let shape: ActivationFisherForm = s.value(form) == "paper" ? .paperPrinted : .corrected
        return .success(ProbeCost.activationInformation(weights: k, outputs: width, inputSize: w.inputSize,
                                                        prefixFlops: w.forwardFlopsPerSample, form: shape,
                                                        diagonalFisher: s.expression(fisher) != nil || givesPosterior))
    }

    /// The weight noise comes from β (with the Fisher or fisher: c) or from a posterior, never both.
    private func checkNoise(_ s: StaticArguments, givesPosterior: Bool) {
        if givesPosterior {
            if s.expression(beta) != nil { s.error(Messages.activationPosteriorWith("beta"), at: beta) }
            if s.expression(fisher) != nil { s.error(Messages.activationPosteriorWith("fisher"), at: fisher) }
            if s.expression(damping) != nil { s.error(Messages.activationPosteriorWith("damping"), at: damping) }
        } else if s.expression(beta) == nil {
            s.error(Messages.activationNeedsNoise, at: layer)
        }
    }
}

extension StaticArguments {
    /// P5 over discrete posteriors: a few operations per outcome of every run, from a literal list.
    func shannonCost(_ runs: Param<[Value]>) -> [CostLine] {
        guard let given = expression(runs), case .list(let datasets) = given.kind else {
            return [unknown("the runs are computed")]
        }
        var values = 0
        for d in datasets {
            guard case .list(let seeds) = d.kind else { continue }
            for q in seeds { if case .list(let outcomes) = q.kind { values += outcomes.count } }
        }
        let n = Double(max(values, 1))
        // Averages, the mixture and two KLs: about ten operations per value, all in Doubles.
        return [line(.success(CostEstimate(probe: function.name, method: "discrete posteriors, \(values) values",
                                           tensorFlops: 0, linearAlgebraFlops: 10 * n, operations: 0,
                                           peakBytes: 3 * n * 8, largestAllocationBytes: n * 8)))]
    }
}
