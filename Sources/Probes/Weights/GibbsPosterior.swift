import TensorRuntime

/// The exact Gibbs posterior of a quadratic loss `L(w) = L0 + ½(w−w*)ᵀH(w−w*)` under the prior
/// `N(0, λ²I)`, with the mean free too (docs/probe-formulas.md, T4): `Q ∝ P·exp(−L/β)`.
///
/// Precision `H/β + I/λ²`, so `Σ* = β(H + (β/λ²)I)⁻¹` and `μ* = (H + (β/λ²)I)⁻¹ H w*`; `C*` is the
/// minimised Lagrangian `E_Q L + β KL(Q‖P)` and `KL = dC*/dβ`.
public struct GibbsPosterior: ProbeResult, Sendable {
    /// μ*.
    public let mean: [Double]
    /// Σ*, k×k.
    public let covariance: Matrix64
    /// `E_Q L` at the optimum.
    public let expectedLoss: Double
    /// `KL(Q*‖P)` in nats.
    public let kl: Double
    /// `C* = E_Q L + β KL`.
    public let lagrangian: Double
    /// β (mean-loss convention).
    public let beta: Double

    /// Solves for the posterior. H must be symmetric PSD (k×k), `center` = w* of length k.
    public init(hessian: Matrix64, center: [Double], loss: Double, lambda: Double, beta: Double) throws {
        let code = try GaussianCode(lambda: lambda, beta: beta, probe: "gibbs_posterior")
        let k = center.count
        guard hessian.rows == k, hessian.columns == k else {
            throw ProbeError.shapeMismatch(probe: "gibbs_posterior", message: "H is \(hessian.rows)×\(hessian.columns) but w* has \(k) entries")
        }
        var a = hessian
        for i in 0..<k { a.elements[i * k + i] += beta / (lambda * lambda) }
        let factor = try Cholesky(a)
        var cov = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            var e = [Double](repeating: 0, count: k); e[j] = 1
            let column = try factor.solve(e)
            for i in 0..<k { cov[i * k + j] = beta * column[i] }
        }
        let mu = try factor.solve(try hessian.multiplied(by: center))
        let d = zip(mu, center).map { $0 - $1 }
        let hd = try hessian.multiplied(by: d)
        var traceHSigma = 0.0
        for i in 0..<k { for j in 0..<k { traceHSigma += hessian[i, j] * cov[j * k + i] } }
        let sigma = try Matrix64(rows: k, columns: k, elements: cov)
        let l2 = lambda * lambda
        let logDetSigma = Double(k) * Foundation.log(beta) - factor.logDeterminant
        let traceSigma = (0..<k).reduce(0) { $0 + cov[$1 * k + $1] }
        let muNorm = mu.reduce(0) { $0 + $1 * $1 }
        kl = 0.5 * (traceSigma / l2 + muNorm / l2 - Double(k) + Double(k) * Foundation.log(l2) - logDetSigma)
        expectedLoss = loss + 0.5 * zip(d, hd).reduce(0) { $0 + $1.0 * $1.1 } + 0.5 * traceHSigma
        lagrangian = expectedLoss + code.beta * kl
        mean = mu
        covariance = sigma
        self.beta = beta
    }

    /// The table: C*, KL, expected loss.
    public var table: ProbeTable {
        ProbeTable(title: "Gibbs posterior of a quadratic loss (mean and covariance free)",
                   settings: [("β", "\(beta) (mean-loss convention)"), ("unit", "nats for KL")],
                   columns: ["quantity", "value"],
                   rows: [[.text("KL(Q*||P) nats"), .number(kl)], [.text("E_Q L"), .number(expectedLoss)],
                          [.text("C* = E_Q L + β KL"), .number(lagrangian)]])
    }
}

import Foundation
