import Foundation

/// Stochastic Lanczos quadrature: estimates `tr f(A)` (for example the log-determinant, f = log)
/// of a symmetric operator known only through matrix-vector products (Ubaru, Chen & Saad, 2017).
///
/// Each Rademacher probe z gives `zᵀ f(A) z ≈ ‖z‖² Σ_k τ_k² f(θ_k)`, the Gauss quadrature of the
/// Lanczos tridiagonal matrix started at z (θ_k its eigenvalues, τ_k the first components of its
/// eigenvectors). The Hutchinson average over probes is unbiased for tr f(A) up to the quadrature
/// error, which for smooth f on a spectrum of condition κ falls like ((√κ − 1)/(√κ + 1))^(2m).
public struct StochasticLanczosQuadrature: Sendable {
    /// The estimate of `tr f(A)`: the mean over probes.
    public let estimate: Double
    /// The standard error of the mean over probes (sample standard deviation / √probes); the
    /// quadrature error is not included.
    public let standardError: Double
    /// The per-probe values `zᵀ f(A) z`.
    public let samples: [Double]

    /// Estimates `tr f(A)` with `probes` Rademacher probes of `steps` Lanczos steps each.
    ///
    /// Probe i draws its signs from `random.split(i)`, so the result depends only on the seed.
    /// `f` is applied to Ritz values, which lie inside A's spectrum.
    ///
    /// - Throws: `LinalgError.invalidArgument` for fewer than 2 probes (no error estimate) or a
    ///   dimension below 1; the errors of `Lanczos.init`; and anything `f` throws.
    public init(dimension: Int, steps: Int, probes: Int, random: RandomStream,
                function f: (Double) throws -> Double,
                multiply: ([Double]) throws -> [Double]) throws {
        guard probes >= 2, dimension >= 1 else {
            throw LinalgError.invalidArgument(operation: "stochastic lanczos quadrature",
                                              message: "needs at least 2 probes and dimension 1 (got \(probes), \(dimension))")
        }
        var samples: [Double] = []
        for probe in 0..<probes {
            var stream = random.split(UInt64(probe))
            var z = [Double](repeating: 0, count: dimension)
            z.withUnsafeMutableBufferPointer { stream.fillRademacher($0) }
            let process = try Lanczos(steps: steps, start: z, multiply: multiply)
            let (values, vectors) = try process.tridiagonalEigen()
            let m = values.count
            var sum = 0.0
            for k in 0..<m { sum += vectors[k * m] * vectors[k * m] * (try f(values[k])) }
            samples.append(Double(dimension) * sum)  // ‖z‖² = n for a Rademacher vector
        }
        let mean = samples.reduce(0, +) / Double(probes)
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(probes - 1)
        self.estimate = mean
        self.standardError = (variance / Double(probes)).squareRoot()
        self.samples = samples
    }

    /// Estimates `log det A` for a symmetric positive-definite operator.
    ///
    /// With `eigenvalueFloor`, Ritz values below it are raised to it (for PSD curvature);
    /// without, a Ritz value that is not positive throws `invalidArgument`, since A then has a
    /// non-positive eigenvalue.
    public static func logDeterminant(dimension: Int, steps: Int, probes: Int, random: RandomStream,
                                      eigenvalueFloor: Double? = nil,
                                      multiply: ([Double]) throws -> [Double]) throws -> StochasticLanczosQuadrature {
        if let floor = eigenvalueFloor, !(floor > 0 && floor.isFinite) {
            throw LinalgError.invalidArgument(operation: "stochastic log-determinant",
                                              message: "eigenvalue floor \(floor) must be positive and finite")
        }
        return try StochasticLanczosQuadrature(dimension: dimension, steps: steps, probes: probes,
                                               random: random, function: { theta in
            if let floor = eigenvalueFloor { return Foundation.log(max(theta, floor)) }
            guard theta > 0 else {
                throw LinalgError.invalidArgument(
                    operation: "stochastic log-determinant",
                    message: "Ritz value \(theta) is not positive, so the operator is not positive definite "
                        + "(give an eigenvalue floor for positive-semidefinite operators)")
            }
            return Foundation.log(theta)
        }, multiply: multiply)
    }
}
