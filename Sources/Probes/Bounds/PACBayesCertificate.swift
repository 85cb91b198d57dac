import Foundation

/// P4, as a certificate: every quantity in it bounded, so that with probability at least
/// `1 − δ − δ′` the test error of the Gibbs classifier Q is at most `bound`.
///
/// - The train error of Q, `e_S(Q) = E_{w~Q} e_S(w)`, is only estimated, by the mean `ê` of the
///   train errors of `m` weights drawn from Q. By the sample-convergence bound (Langford & Caruana
///   2001), with probability at least `1 − δ′`: `e_S(Q) ≤ kl⁻¹(ê, log(2/δ′)/m)`.
/// - The kl form of the PAC-Bayes bound (Seeger 2002; Maurer 2004, N ≥ 8): with probability at
///   least `1 − δ`, `kl(e_S(Q)‖e(Q)) ≤ (KL(Q‖P) + log(2√N/δ))/N`, so
///   `e(Q) ≤ kl⁻¹(e_S(Q), (KL(Q‖P) + log(2√N/δ))/N)`; `kl⁻¹` grows with its first argument, so
///   the first bound may stand in for `e_S(Q)`.
///
/// The kl form is never looser than McAllester's linear one for the same inputs, and needs no
/// β_PAC; P, the prior, must be chosen before seeing the training data.
public struct PACBayesCertificate: Sendable, Equatable {
    /// `ê`: the mean train error of the drawn weights.
    public let drawnTrainError: Double
    /// `m`: how many weights were drawn.
    public let draws: Int
    /// `δ′`: the confidence spent on the draws.
    public let drawsDelta: Double
    /// `KL(Q‖P)` in nats.
    public let kl: Double
    /// `N`: training samples.
    public let samples: Int
    /// `δ`: the confidence spent on the PAC-Bayes bound.
    public let delta: Double
    /// `kl⁻¹(ê, log(2/δ′)/m)`: the bound on `e_S(Q)`.
    public let trainErrorBound: Double
    /// The bound on the test error.
    public let bound: Double

    /// - Throws: `ProbeError.invalidArgument` for an error outside [0, 1], fewer than one draw,
    ///   δ or δ′ outside (0, 1) or summing to 1 or more, a negative or non-finite KL, or N < 8
    ///   (where Maurer's form does not hold).
    public init(drawnTrainError: Double, draws: Int, drawsDelta: Double, kl: Double, samples: Int, delta: Double) throws {
        let probe = "pac_bayes"
        guard drawnTrainError >= 0, drawnTrainError <= 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "the mean train error of the draws must be in [0, 1]; got \(drawnTrainError)")
        }
        guard draws >= 1 else { throw ProbeError.invalidArgument(probe: probe, message: "at least one weight draw is needed; got \(draws)") }
        guard delta > 0, drawsDelta > 0, delta + drawsDelta < 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "δ and δ′ must be positive with δ + δ′ < 1; got δ \(delta), δ′ \(drawsDelta)")
        }
        guard kl >= 0, kl.isFinite else { throw ProbeError.invalidArgument(probe: probe, message: "KL must be finite and ≥ 0; got \(kl)") }
        guard samples >= 8 else {
            throw ProbeError.invalidArgument(probe: probe, message: "the kl form of the bound needs N ≥ 8 training samples; got \(samples)")
        }
        self.drawnTrainError = drawnTrainError
        self.draws = draws
        self.drawsDelta = drawsDelta
        self.kl = kl
        self.samples = samples
        self.delta = delta
        trainErrorBound = BinaryKL.upperInverse(drawnTrainError, budget: Foundation.log(2 / drawsDelta) / Double(draws))
        let n = Double(samples)
        bound = BinaryKL.upperInverse(trainErrorBound, budget: (kl + Foundation.log(2 * n.squareRoot() / delta)) / n)
    }

    /// The confidence of the certificate: both bounds hold together with at least this probability.
    public var confidence: Double { 1 - delta - drawsDelta }
}
