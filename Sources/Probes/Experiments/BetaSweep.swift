/// The β sweep of the variational information Lagrangian (P3): for each β, the information in
/// the weights (KL, nats) against the expected loss — the trade-off curve. Random labels need
/// about log|Y| nats per sample and stop being fitted above β ≈ 1 (docs/probe-formulas.md, Experiments).
public enum BetaSweep {
    static let name = "beta_sweep"

    /// Runs `VariationalLagrangian.optimise` at each β with `options` otherwise unchanged.
    ///
    /// - Throws: `ProbeError` for an empty list, a repeated or non-positive β, or what the
    ///   Lagrangian refuses (checked for every β before any optimisation starts).
    ///
    /// With `spreadsRuns` and several processes, β i is optimised by process i mod N alone and
    /// every process then gets every result (`SharedRuns`): the single process's, bit for bit.
    public static func run<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, betas: [Double],
                              options: VariationalOptions, spreadsRuns: Bool = false) throws -> BetaSweepResult {
        guard !betas.isEmpty, Set(betas).count == betas.count, betas.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ProbeError.invalidArgument(probe: name, message: "β values \(betas) must be a non-empty list of distinct positive numbers")
        }
        let settings = betas.map { beta -> VariationalOptions in
            var o = options
            o.beta = beta
            return o
        }
        let workload = try ProbeWorkload(model: model, data: data)
        for o in settings { try ProbeCost.variational(workload, options: o).check() }
        let results = try SharedRuns.map(settings.count, spread: spreadsRuns, skip: { settings[$0] }, encode: encode,
                                         decode: { try decode(&$0, options: $1, model: model) }) { index in
            try VariationalLagrangian.optimise(model, on: data, options: settings[index])
        }
        return BetaSweepResult(options: options, results: results)
    }

    /// The cost of the sweep: one variational optimisation per β.
    public static func cost(_ workload: ProbeWorkload, betas: [Double], options: VariationalOptions) -> CostEstimate {
        ProbeCost.variational(workload, options: options).repeated(betas.count, probe: name, method: "\(betas.count) values of β")
    }

    /// A result as numbers, for `SharedRuns`.
    static func encode(_ r: VariationalResult) -> [Double] {
        [r.mean, r.variances, r.weightKL, r.priorVariances, r.objectiveTrace].flatMap { [Double($0.count)] + $0 }
            + [r.expectedLoss, r.expectedLossStandardError]
    }

    /// The result `encode` wrote, for `options` (the same on every process) and `model`'s layers.
    static func decode<S>(_ reader: inout SharedRuns.Reader, options: VariationalOptions, model: ProbeModel<S>) throws
        -> VariationalResult {
        let mean = try reader.list(), variances = try reader.list(), weightKL = try reader.list()
        let priorVariances = try reader.list(), objectiveTrace = try reader.list()
        return VariationalResult(model: model, options: options, mean: mean, variances: variances, weightKL: weightKL,
                                 priorVariances: priorVariances, expectedLoss: try reader.next(),
                                 expectedLossStandardError: try reader.next(), objectiveTrace: objectiveTrace)
    }
}
