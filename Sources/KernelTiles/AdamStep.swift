/// One Adam step over `count` Double elements (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): `x` the values,
/// `m` and `v` the moment estimates, `g` the gradient, `c1` and `c2` the bias corrections
/// `1 − β₁ᵗ` and `1 − β₂ᵗ`. The variational fits run it on one value per weight (hundreds of
/// thousands) every step. Written in explicit vectors: the compiler cannot prove that the four
/// pointers do not overlap, and left the plain loop scalar. Inlined in each kernel variant;
/// nothing is fused and the vector and scalar forms round alike, so every variant gives the same
/// bits.
@inlinable @inline(__always)
public func adamStep(
    _ x: UnsafeMutablePointer<Double>, _ m: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>,
    _ g: UnsafePointer<Double>, count n: Int, lr: Double, c1: Double, c2: Double
) {
    var i = 0
    while i + DoubleLanes.scalarCount <= n {
        let gi = load(g + i)
        let mi = 0.9 * load(m + i) + 0.1 * gi
        let vi = 0.999 * load(v + i) + 0.001 * gi * gi
        store(mi, m + i)
        store(vi, v + i)
        store(load(x + i) - lr * (mi / c1) / ((vi / c2).squareRoot() + 1e-8), x + i)
        i += DoubleLanes.scalarCount
    }
    while i < n {
        m[i] = 0.9 * m[i] + 0.1 * g[i]
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
        x[i] -= lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
        i += 1
    }
}
