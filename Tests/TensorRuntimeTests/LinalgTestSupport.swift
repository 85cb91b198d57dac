import TensorRuntime

/// A random orthogonal n × n matrix: a product of n random Householder reflections, orthogonal by
/// construction, so test matrices `Q Λ Qᵀ` have exactly known eigenvalues.
func randomOrthogonal(_ n: Int, seed: UInt64) throws -> Matrix64 {
    var rng = RandomStream(seed: seed)
    var q = Matrix64.identity(n)
    for _ in 0..<n {
        let v = (0..<n).map { _ in rng.nextNormal() }
        let norm2 = v.reduce(0) { $0 + $1 * $1 }
        // Q ← Q (I - 2 v vᵀ / ‖v‖²), applied row by row in O(n²).
        for i in 0..<n {
            let projection = (0..<n).reduce(0) { $0 + q[i, $1] * v[$1] } * 2 / norm2
            for j in 0..<n { q[i, j] -= projection * v[j] }
        }
    }
    return q
}

/// `Q diag(values) Qᵀ`, symmetrised so rounding leaves it exactly symmetric.
func matrix(withEigenvalues values: [Double], seed: UInt64) throws -> Matrix64 {
    let q = try randomOrthogonal(values.count, seed: seed)
    return try q.multiplied(by: Matrix64.diagonal(values)).multiplied(by: q.transposed).symmetrized()
}

/// The n × n Hilbert matrix `1 / (i + j + 1)`, a classic ill-conditioned SPD test matrix.
func hilbert(_ n: Int) -> Matrix64 {
    let rows = (0..<n).map { i in (0..<n).map { j in 1 / Double(i + j + 1) } }
    return (try? Matrix64(rows)) ?? Matrix64.identity(0)
}
