/// The eigen-decomposition `A = V Λ Vᵀ` of a real symmetric matrix.
///
/// Householder reduction to tridiagonal form, then implicit QL (`TridiagonalEigen`); O(n³) time,
/// about 9n³ flops with vectors. Backward stable: each computed eigenvalue is within about
/// `n·ε·‖A‖₂` of an exact one (ε = 2.2e-16), so small eigenvalues of ill-conditioned matrices
/// carry absolute, not relative, accuracy; the eigenvectors are orthonormal to about `n·ε`.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as columns: column j belongs to `values[j]`.
    public let vectors: Matrix64

    /// Decomposes `matrix`.
    ///
    /// - Throws: `LinalgError` if the matrix is not square, has a non-finite entry, or is not
    ///   symmetric within `symmetryTolerance` (relative to its largest entry).
    public init(_ matrix: Matrix64,
                symmetryTolerance: Double = Matrix64.defaultSymmetryTolerance) throws {
        let operation = "symmetric eigen-decomposition"
        try matrix.checkSymmetric(operation, tolerance: symmetryTolerance)
        let n = matrix.rows
        var work = matrix.elements
        var basis = Matrix64.identity(n).elements
        var diagonal = [Double](repeating: 0, count: n), offDiagonal = diagonal
        SymmetricEigen.tridiagonalize(&work, n, &basis, &diagonal, &offDiagonal)
        try basis.withUnsafeMutableBufferPointer { rows in
            try TridiagonalEigen.diagonalize(&diagonal, &offDiagonal, vectors: rows.baseAddress,
                                             width: n, operation: operation)
        }
        let order = diagonal.indices.sorted { diagonal[$0] < diagonal[$1] }
        values = order.map { diagonal[$0] }
        var columns = [Double](repeating: 0, count: n * n)
        for (j, source) in order.enumerated() {
            for i in 0..<n { columns[i * n + j] = basis[source * n + i] }
        }
        vectors = Matrix64(unchecked: n, n, columns)
    }

    /// Reduces the symmetric `a` (n × n, destroyed) to tridiagonal form `T = Qᵀ A Q` by Householder
    /// reflections, returning T's diagonal and off-diagonal, and `basis = Qᵀ` (row i of `basis` is
    /// the i-th basis vector of T's coordinates).
    static func tridiagonalize(_ a: inout [Double], _ n: Int, _ basis: inout [Double],
                               _ diagonal: inout [Double], _ offDiagonal: inout [Double]) {
        var v = [Double](repeating: 0, count: n), w = v, t = v
        for k in 0..<max(n - 2, 0) {
            let size = n - k - 1
            var norm = 0.0
            for j in 0..<size { norm += a[(k + 1 + j) * n + k] * a[(k + 1 + j) * n + k] }
            norm = norm.squareRoot()
            let x0 = a[(k + 1) * n + k]
            let alpha = x0 >= 0 ? -norm : norm
            // v = x - alpha·e₁ has no cancellation because alpha has the sign opposite to x₀.
            for j in 0..<size { v[j] = a[(k + 1 + j) * n + k] }
            v[0] -= alpha
            var vNorm = 0.0
            for j in 0..<size { vNorm += v[j] * v[j] }
            offDiagonal[k] = alpha
            guard vNorm > 0 else { offDiagonal[k] = x0; continue }
            let scale = 1 / vNorm.squareRoot()
            for j in 0..<size { v[j] *= scale }
            reflectTrailingBlock(&a, n, k, v, &w)
            reflectBasisRows(&basis, n, k, v, &t)
        }
        for i in 0..<n { diagonal[i] = a[i * n + i] }
        if n >= 2 { offDiagonal[n - 2] = a[(n - 1) * n + (n - 2)] }
    }

    /// S ← H S H on the trailing block S = a[k+1..., k+1...] with H = I - 2vvᵀ:
    /// with p = S v and w = p - (vᵀp) v, H S H = S - 2 v wᵀ - 2 w vᵀ.
    private static func reflectTrailingBlock(_ a: inout [Double], _ n: Int, _ k: Int,
                                             _ v: [Double], _ w: inout [Double]) {
        let size = n - k - 1, base = (k + 1) * n + (k + 1)
        var vp = 0.0
        for i in 0..<size {
            var sum = 0.0
            for j in 0..<size { sum += a[base + i * n + j] * v[j] }
            w[i] = sum
            vp += v[i] * sum
        }
        for i in 0..<size { w[i] -= vp * v[i] }
        for i in 0..<size {
            for j in 0..<size { a[base + i * n + j] -= 2 * (v[i] * w[j] + w[i] * v[j]) }
        }
    }

    /// basis ← H basis on rows k+1..., accumulating Qᵀ = H_{n-3} ⋯ H₀.
    private static func reflectBasisRows(_ basis: inout [Double], _ n: Int, _ k: Int,
                                         _ v: [Double], _ t: inout [Double]) {
        let size = n - k - 1
        for c in 0..<n { t[c] = 0 }
        for j in 0..<size {
            let row = (k + 1 + j) * n
            for c in 0..<n { t[c] += v[j] * basis[row + c] }
        }
        for j in 0..<size {
            let row = (k + 1 + j) * n
            for c in 0..<n { basis[row + c] -= 2 * v[j] * t[c] }
        }
    }
}
