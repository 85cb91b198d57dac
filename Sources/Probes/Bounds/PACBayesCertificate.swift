import Foundation

/// P4, as a certificate: every quantity in it bounded, so that with probability at least
/// `1 − δ − δ′` the test error of the Gibbs classifier Q is at most `bound`.
///
/// - The train error of Q, `e_S(Q) = E_{w~Q} e_S(w)`, is only estimated, from weights drawn from
///   Q; `GibbsErrorEstimate` bounds it with probability at least `1 − δ′` (the sample-convergence
///   bound of Langford & Caruana 2001, over independent blocks of rows).
/// - The kl form of the PAC-Bayes bound (Seeger 2002; Maurer 2004, N ≥ 8): with probability at
///   least `1 − δ`, `kl(e_S(Q)‖e(Q)) ≤ (KL(Q‖P) + log(2√N/δ))/N`, so
///   `e(Q) ≤ kl⁻¹(e_S(Q), (KL(Q‖P) + log(2√N/δ))/N)`; `kl⁻¹` grows with its first argument, so
///   the first bound may stand in for `e_S(Q)`.
///
/// The kl form is never looser than McAllester's linear one for the same inputs, and needs no
/// β_PAC; P, the prior, must be chosen before seeing the training data.
public struct PACBayesCertificate: Sendable, Equatable {
    /// The drawn weights' train errors.
    public let trainError: GibbsErrorEstimate
    /// `δ′`: the confidence spent on the draws.
    public let drawsDelta: Double
    /// `KL(Q‖P)` in nats.
    public let kl: Double
    /// `N`: training samples.
    public let samples: Int
    /// `δ`: the confidence spent on the PAC-Bayes bound.
    public let delta: Double
    /// The bound on `e_S(Q)` at `δ′`.
    public let trainErrorBound: Double
    /// The bound on the test error.
    public let bound: Double

    /// - Throws: `ProbeError.invalidArgument` for δ or δ′ outside (0, 1) or summing to 1 or more,
    ///   a negative or non-finite KL, or N < 8 (where Maurer's form does not hold).
    public init(trainError: GibbsErrorEstimate, drawsDelta: Double, kl: Double, delta: Double) throws {
        let probe = "pac_bayes"
        guard delta > 0, drawsDelta > 0, delta + drawsDelta < 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "δ and δ′ must be positive with δ + δ′ < 1; got δ \(delta), δ′ \(drawsDelta)")
        }
        guard kl >= 0, kl.isFinite else { throw ProbeError.invalidArgument(probe: probe, message: "KL must be finite and ≥ 0; got \(kl)") }
        guard trainError.rows >= 8 else {
            throw ProbeError.invalidArgument(probe: probe, message: "the kl form of the bound needs N ≥ 8 training samples; got \(trainError.rows)")
        }
        self.trainError = trainError
        self.drawsDelta = drawsDelta
        self.kl = kl
        samples = trainError.rows
        self.delta = delta
        trainErrorBound = trainError.upperBound(delta: drawsDelta)
        let n = Double(samples)
        bound = BinaryKL.upperInverse(trainErrorBound, budget: (kl + Foundation.log(2 * n.squareRoot() / delta)) / n)
    }

    /// The confidence of the certificate: both bounds hold together with at least this probability.
    public var confidence: Double { 1 - delta - drawsDelta }
}
