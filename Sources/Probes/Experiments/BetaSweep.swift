/// The β sweep of the variational information Lagrangian (P3): for each β, the information in
/// the weights (KL, nats) against the expected loss — the trade-off curve. Random labels need
/// about log|Y| nats per sample and stop being fitted above β ≈ 1 (docs/probe-formulas.md, Experiments).
public enum BetaSweep {
    static let name = "beta_sweep"

    /// Runs `VariationalLagrangian.optimise` at each β with `options` otherwise unchanged.
    ///
    /// - Throws: `ProbeError` for an empty list, a repeated or non-positive β, or what the
    ///   Lagrangian refuses (checked for every β before any optimisation starts).
    public static func run<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, betas: [Double],
                              options: VariationalOptions) throws -> BetaSweepResult {
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
        return BetaSweepResult(options: options, results: try settings.map { try VariationalLagrangian.optimise(model, on: data, options: $0) })
    }

    /// The cost of the sweep: one variational optimisation per β.
    public static func cost(_ workload: ProbeWorkload, betas: [Double], options: VariationalOptions) -> CostEstimate {
        ProbeCost.variational(workload, options: options).repeated(betas.count, probe: name, method: "\(betas.count) values of β")
    }
}
