import Foundation

/// The closed form of P2 in the curvature's eigenbasis: the Gaussian code `P = N(0, λ²I)`, the
/// posterior `Q = N(w*, Σ)` with Σ diagonal in the eigenbasis of the curvature, quadratic loss.
///
/// Corrected optimum `σ_j² = β / (h_j + β/λ²)`, i.e. `Σ* = β (H + (β/λ²) I)⁻¹`; the paper prints
/// `(β/2)(H + β/(2λ²) I)⁻¹`, which is `σ_j² = λ²/(1 + 2s_j)` with `s_j = λ²h_j/β` (available as
/// `.paperPrinted`, labelled). Per direction the code costs `KL_j = ½(σ_j²/λ² − 1 − log(σ_j²/λ²))`
/// nats and the expected loss rises by `½ h_j σ_j²`.
public struct GaussianCode: Sendable, Equatable {
    /// The prior's standard deviation λ.
    public let lambda: Double
    /// β in the mean-loss convention.
    public let beta: Double
    /// Which form of Σ*.
    public let form: PosteriorForm

    /// Validates λ > 0 and β > 0 (finite).
    public init(lambda: Double, beta: Double, form: PosteriorForm = .corrected, probe: String = "info_in_weights") throws {
        guard lambda > 0, lambda.isFinite else {
            throw ProbeError.invalidArgument(probe: probe, message: "λ (prior standard deviation) must be positive and finite; got \(lambda)")
        }
        guard beta > 0, beta.isFinite else {
            throw ProbeError.invalidArgument(probe: probe, message: "β must be positive and finite (mean-loss convention); got \(beta)")
        }
        self.lambda = lambda
        self.beta = beta
        self.form = form
    }

    /// σ_j² for a curvature eigenvalue h (negative rounding noise is clamped to 0).
    public func variance(_ h: Double) -> Double {
        let s = lambda * lambda * max(h, 0) / beta
        switch form {
        case .corrected: return lambda * lambda / (1 + s)
        case .paperPrinted: return lambda * lambda / (1 + 2 * s)
        }
    }

    /// c of Σ* = s·(H + c·I)⁻¹: β/λ² (corrected) or β/(2λ²) (the paper's printed form).
    public var curvatureShift: Double { form == .corrected ? beta / (lambda * lambda) : beta / (2 * lambda * lambda) }
    /// s of Σ* = s·(H + c·I)⁻¹: β (corrected) or β/2 (the paper's printed form).
    public var posteriorScale: Double { form == .corrected ? beta : beta / 2 }

    /// The nats of direction j: `KL_j = ½(r − 1 − log r)`, r = σ_j²/λ², written as
    /// `½(log(1+s) − s/(1+s))` to keep accuracy for tiny s.
    public func nats(_ h: Double) -> Double {
        let r = variance(h) / (lambda * lambda)
        let s = 1 / r - 1
        return 0.5 * (Foundation.log1p(s) - s / (1 + s))
    }

    /// The Lagrangian contribution of direction j: `½ h σ_j² + β KL_j`.
    public func lagrangian(_ h: Double) -> Double {
        0.5 * max(h, 0) * variance(h) + beta * nats(h)
    }

    /// The nats of the mean: `‖w*‖²/(2λ²)`.
    public func meanNats(weightNormSquared: Double) -> Double {
        weightNormSquared / (2 * lambda * lambda)
    }
}

/// Which Σ* the Gaussian-code probes use.
public enum PosteriorForm: String, Sendable {
    /// `Σ* = β (H + (β/λ²) I)⁻¹`, verified numerically (the default).
    case corrected = "corrected Σ* = β(H + β/λ² I)⁻¹"
    /// The paper's printed `Σ* = (β/2)(H + β/(2λ²) I)⁻¹`, for comparison only.
    case paperPrinted = "paper's printed form Σ* = (β/2)(H + β/(2λ²) I)⁻¹ (not the optimum)"
}
