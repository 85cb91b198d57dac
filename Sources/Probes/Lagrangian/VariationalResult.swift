import Foundation

/// The result of P3: the information in the weights (KL, nats), the expected loss, the
/// Lagrangian, per-layer KLs and the implied curvature `1/σ_i² − 1/λ² ≈ F_ii/β`.
public struct VariationalResult: ProbeResult, Sendable {
    /// The settings used.
    public let options: VariationalOptions
    /// Q's mean per weight, flat in parameter order: the trained w*, unless the mean was optimised.
    public let mean: [Double]
    /// σ_i² per weight, flat in parameter order.
    public let variances: [Double]
    /// KL per weight, nats.
    public let weightKL: [Double]
    /// Per-layer (name, KL nats).
    public let layers: [(name: String, kl: Double)]
    /// `E_Q L_D` by Monte Carlo.
    public let expectedLoss: Double
    /// Its standard error.
    public let expectedLossStandardError: Double
    /// The prior's variance λ² of each weight (λ² everywhere unless the scale was learned).
    public let priorVariances: [Double]
    /// The objective `E_Q L_D + β KL` at each optimiser step, E_Q L_D from that step's draws.
    public let objectiveTrace: [Double]
    /// The β of the last step: the options' β, or the one the bound objective set there.
    public internal(set) var finalBeta: Double

    /// Whether the objective had settled by the end of the run.
    public var convergence: Convergence { Convergence(trace: objectiveTrace) }

    /// KL(Q‖P): the information in the weights, nats.
    public var kl: Double { weightKL.reduce(0, +) }
    /// The Lagrangian `E_Q L_D + β KL`.
    public var lagrangian: Double { expectedLoss + options.beta * kl }
    /// `1/σ_i² − 1/λ²`, an estimate of `F_ii/β`.
    public var impliedCurvature: [Double] { zip(variances, priorVariances).map { 1 / $0 - 1 / $1 } }

    /// `offsets`: each weight's distance from the prior's mean, w* − μ (w* itself for μ = 0).
    init<S>(model: ProbeModel<S>, options: VariationalOptions, mean: [Double], offsets: [Double], variances: [Double], priorVariances: [Double],
            expectedLoss: Double, expectedLossStandardError: Double, objectiveTrace: [Double]) {
        let kls = offsets.indices.map { VariationalLagrangian.klTerm(variance: variances[$0], mean: offsets[$0], prior: priorVariances[$0]) }
        self.init(model: model, options: options, mean: mean, variances: variances, weightKL: kls, priorVariances: priorVariances,
                  expectedLoss: expectedLoss, expectedLossStandardError: expectedLossStandardError, objectiveTrace: objectiveTrace)
    }

    /// From each weight's KL term, summed per layer of `model`.
    init<S>(model: ProbeModel<S>, options: VariationalOptions, mean: [Double], variances: [Double], weightKL kls: [Double],
            priorVariances: [Double], expectedLoss: Double, expectedLossStandardError: Double, objectiveTrace: [Double]) {
        var offset = 0
        var layers: [(name: String, kl: Double)] = []
        for layer in model.layers {
            let size = model.parameters[layer.range].reduce(0) { $0 + $1.count }
            layers.append((layer.name, kls[offset..<(offset + size)].reduce(0, +)))
            offset += size
        }
        self.options = options
        self.mean = mean
        self.variances = variances
        self.weightKL = kls
        self.layers = layers
        self.expectedLoss = expectedLoss
        self.expectedLossStandardError = expectedLossStandardError
        self.priorVariances = priorVariances
        self.objectiveTrace = objectiveTrace
        finalBeta = options.beta
    }

    /// The table: KL and share per layer, then KL, expected loss and Lagrangian.
    public var table: ProbeTable {
        var rows: [[ProbeCell]] = layers.map { [.text($0.name), .number($0.kl), .share(kl > 0 ? $0.kl / kl : 0)] }
        rows.append([.text("total KL(Q||P)"), .number(kl), .share(1)])
        rows.append([.text("E_Q L_D"), .estimate(expectedLoss, standardError: expectedLossStandardError), .empty])
        rows.append([.text("Lagrangian E_Q L_D + β KL"), .number(lagrangian), .empty])
        let mean = options.optimisesMean ? "mean optimised from w*" : "mean at w*"
        return ProbeTable(title: "Information Lagrangian, variational (diagonal Gaussian posterior, \(mean))",
                          settings: [("β", "\(options.beta) (mean-loss convention)"), ("λ", "\(options.lambda)"),
                                     ("estimator", "reparameterisation, Adam, \(options.steps) steps, \(options.pairs) antithetic pairs"),
                                     ("seed", "\(options.seed)"), ("unit", "nats")],
                          columns: ["layer", "KL nats", "share"], rows: rows)
    }
}
