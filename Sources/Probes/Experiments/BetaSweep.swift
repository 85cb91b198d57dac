/// The β sweep of the variational information Lagrangian (P3): for each β, the information in
/// the weights (KL, nats) against the expected loss — the trade-off curve. Random labels need
/// about log|Y| nats per sample and stop being fitted above β ≈ 1 (PROBES.md).
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
        let one = ProbeCost.variational(workload, options: options)
        let runs = Double(betas.count)
        return CostEstimate(probe: name, method: "\(betas.count) values of β, \(one.method)", tensorFlops: runs * one.tensorFlops,
                            operations: runs * one.operations, peakBytes: one.peakBytes,
                            largestAllocationBytes: one.largestAllocationBytes, alternative: one.alternative)
    }
}

/// The trade-off curve of a β sweep: per β, KL (nats), expected loss and the Lagrangian.
public struct BetaSweepResult: ProbeResult {
    /// The settings shared by every β.
    public let options: VariationalOptions
    /// One result per β, in the order given.
    public let results: [VariationalResult]

    /// One row per β.
    public var table: ProbeTable {
        let rows: [[ProbeCell]] = results.map { r in
            [.number(r.options.beta), .number(r.kl), .estimate(r.expectedLoss, standardError: r.expectedLossStandardError), .number(r.lagrangian)]
        }
        return ProbeTable(title: "Information Lagrangian β sweep — expected loss against information in the weights",
                          settings: [("λ", "\(options.lambda)"), ("β", "mean-loss convention"),
                                     ("estimator", "reparameterisation, Adam, \(options.steps) steps, \(options.pairs) antithetic pairs"),
                                     ("seed", "\(options.seed)"), ("unit", "nats")],
                          columns: ["β", "KL nats", "E_Q L_D", "Lagrangian"], rows: rows)
    }
}
