import Foundation

/// The Cholesky factorisation `A = L Lᵀ` of a symmetric positive-definite matrix, with solves and
/// the log-determinant.
///
/// Backward stable without pivoting for any positive-definite input: the computed factor is exact
/// for a matrix within about `n·ε·‖A‖` of A. A matrix whose smallest eigenvalue is below that
/// perturbation (condition number ≳ 1/(n·ε)) may fail with `notPositiveDefinite` even if it is
/// positive definite in exact arithmetic.
public struct Cholesky: Sendable {
    /// The lower-triangular factor L (entries above the diagonal are zero).
    public let lower: Matrix64

    /// Factorises `matrix`.
    ///
    /// - Throws: `LinalgError.notSquare`, `.nonFinite` or `.notSymmetric` for invalid input, and
    ///   `.notPositiveDefinite` naming the first pivot that is not positive.
    public init(_ matrix: Matrix64,
                symmetryTolerance: Double = Matrix64.defaultSymmetryTolerance) throws {
        let operation = "cholesky"
        try matrix.checkSymmetric(operation, tolerance: symmetryTolerance)
        let n = matrix.rows
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var pivot = matrix[j, j]
            for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
            guard pivot > 0, pivot.isFinite else {
                throw LinalgError.notPositiveDefinite(operation: operation, size: n, pivot: j, value: pivot)
            }
            let diagonal = pivot.squareRoot()
            l[j * n + j] = diagonal
            for i in (j + 1)..<max(n, j + 1) {
                var sum = matrix[i, j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = sum / diagonal
            }
        }
        lower = Matrix64(unchecked: n, n, l)
    }

    /// The size n of the factored n × n matrix.
    public var size: Int { lower.rows }

    /// `log det A = 2 Σ log L_ii`, finite for every factorable matrix (no overflow of the product).
    public var logDeterminant: Double {
        (0..<size).reduce(0) { $0 + 2 * Foundation.log(lower[$1, $1]) }
    }

    /// Solves `A x = b` by forward then backward substitution.
    ///
    /// - Throws: `LinalgError.shapeMismatch` if `b` does not have n entries, `.nonFinite` if it
    ///   holds NaN or infinity.
    public func solve(_ b: [Double]) throws -> [Double] {
        let n = size
        guard b.count == n else {
            throw LinalgError.shapeMismatch(operation: "cholesky solve",
                                            expected: "a right-hand side of \(n)", actual: "\(b.count)")
        }
        if let bad = b.firstIndex(where: { !$0.isFinite }) {
            throw LinalgError.nonFinite(operation: "cholesky solve", row: bad, column: 0, value: b[bad])
        }
        var x = b
        for i in 0..<n {
            for k in 0..<i { x[i] -= lower[i, k] * x[k] }
            x[i] /= lower[i, i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { x[i] -= lower[k, i] * x[k] }
            x[i] /= lower[i, i]
        }
        return x
    }
}

extension Matrix64 {
    /// `log det A` of a symmetric positive-definite matrix, via Cholesky.
    ///
    /// - Throws: the errors of `Cholesky.init`, including the failing pivot for non-PD input.
    public func logDeterminant() throws -> Double {
        try Cholesky(self).logDeterminant
    }

    /// `Σ log max(λ_i, floor)` over the eigenvalues of a symmetric positive-semidefinite matrix:
    /// the log-determinant with eigenvalues below `floor` (zero, or slightly negative from
    /// rounding) raised to it, as the weight-information probe needs for singular curvature.
    ///
    /// - Throws: `LinalgError.invalidArgument` unless `floor` is positive and finite, and the
    ///   errors of `SymmetricEigen.init`.
    public func logDeterminant(eigenvalueFloor floor: Double) throws -> Double {
        guard floor > 0, floor.isFinite else {
            throw LinalgError.invalidArgument(operation: "log-determinant",
                                              message: "eigenvalue floor \(floor) must be positive and finite")
        }
        return try SymmetricEigen.eigenvalues(of: self).reduce(0) { $0 + Foundation.log(max($1, floor)) }
    }

    /// Solves `A x = b` for symmetric positive-definite A, via Cholesky.
    public func solve(_ b: [Double]) throws -> [Double] {
        try Cholesky(self).solve(b)
    }
}
