/// The Lanczos process with full re-orthogonalisation on a symmetric operator given only as a
/// matrix-vector product, for spectra of Hessians and Fishers too large to form.
///
/// After m steps, `Qᵀ A Q = T` with Q the orthonormal Krylov basis and T tridiagonal; the
/// eigenvalues of T (Ritz values) approximate A's extreme eigenvalues first. Every new basis vector
/// is orthogonalised twice against all previous ones (modified Gram–Schmidt, applied twice), which
/// keeps Q orthonormal to about ε and prevents the spurious duplicate Ritz values of plain Lanczos,
/// at the cost of O(m²·n) flops and m·n Doubles of memory.
public struct Lanczos: Sendable {
    /// Diagonal of T (α₀ … α_{m-1}).
    public let diagonal: [Double]
    /// Off-diagonal of T (β₀ … β_{m-2}).
    public let offDiagonal: [Double]
    /// The norm of the residual after the last step, β_{m-1}: zero when the Krylov space became
    /// invariant. Ritz-pair residuals are this times the last component of each eigenvector of T.
    public let residualNorm: Double
    /// The orthonormal basis vectors q₀ … q_{m-1}, each of the operator's dimension.
    public let basis: [[Double]]
    /// Whether the Krylov space is invariant under A to working precision (an early stop, or n
    /// steps): the Ritz values are then eigenvalues of A.
    public var isInvariant: Bool { residualNorm == 0 }

    /// A residual below this fraction of ‖A q_j‖ means the next basis vector would be rounding
    /// noise: the Krylov space is invariant to working precision.
    static let breakdownTolerance = 1e-10

    /// Runs up to `steps` Lanczos steps from `start` (which need not be normalised).
    ///
    /// `multiply(v)` must return `A v` for a fixed symmetric A of size `start.count`; it is not
    /// checked for symmetry. The number of steps is capped at the dimension.
    ///
    /// - Throws: `LinalgError.invalidArgument` for fewer than one step, an empty, zero or
    ///   non-finite start vector; `.shapeMismatch` or `.nonFinite` if `multiply` returns a vector
    ///   of the wrong length or with NaN/infinity; and anything `multiply` throws.
    public init(steps: Int, start: [Double], multiply: ([Double]) throws -> [Double]) throws {
        let operation = "lanczos"
        let n = start.count
        guard steps >= 1, n >= 1 else {
            throw LinalgError.invalidArgument(operation: operation,
                                              message: "needs at least 1 step and dimension (got \(steps) steps, dimension \(n))")
        }
        guard start.allSatisfy({ $0.isFinite }), Lanczos.norm(start) > 0 else {
            throw LinalgError.invalidArgument(operation: operation, message: "start vector must be finite and non-zero")
        }
        var q = Lanczos.scaled(start, 1 / Lanczos.norm(start))
        var basis: [[Double]] = [], alphas: [Double] = [], betas: [Double] = []
        var residual = 0.0
        for step in 0..<min(steps, n) {
            basis.append(q)
            var w = try Lanczos.apply(multiply, to: q, dimension: n, step: step)
            let scale = Lanczos.norm(w)
            let alpha = Lanczos.dot(q, w)
            alphas.append(alpha)
            // Two full Gram–Schmidt passes also remove the α q_j and β q_{j-1} terms of the recurrence.
            for _ in 0..<2 {
                for b in basis { Lanczos.subtract(Lanczos.dot(b, w), times: b, from: &w) }
            }
            residual = Lanczos.norm(w)
            // With n vectors the basis spans everything; what is left of w is rounding noise.
            if residual <= Lanczos.breakdownTolerance * scale || basis.count == n {
                residual = 0
                break
            }
            if step + 1 == steps { break }
            betas.append(residual)
            q = Lanczos.scaled(w, 1 / residual)
        }
        diagonal = alphas
        offDiagonal = betas
        residualNorm = residual
        self.basis = basis
    }

    /// Ritz values (ascending) and the eigenvectors of T as rows (`count × count`, row-major).
    func tridiagonalEigen() throws -> (values: [Double], vectors: [Double]) {
        let m = diagonal.count
        var d = diagonal, e = offDiagonal + [0]
        var vectors = Matrix64.identity(m).elements
        try vectors.withUnsafeMutableBufferPointer { rows in
            try TridiagonalEigen.diagonalize(&d, &e, vectors: rows.baseAddress, width: m, operation: "lanczos")
        }
        let order = d.indices.sorted { d[$0] < d[$1] }
        var sortedVectors = [Double](repeating: 0, count: m * m)
        for (row, source) in order.enumerated() {
            for k in 0..<m { sortedVectors[row * m + k] = vectors[source * m + k] }
        }
        return (order.map { d[$0] }, sortedVectors)
    }

    static func apply(_ multiply: ([Double]) throws -> [Double], to v: [Double],
                      dimension n: Int, step: Int) throws -> [Double] {
        let w = try multiply(v)
        guard w.count == n else {
            throw LinalgError.shapeMismatch(operation: "lanczos matrix-vector product",
                                            expected: "a vector of \(n)", actual: "\(w.count) at step \(step)")
        }
        if let bad = w.firstIndex(where: { !$0.isFinite }) {
            throw LinalgError.nonFinite(operation: "lanczos matrix-vector product at step \(step)",
                                        row: bad, column: 0, value: w[bad])
        }
        return w
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices { sum += a[i] * b[i] }
        return sum
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func scaled(_ a: [Double], _ factor: Double) -> [Double] { a.map { $0 * factor } }

    static func subtract(_ coefficient: Double, times b: [Double], from w: inout [Double]) {
        for i in w.indices { w[i] -= coefficient * b[i] }
    }
}
