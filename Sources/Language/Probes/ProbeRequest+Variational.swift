import Learning
import Probes
import TensorRuntime

extension ProbeRequest {
    /// Reads the settings of P3 (information_lagrangian, beta_sweep) and P4 (pac_bayes_bound):
    /// β or the list of β, λ, the optimiser's steps, pairs and rate, the posterior's shape, and for
    /// the bound δ, the weight draws and the test data. Every domain is checked before any work.
    mutating func readVariational(_ a: BuiltinArguments, betas values: [Double], optimiser o: OptimiserParameters,
                                  posterior: PosteriorParameters?, mean: MeanParameters? = nil,
                                  bound: BoundParameters? = nil, spreadsRuns: Bool = false) throws {
        var options = VariationalOptions(beta: values[0], lambda: try a[o.lambda])
        options.steps = try a[o.steps]
        options.pairs = try a[o.pairs]
        options.learningRate = try a[o.learningRate]
        options.batchSize = try a[o.batch]
        options.seed = seed
        if let posterior {
            options.grouping = VariationalGrouping(rawValue: try a[posterior.per]) ?? .weight
            options.learnsPriorScale = try a[posterior.learnPrior]
        }
        if let mean {
            options.optimisesMean = try a[mean.optimise]
            options.meanLearningRate = try a[mean.learningRate]
        }
        settings = .variational(VariationalSettings(options: options, betas: values, bound: try bound.map { try readBound(a, $0) },
                                                    spreadsRuns: spreadsRuns))
    }

    /// beta_sweep's `betas:`: distinct positive values, at least one.
    static func sweepBetas(_ a: BuiltinArguments, _ betas: Param<[Double]>) throws -> [Double] {
        let values = try a[betas]
        guard !values.isEmpty else { throw RuntimeError(Messages.betaSweepEmpty, parameter: betas.index) }
        if let bad = values.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw RuntimeError(Messages.probeNotPositive("beta_sweep", "betas", formatNumber(bad)), parameter: betas.index)
        }
        if let repeated = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
            throw RuntimeError(Messages.betaSweepRepeated(formatNumber(repeated.element)), parameter: betas.index)
        }
        return values
    }

    /// δ, the weight draws, the test data, the objective, and β_PAC = N·β above ½ when β is given.
    private func readBound(_ a: BuiltinArguments, _ p: BoundParameters) throws -> BoundSettings {
        guard let test = try a[p.test] else { throw RuntimeError(Messages.probeNeedsData(kind.rawValue, "test"), parameter: p.test.index) }
        let optimisesBound = try a[p.objective] == "bound"
        switch (optimisesBound, try a[p.beta]) {
        case (true, .some):
            throw RuntimeError(Messages.pacBayesBetaWithBound, parameter: p.beta.index)
        case (true, nil):
            // The objective is the kl-form certificate, which holds from N = 8 up.
            guard data.count >= 8 else { throw RuntimeError(Messages.pacBayesBoundObjectiveSamples(data.count), parameter: p.objective.index) }
        case (false, nil):
            throw RuntimeError(Messages.pacBayesNeedsBeta, parameter: p.objective.index)
        case (false, let beta?):
            // McAllester's linear bound divides by 1 − 1/(2β_PAC): it says nothing unless β_PAC > ½.
            let betaPAC = Double(data.count) * beta
            guard betaPAC > 0.5 else {
                throw RuntimeError(Messages.pacBayesBeta(formatNumber(beta), data.count, formatNumber(betaPAC)), parameter: p.beta.index)
            }
        }
        let delta = try a[p.delta], drawsDelta = try a[p.drawsDelta]
        guard delta + drawsDelta < 1 else { throw a.fail(p.drawsDelta, expected: "a number below 1 − δ = \(formatNumber(1 - delta))") }
        return BoundSettings(delta: delta, drawsDelta: drawsDelta, draws: try a[p.draws], priorMean: try a[p.priorMean],
                             priorMeanParameter: p.priorMean.index, priorScales: try a[p.priorScales],
                             optimiseMean: try a[p.mean.optimise], meanLearningRate: try a[p.mean.learningRate],
                             optimisesBound: optimisesBound, initialVariance: try a[p.initialVariance], test: test,
                             testParameter: p.test.index)
    }

    /// The settings rows shared by P3 and P4 tables.
    func variationalSettings(_ o: VariationalOptions, inputs: Int) -> [(key: String, value: String)] {
        [("unit", "nats"), ("λ", o.learnsPriorScale ? "learned per layer (from \(formatNumber(o.lambda)))" : formatNumber(o.lambda)),
         ("posterior", "diagonal Gaussian, one variance per \(o.grouping.rawValue), "
             + (o.optimisesMean ? "mean optimised from the trained w* (rate \(formatNumber(o.meanLearningRate)))" : "mean at the trained w*")),
         ("estimator", "reparameterisation with antithetic pairs, Adam on log σ², \(o.steps) steps × \(o.pairs) pairs, rate \(formatNumber(o.learningRate))"
             + (o.batchSize.map { $0 < inputs ? ", batches of \($0) samples per step" : "" } ?? "")),
         ("inputs", "\(inputs)"), ("seed", "\(o.seed)")]
    }
}
