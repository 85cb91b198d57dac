import Foundation
import TensorRuntime

/// KL divergences between Gaussians, for Shannon information with Gaussian posteriors.
public enum GaussianKL {
    /// `KL(N(μ₀, Σ₀) ‖ N(μ₁, Σ₁))` in nats: `½[tr(Σ₁⁻¹Σ₀) + (μ₁−μ₀)ᵀΣ₁⁻¹(μ₁−μ₀) − d + log|Σ₁|/|Σ₀|]`.
    ///
    /// - Throws: `ProbeError.shapeMismatch` for sizes that differ; Cholesky errors for covariances
    ///   that are not positive definite.
    public static func divergence(mean0: [Double], covariance0: Matrix64, mean1: [Double], covariance1: Matrix64) throws -> Double {
        let d = mean0.count
        guard mean1.count == d, covariance0.rows == d, covariance0.columns == d, covariance1.rows == d, covariance1.columns == d else {
            throw ProbeError.shapeMismatch(probe: "gaussian_kl", message: "means and covariances must all have dimension \(d)")
        }
        let f0 = try Cholesky(covariance0), f1 = try Cholesky(covariance1)
        var trace = 0.0
        for j in 0..<d {
            let column = (0..<d).map { covariance0[$0, j] }
            trace += try f1.solve(column)[j]
        }
        let diff = zip(mean1, mean0).map { $0 - $1 }
        let mahalanobis = zip(diff, try f1.solve(diff)).reduce(0) { $0 + $1.0 * $1.1 }
        return 0.5 * (trace + mahalanobis - Double(d) + f1.logDeterminant - f0.logDeterminant)
    }

    /// Shannon information of Gaussian posteriors `Q(w|D_m) = N(μ_m, Σ)` sharing one covariance,
    /// against their mixture approximated by the moment-matched Gaussian: an UPPER bound on
    /// `I(w;D)` for the mixture (the Gaussian maximises entropy for the mixture's covariance).
    /// Returns nats.
    public static func sharedCovarianceInformation(means: [[Double]], covariance: Matrix64) throws -> Double {
        guard let d = means.first?.count, means.count >= 1, means.allSatisfy({ $0.count == d }) else {
            throw ProbeError.shapeMismatch(probe: "gaussian_information", message: "posterior means must be non-empty and of equal length")
        }
        let m = Double(means.count)
        let centre = (0..<d).map { j in means.reduce(0) { $0 + $1[j] } / m }
        var mixture = covariance
        for mu in means { for i in 0..<d { for j in 0..<d {
            mixture.elements[i * d + j] += (mu[i] - centre[i]) * (mu[j] - centre[j]) / m
        } } }
        // I = h(mixture) − h(Q|D) ≤ ½ log|Σ_mix| − ½ log|Σ|.
        return 0.5 * (try Cholesky(mixture).logDeterminant - Cholesky(covariance).logDeterminant)
    }
}
