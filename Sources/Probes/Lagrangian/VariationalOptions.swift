import Foundation

/// Settings of the variational information Lagrangian (P3).
public struct VariationalOptions: Sendable, Equatable {
    /// β in the mean-loss convention.
    public var beta: Double
    /// The prior's standard deviation λ.
    public var lambda: Double
    /// Adam steps on the log-variances.
    public var steps: Int = 3000
    /// Adam's learning rate on `log σ²`: 0.01 moves a log-variance by 1 in about 100 steps; on
    /// T1 it leaves a stationary jitter of the averaged variances near 1%.
    public var learningRate: Double = 0.01
    /// Antithetic pairs (ε, −ε) of weight noise per step; the pair cancels the loss's first-order
    /// term, the dominant noise when w* is not a stationary point.
    public var pairs: Int = 8
    /// Initial `σ²/λ²` for every weight: small, so training starts in the quadratic regime.
    public var initialRelativeVariance: Double = 1e-4
    /// Seed of the weight noise.
    public var seed: UInt64 = 0
    /// One variance per weight, or one per filter: every entry of a tensor that shares its index
    /// on the first (output) axis shares a variance (a dense row, a conv output channel).
    public var grouping: VariationalGrouping = .weight
    /// Learn λ per layer with the variances: each step sets λ_l² = mean over the layer of
    /// (σ_i² + w_i²), the prior scale that minimises KL for the current posterior. The KL is then
    /// against a prior chosen from the data, so it is not the KL a PAC-Bayes bound takes.
    public var learnsPriorScale = false
    /// The prior's mean, one value per weight flat in parameter order; nil: zero. A PAC-Bayes
    /// bound may centre its prior anywhere chosen before seeing the training data, such as the
    /// network's initial weights: the KL then charges only how far training moved them.
    public var priorMean: [Double]? = nil
    /// Whether Q's mean is optimised too (from w*), not fixed at the trained weights: what a
    /// PAC-Bayes bound needs to trade the train error against the distance from the prior's mean.
    public var optimisesMean = false
    /// Adam's learning rate on the mean: a weight moves by about this much per step, so 1e-3
    /// over 3000 steps lets it travel up to 3 without overshooting the loss's valleys.
    public var meanLearningRate: Double = 1e-3
    /// Samples per step: each step's gradients come from this many samples drawn afresh without
    /// replacement (an unbiased estimate of the full gradient), so a step's cost does not grow
    /// with the data; nil: every sample at every step. The final expected loss uses all of them.
    public var batchSize: Int? = nil
    /// Whether to estimate `E_Q L_D` at the end (200 antithetic pairs over all samples). A
    /// PAC-Bayes bound, which measures its own error from its own draws, skips it: then the
    /// result's expected loss is nan.
    public var estimatesExpectedLoss = true
    /// What the fit minimises: the Lagrangian at the fixed β, or a PAC-Bayes bound, with β set
    /// at every step to the rate at which the bound trades loss for KL there.
    public var objective: VariationalObjective = .lagrangian

    /// Options for β and λ with the defaults above.
    public init(beta: Double, lambda: Double) {
        self.beta = beta
        self.lambda = lambda
    }
}

/// How the variational posterior's variances are shared.
public enum VariationalGrouping: String, Sendable, Equatable {
    /// One variance per weight.
    case weight
    /// One variance per output unit of each weight tensor (per filter).
    case filter
}

/// What the variational fit minimises.
public enum VariationalObjective: Sendable, Equatable {
    /// `E_Q L + β·KL(Q‖P)` at the options' β.
    case lagrangian
    /// The PAC-Bayes bound of Pérez-Ortiz et al. (2021), `(√(ê + B) + √B)²` with
    /// `B = (KL(Q‖P) + log(2√N/δ)) / (2N)`, its empirical error ê taken from the mean loss of
    /// each step's batch (capped at 1). Its gradient is the Lagrangian's at
    /// `β = (1 + √((ê + B)/B)) / (2N)` times `∂f/∂ê > 0`, a factor that changes slowly and that Adam
    /// normalises away; so each step takes that β.
    case bound(samples: Int, delta: Double)

    /// The β of a step whose batch had mean loss `loss`, at the current `kl`.
    func beta(fixed: Double, loss: Double, kl: Double) -> Double {
        switch self {
        case .lagrangian: return fixed
        case .bound(let n, let delta):
            let b = complexity(kl: kl, samples: n, delta: delta), e = min(max(loss, 0), 1)
            return (1 + ((e + b) / b).squareRoot()) / (2 * Double(n))
        }
    }

    /// The value the fit minimises at a step: the Lagrangian, or the bound with ê = `loss`.
    func value(fixedBeta: Double, loss: Double, kl: Double) -> Double {
        switch self {
        case .lagrangian: return loss + fixedBeta * kl
        case .bound(let n, let delta):
            let b = complexity(kl: kl, samples: n, delta: delta), e = min(max(loss, 0), 1)
            let root = (e + b).squareRoot() + b.squareRoot()
            return root * root
        }
    }

    private func complexity(kl: Double, samples n: Int, delta: Double) -> Double {
        (kl + Foundation.log(2 * Double(n).squareRoot() / delta)) / (2 * Double(n))
    }
}
