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
