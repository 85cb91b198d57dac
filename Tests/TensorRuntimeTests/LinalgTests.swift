import XCTest
import Foundation
import TensorRuntime

final class LinalgTests: XCTestCase {
    func testEigenOfDiagonalMatrixIsItsSortedDiagonal() throws {
        let eigen = try SymmetricEigen(Matrix64.diagonal([3, -1, 2, 0]))
        XCTAssertEqual(eigen.values, [-1, 0, 2, 3])
        XCTAssertEqual(eigen.vectors[1, 0].magnitude, 1)
    }

    func testEigenOfTwoByTwoMatchesClosedForm() throws {
        // [[a, b], [b, c]]: λ = (a + c)/2 ± sqrt(((a - c)/2)² + b²).
        let (a, b, c) = (2.0, 1.5, -0.5)
        let eigen = try SymmetricEigen(Matrix64([[a, b], [b, c]]))
        let mid = (a + c) / 2, radius = (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
        XCTAssertEqual(eigen.values[0], mid - radius, accuracy: 1e-14)
        XCTAssertEqual(eigen.values[1], mid + radius, accuracy: 1e-14)
        // Eigenvector of λ₁ is proportional to (b, λ₁ - a).
        let v = (eigen.vectors[0, 1], eigen.vectors[1, 1])
        XCTAssertEqual(v.0 * (eigen.values[1] - a) - v.1 * b, 0, accuracy: 1e-14)
    }

    func testEigenRecoversKnownSpectrumWithOrthonormalVectors() throws {
        for n in [1, 2, 3, 7, 30, 64] {
            var rng = RandomStream(seed: UInt64(n))
            let spectrum = (0..<n).map { _ in 10 * rng.nextDouble() - 5 }.sorted()
            let a = try matrix(withEigenvalues: spectrum, seed: UInt64(100 + n))
            let eigen = try SymmetricEigen(a)
            // Backward stability bound n·ε·‖A‖ with ‖A‖ ≤ 5, times a safety factor of ~10.
            let tolerance = 10 * Double(n) * Double.ulpOfOne * 5
            for (got, want) in zip(eigen.values, spectrum) { XCTAssertEqual(got, want, accuracy: tolerance, "n = \(n)") }
            let v = eigen.vectors
            let gram = try v.transposed.multiplied(by: v)
            let residual = try a.multiplied(by: v)
            for i in 0..<n {
                for j in 0..<n {
                    XCTAssertEqual(gram[i, j], i == j ? 1 : 0, accuracy: tolerance, "orthonormality n = \(n)")
                    XCTAssertEqual(residual[i, j], v[i, j] * eigen.values[j], accuracy: tolerance, "A v = λ v, n = \(n)")
                }
            }
        }
    }

    func testEigenvaluesOnlyMatchFullDecomposition() throws {
        let a = try matrix(withEigenvalues: (0..<25).map { Double($0 * $0) / 7 - 20 }, seed: 12)
        let full = try SymmetricEigen(a).values
        for (got, want) in zip(try SymmetricEigen.eigenvalues(of: a), full) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        XCTAssertThrowsError(try SymmetricEigen.eigenvalues(of: try Matrix64([[0, 1], [2, 0]])))
    }

    /// A Gram matrix of rank 16 in 100 dimensions: 84 eigenvalues at rounding level, each coupled
    /// to the next by rounding noise no smaller than itself. They must split off against the
    /// matrix's norm (as the effective information of a 16-unit layer about a 10×10 input does).
    func testLowRankGramMatrixConverges() throws {
        var stream = RandomStream(seed: 3)
        let b = try Matrix64(rows: 100, columns: 16, elements: (0..<1600).map { _ in stream.nextNormal() })
        let gram = try b.multiplied(by: b.transposed).symmetrized()
        let values = try SymmetricEigen.eigenvalues(of: gram)
        let largest = try XCTUnwrap(values.last)
        XCTAssertEqual(values.filter { abs($0) > 1e-10 * largest }.count, 16)
        let trace = (0..<100).reduce(0) { $0 + gram[$1, $1] }
        XCTAssertEqual(values.reduce(0, +), trace, accuracy: 1e-10 * trace)
        // The 16 nonzero ones are those of Bᵀ B.
        let small = try SymmetricEigen.eigenvalues(of: try b.transposed.multiplied(by: b).symmetrized())
        for (got, want) in zip(values.suffix(16), small) { XCTAssertEqual(got, want, accuracy: 1e-10 * largest) }
    }

    func testRepeatedEigenvaluesAndZeroMatrix() throws {
        let a = try matrix(withEigenvalues: [2, 2, 2, -1, -1], seed: 5)
        let values = try SymmetricEigen(a).values
        for (got, want) in zip(values, [-1.0, -1, 2, 2, 2]) { XCTAssertEqual(got, want, accuracy: 1e-13) }
        XCTAssertEqual(try SymmetricEigen(try Matrix64(rows: 4, columns: 4)).values, [0, 0, 0, 0])
        XCTAssertEqual(try SymmetricEigen(try Matrix64(rows: 0, columns: 0)).values, [])
    }

    func testCholeskyFactorSolveAndLogDeterminant() throws {
        let spectrum = [0.5, 1, 2, 3, 10, 40]
        let a = try matrix(withEigenvalues: spectrum, seed: 9)
        let cholesky = try Cholesky(a)
        let reconstructed = try cholesky.lower.multiplied(by: cholesky.lower.transposed)
        for (got, want) in zip(reconstructed.elements, a.elements) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        let exact = spectrum.reduce(0) { $0 + log($1) }
        XCTAssertEqual(try a.logDeterminant(), exact, accuracy: 1e-12)
        XCTAssertEqual(try a.logDeterminant(eigenvalueFloor: 1e-12), exact, accuracy: 1e-12)
        let x = [1.0, -2, 3, 0.5, 0, 4]
        let b = try a.multiplied(by: x)
        // Forward error ≤ cond(A)·ε·‖x‖ ≈ 80 · 2.2e-16 · 5.5; 1e-12 leaves a wide margin.
        for (got, want) in zip(try a.solve(b), x) { XCTAssertEqual(got, want, accuracy: 1e-12) }
    }

    /// det H_n = c_n⁴ / c_{2n} with c_n = ∏_{i<n} i! (Hilbert, 1894). H_8 has condition ≈ 1.5e10,
    /// so the log-determinant keeps about cond·ε ≈ 3e-6 relative accuracy in its smallest factors.
    func testHilbertMatrixLogDeterminant() throws {
        let n = 8
        func logC(_ m: Int) -> Double { (1..<m).reduce(0) { $0 + lgamma(Double($1 + 1)) } }
        let exact = 4 * logC(n) - logC(2 * n)
        XCTAssertEqual(try hilbert(n).logDeterminant(), exact, accuracy: 1e-4)
        XCTAssertEqual(try hilbert(n).logDeterminant(eigenvalueFloor: 1e-300), exact, accuracy: 1e-4)
    }

    func testPSDLogDeterminantFloorsZeroEigenvalues() throws {
        let a = try matrix(withEigenvalues: [0, 1, 4], seed: 3)
        XCTAssertEqual(try a.logDeterminant(eigenvalueFloor: 1e-6), log(1e-6) + log(4), accuracy: 1e-6)
        XCTAssertThrowsError(try a.logDeterminant(eigenvalueFloor: 0))
    }

    func testInvalidInputsThrowNamedErrors() throws {
        XCTAssertThrowsError(try SymmetricEigen(try Matrix64(rows: 2, columns: 3))) {
            XCTAssertEqual($0 as? LinalgError, .notSquare(operation: "symmetric eigen-decomposition", rows: 2, columns: 3))
        }
        XCTAssertThrowsError(try Cholesky(try Matrix64([[1, 2], [0, 1]]))) {
            XCTAssertEqual($0 as? LinalgError, .notSymmetric(operation: "cholesky", row: 1, column: 0, value: 0, mirror: 2))
        }
        XCTAssertThrowsError(try SymmetricEigen(try Matrix64([[1, .nan], [.nan, 1]]))) {
            XCTAssertEqual("\($0)", "symmetric eigen-decomposition: entry [0, 1] is nan")
        }
        // [[1, 2], [2, 1]] has eigenvalues 3 and -1: the second pivot is 1 - 2²/1 = -3.
        XCTAssertThrowsError(try Cholesky(try Matrix64([[1, 2], [2, 1]]))) {
            XCTAssertEqual($0 as? LinalgError, .notPositiveDefinite(operation: "cholesky", size: 2, pivot: 1, value: -3))
        }
        XCTAssertThrowsError(try Matrix64([[1, 2], [3]]))
        XCTAssertThrowsError(try Matrix64.identity(3).solve([1, 2]))
        XCTAssertThrowsError(try Matrix64.identity(2).multiplied(by: Matrix64.identity(3)))
    }
}
