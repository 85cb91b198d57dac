/// An approximate eigenpair of a symmetric operator from the Lanczos process.
public struct RitzPair: Sendable {
    /// The Ritz value θ.
    public let value: Double
    /// The Ritz vector v (unit norm) in the operator's space.
    public let vector: [Double]
    /// ‖A v - θ v‖, known without another product: β_m times the last component of T's
    /// eigenvector. There is an eigenvalue of A within this distance of θ.
    public let residual: Double
}

extension Lanczos {
    /// All Ritz pairs, in ascending order of value.
    public func ritzPairs() throws -> [RitzPair] {
        let (values, vectors) = try tridiagonalEigen()
        let m = values.count, n = basis.first?.count ?? 0
        return (0..<m).map { row in
            var vector = [Double](repeating: 0, count: n)
            for k in 0..<m { Lanczos.subtract(-vectors[row * m + k], times: basis[k], from: &vector) }
            let residual = abs(residualNorm * vectors[row * m + m - 1])
            return RitzPair(value: values[row], vector: vector, residual: residual)
        }
    }

    /// The `count` largest eigenvalues (descending) of the symmetric operator `multiply` of size
    /// `dimension`, with vectors and residuals, by `steps` Lanczos steps from a random start drawn
    /// from `random` (so the result is reproducible from the seed).
    ///
    /// Extreme eigenvalues converge first; `steps` of two to three times `count` (at least ~20)
    /// usually suffice for well-separated ones — check `residual`.
    ///
    /// - Throws: `LinalgError.invalidArgument` unless `1 <= count <= steps`, and the errors of `init`.
    public static func largestEigenpairs(count: Int, dimension: Int, steps: Int,
                                         random: inout RandomStream,
                                         multiply: ([Double]) throws -> [Double]) throws -> [RitzPair] {
        guard count >= 1, count <= min(steps, dimension) else {
            throw LinalgError.invalidArgument(operation: "lanczos largest eigenpairs",
                                              message: "count \(count) must be in 1...min(steps \(steps), dimension \(dimension))")
        }
        var start = [Double](repeating: 0, count: dimension)
        try start.withUnsafeMutableBufferPointer { try random.fillNormal($0) }
        let process = try Lanczos(steps: steps, start: start, multiply: multiply)
        // An invariant subspace found early may hold fewer than `count` eigenpairs.
        return Array(try process.ritzPairs().reversed().prefix(count))
    }
}
