import TensorRuntime

/// A random orthogonal n × n matrix: a product of n random Householder reflections, orthogonal by
/// construction, so test matrices `Q Λ Qᵀ` have exactly known eigenvalues.
func randomOrthogonal(_ n: Int, seed: UInt64) throws -> Matrix64 {
    var rng = RandomStream(seed: seed)
    var q = Matrix64.identity(n)
    for _ in 0..<n {
        let v = (0..<n).map { _ in rng.nextNormal() }
        let norm2 = v.reduce(0) { $0 + $1 * $1 }
        var h = Matrix64.identity(n)
        for i in 0..<n {
            for j in 0..<n { h[i, j] -= 2 * v[i] * v[j] / norm2 }
        }
        q = try q.multiplied(by: h)
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
