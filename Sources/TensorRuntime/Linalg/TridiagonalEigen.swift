/// Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the implicit QL
/// algorithm with Wilkinson-style shifts.
///
/// The shared last stage of `SymmetricEigen` (after Householder reduction) and of Lanczos (whose
/// projected matrix is tridiagonal). Plane rotations keep it backward stable: the computed
/// eigenvalues are exact for a matrix within about `n·ε·‖T‖` of the input.
enum TridiagonalEigen {
    /// Sweeps per eigenvalue before giving up; QL converges cubically, typically in 2–3 sweeps,
    /// so 60 only trips on NaN-poisoned input.
    static let maximumIterations = 60

    /// Diagonalises in place. `diagonal` has n entries, `offDiagonal[i]` couples i and i + 1 (n
    /// entries, the last ignored). If `vectors` is given (an `n × width` row-major block whose
    /// rows are the basis the tridiagonal matrix is expressed in), its rows are rotated along, so
    /// row i ends as the eigenvector of eigenvalue `diagonal[i]`. Results are unsorted.
    static func diagonalize(_ diagonal: inout [Double], _ offDiagonal: inout [Double],
                            vectors: UnsafeMutablePointer<Double>?, width: Int,
                            operation: String) throws {
        let n = diagonal.count
        guard n > 1 else { return }
        offDiagonal[n - 1] = 0
        // ‖T‖ (the largest row sum, within a factor of 2): a coupling below ε·‖T‖ is rounding
        // noise however small its neighbours, as for a cluster of eigenvalues at zero.
        let norm = (0..<n).reduce(0) { max($0, abs(diagonal[$1]) + abs(offDiagonal[$1]) + ($1 > 0 ? abs(offDiagonal[$1 - 1]) : 0)) }
        for l in 0..<n {
            var iterations = 0
            while true {
                let m = splitPoint(diagonal, offDiagonal, from: l, norm: norm)
                if m == l { break }
                iterations += 1
                if iterations > maximumIterations {
                    throw LinalgError.didNotConverge(operation: operation, iterations: maximumIterations)
                }
                sweep(&diagonal, &offDiagonal, l, m, vectors, width)
            }
        }
    }

    /// The first m >= l whose coupling to m + 1 is negligible next to its diagonal neighbours or
    /// to the whole matrix (or n - 1): the block l...m is then an unreduced tridiagonal matrix.
    /// Dropping a coupling below ε·‖T‖ moves the eigenvalues by no more than the rotations' own
    /// rounding does, and without that test a block of eigenvalues at rounding level never splits.
    private static func splitPoint(_ d: [Double], _ e: [Double], from l: Int, norm: Double) -> Int {
        var m = l
        while m < d.count - 1 {
            let scale = abs(d[m]) + abs(d[m + 1])
            if abs(e[m]) <= Double.ulpOfOne * scale || abs(e[m]) <= Double.ulpOfOne * norm { break }
            m += 1
        }
        return m
    }

    /// One implicit QL step on the block l...m, chasing the bulge from the bottom up.
    private static func sweep(_ d: inout [Double], _ e: inout [Double], _ l: Int, _ m: Int,
                              _ vectors: UnsafeMutablePointer<Double>?, _ width: Int) {
        // Shift: the eigenvalue of the leading 2×2 block closer to d[l].
        var g = (d[l + 1] - d[l]) / (2 * e[l])
        var r = (g * g + 1).squareRoot()
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
        var s = 1.0, c = 1.0, p = 0.0
        var i = m - 1
        while i >= l {
            let f = s * e[i], b = c * e[i]
            r = (f * f + g * g).squareRoot()
            e[i + 1] = r
            if r == 0 {
                // An exact zero appeared mid-chase: the block splits; undo the pending shift.
                d[i + 1] -= p
                e[m] = 0
                return
            }
            s = f / r
            c = g / r
            g = d[i + 1] - p
            r = (d[i] - g) * s + 2 * c * b
            p = s * r
            d[i + 1] = g + p
            g = c * r - b
            if let vectors { rotate(vectors + i * width, vectors + (i + 1) * width, width, c, s) }
            i -= 1
        }
        d[l] -= p
        e[l] = g
        e[m] = 0
    }

    @inline(__always)
    private static func rotate(_ upper: UnsafeMutablePointer<Double>, _ lower: UnsafeMutablePointer<Double>,
                               _ width: Int, _ c: Double, _ s: Double) {
        for k in 0..<width {
            let f = lower[k]
            lower[k] = s * upper[k] + c * f
            upper[k] = c * upper[k] - s * f
        }
    }
}
