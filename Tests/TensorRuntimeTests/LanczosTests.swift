import XCTest
import Foundation
import TensorRuntime

final class LanczosTests: XCTestCase {
    func testFullLanczosReproducesTheWholeSpectrum() throws {
        let n = 40
        var rng = RandomStream(seed: 1)
        let spectrum = (0..<n).map { _ in 4 * rng.nextDouble() - 1 }.sorted()
        let a = try matrix(withEigenvalues: spectrum, seed: 2)
        let start = (0..<n).map { _ in rng.nextNormal() }
        let process = try Lanczos(steps: n, start: start) { try a.multiplied(by: $0) }
        XCTAssertTrue(process.isInvariant)
        let ritz = try process.ritzPairs().map(\.value)
        let exact = try SymmetricEigen(a).values
        XCTAssertEqual(ritz.count, n)
        // Full re-orthogonalisation keeps the basis orthonormal to ~ε, so T is A in another basis:
        // eigenvalues agree to a small multiple of n·ε·‖A‖.
        for (got, want) in zip(ritz, exact) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        let q = process.basis
        for i in 0..<n {
            for j in 0...i {
                XCTAssertEqual(zip(q[i], q[j]).reduce(0) { $0 + $1.0 * $1.1 }, i == j ? 1 : 0, accuracy: 1e-13)
            }
        }
    }

    func testLargestEigenpairsOfLargeOperatorMatchExactOnes() throws {
        // Five well-separated top eigenvalues over a bulk in [0, 1]: the Hessian-like case.
        let n = 200
        var rng = RandomStream(seed: 3)
        let bulk = (0..<(n - 5)).map { _ in rng.nextDouble() }
        let spectrum = bulk + [60, 70, 80, 90, 100]
        let a = try matrix(withEigenvalues: spectrum, seed: 4)
        var random = RandomStream(seed: 5)
        let pairs = try Lanczos.largestEigenpairs(count: 5, dimension: n, steps: 40, random: &random) {
            try a.multiplied(by: $0)
        }
        XCTAssertEqual(pairs.map(\.value).count, 5)
        for (pair, want) in zip(pairs, [100.0, 90, 80, 70, 60]) {
            // Gap ratio ≥ 10/60 gives convergence far below 1e-9 in 40 steps.
            XCTAssertEqual(pair.value, want, accuracy: 1e-9)
            XCTAssertLessThan(pair.residual, 1e-6)
            let av = try a.multiplied(by: pair.vector)
            let trueResidual = zip(av, pair.vector).reduce(0) { $0 + pow($1.0 - pair.value * $1.1, 2) }.squareRoot()
            // The cheap residual formula matches the true residual up to rounding.
            XCTAssertEqual(trueResidual, pair.residual, accuracy: 1e-9)
        }
    }

    func testInvariantSubspaceStopsEarlyWithExactValues() throws {
        // A diagonal matrix with 3 distinct values: the Krylov space has dimension 3.
        let diagonal = (0..<50).map { Double([1, 5, 9][$0 % 3]) }
        let process = try Lanczos(steps: 20, start: [Double](repeating: 1, count: 50)) { v in
            zip(diagonal, v).map { $0 * $1 }
        }
        XCTAssertTrue(process.isInvariant)
        XCTAssertEqual(process.diagonal.count, 3)
        for (got, want) in zip(try process.ritzPairs().map(\.value), [1.0, 5, 9]) {
            XCTAssertEqual(got, want, accuracy: 1e-12)
        }
    }

    func testInvalidArgumentsAndBadProductsThrow() {
        let identity: ([Double]) -> [Double] = { $0 }
        XCTAssertThrowsError(try Lanczos(steps: 0, start: [1, 2], multiply: identity))
        XCTAssertThrowsError(try Lanczos(steps: 3, start: [0, 0], multiply: identity))
        XCTAssertThrowsError(try Lanczos(steps: 3, start: [1, .nan], multiply: identity))
        XCTAssertThrowsError(try Lanczos(steps: 3, start: [1, 2]) { _ in [1, 2, 3] }) {
            XCTAssertEqual($0 as? LinalgError, .shapeMismatch(operation: "lanczos matrix-vector product",
                                                              expected: "a vector of 2", actual: "3 at step 0"))
        }
        XCTAssertThrowsError(try Lanczos(steps: 3, start: [1, 2]) { _ in [1, .infinity] })
        var random = RandomStream(seed: 1)
        XCTAssertThrowsError(try Lanczos.largestEigenpairs(count: 5, dimension: 10, steps: 3,
                                                           random: &random, multiply: identity))
    }
}
