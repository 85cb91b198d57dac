import Foundation

/// The KL divergence between two Bernoulli distributions and its inverse, the building block of
/// the kl form of the PAC-Bayes bound (Seeger 2002, Maurer 2004) and of the sample-convergence
/// bound on a Monte Carlo average of errors (Langford & Caruana 2001).
public enum BinaryKL {
    /// `kl(q‖p) = q log(q/p) + (1 − q) log((1 − q)/(1 − p))`, with `0 log 0 = 0`; infinite when
    /// `p` is 0 or 1 and `q` differs from it.
    public static func divergence(_ q: Double, _ p: Double) -> Double {
        func term(_ a: Double, _ b: Double) -> Double {
            if a == 0 { return 0 }
            if b == 0 { return .infinity }
            return a * Foundation.log(a / b)
        }
        return term(q, p) + term(1 - q, 1 - p)
    }

    /// `kl⁻¹(q, c) = sup { p ∈ [q, 1] : kl(q‖p) ≤ c }`: the largest true error that an observed
    /// error `q` and a budget `c` allow. `kl(q‖·)` grows on `[q, 1]` from 0 to infinity, so
    /// bisection finds it; 200 halvings reach the spacing of doubles near any answer in [0, 1].
    /// For q = 0 it is `1 − e^(−c)`.
    public static func upperInverse(_ q: Double, budget c: Double) -> Double {
        guard c > 0 else { return q }
        var low = q, high = 1.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if divergence(q, middle) <= c { low = middle } else { high = middle }
        }
        return low
    }
}
