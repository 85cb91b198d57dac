import Foundation

/// Closed forms for Gaussian channels (docs/probe-formulas.md, T8 and P8), in nats.
public enum GaussianChannel {
    /// `z = a x + N(0, σ²I)`, `x ~ N(0, I)` in d dimensions: `I(x;z) = (d/2) log(1 + a²/σ²)`.
    public static func information(gain a: Double, noise sigma: Double, dimension d: Int) throws -> Double {
        try check(sigma, d)
        return Double(d) / 2 * Foundation.log1p(a * a / (sigma * sigma))
    }

    /// The high-SNR approximation `(d/2) log(a²/σ²)` (what a log-det of the signal alone gives).
    public static func highSNRApproximation(gain a: Double, noise sigma: Double, dimension d: Int) throws -> Double {
        try check(sigma, d)
        return Double(d) / 2 * Foundation.log(a * a / (sigma * sigma))
    }

    /// P8's invariance test: x = (u, v), u, v ~ N(0,1), nuisance v, `z = a u + b v + N(0, σ²)`.
    /// Returns `I(z;v) = ½ log(1 + b²/(a²+σ²))` and `I(z;x) = ½ log(1 + (a²+b²)/σ²)`.
    public static func nuisanceTest(a: Double, b: Double, noise sigma: Double) throws -> (nuisance: Double, input: Double) {
        try check(sigma, 1)
        return (0.5 * Foundation.log1p(b * b / (a * a + sigma * sigma)), 0.5 * Foundation.log1p((a * a + b * b) / (sigma * sigma)))
    }

    static func check(_ sigma: Double, _ d: Int) throws {
        guard sigma > 0, sigma.isFinite, d >= 1 else {
            throw ProbeError.invalidArgument(probe: "gaussian_channel", message: "noise σ must be positive and finite and dimension ≥ 1; got σ \(sigma), d \(d)")
        }
    }
}
