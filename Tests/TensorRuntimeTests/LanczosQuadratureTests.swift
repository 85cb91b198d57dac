import XCTest
import Foundation
import TensorRuntime

final class LanczosQuadratureTests: XCTestCase {
    /// Rademacher probes have z_i² = 1, so zᵀ D z = tr D exactly for diagonal D; with fewer distinct
    /// eigenvalues than steps the quadrature is exact too. The estimate must equal the log-det to
    /// rounding, and so must every sample.
    func testDiagonalLogDeterminantIsExact() throws {
        let values = [0.1, 0.5, 1, 2, 3, 7, 11, 20]
        let diagonal = (0..<96).map { values[$0 % values.count] }
        let exact = diagonal.reduce(0) { $0 + log($1) }
        let slq = try StochasticLanczosQuadrature.logDeterminant(
            dimension: 96, steps: 12, probes: 4, random: RandomStream(seed: 1)) { v in zip(diagonal, v).map { $0 * $1 } }
        XCTAssertEqual(slq.estimate, exact, accuracy: 1e-9)
        XCTAssertEqual(slq.standardError, 0, accuracy: 1e-9)
    }

    /// Dense SPD matrix with spectrum log-uniform in [0.5, 20] (κ = 40): 25 steps make the
    /// quadrature error ≈ ((√40 − 1)/(√40 + 1))^50 ≈ 1e-7 relative, so the Hutchinson noise
    /// dominates and the estimate must lie within 4 standard errors (probability > 0.9999 under
    /// the central limit theorem). The standard error must itself be small, so the check has teeth.
    func testDenseLogDeterminantWithinStatedTolerance() throws {
        let n = 150
        var rng = RandomStream(seed: 2)
        let spectrum = (0..<n).map { _ in 0.5 * pow(40, rng.nextDouble()) }
        let a = try matrix(withEigenvalues: spectrum, seed: 3)
        let exact = try a.logDeterminant()
        let slq = try StochasticLanczosQuadrature.logDeterminant(
            dimension: n, steps: 25, probes: 64, random: RandomStream(seed: 4)) { try a.multiplied(by: $0) }
        XCTAssertLessThan(slq.standardError, 0.02 * abs(exact))
        XCTAssertEqual(slq.estimate, exact, accuracy: 4 * slq.standardError)
        XCTAssertEqual(slq.samples.count, 64)
    }

    func testTraceOfIdentityFunctionAndDeterminism() throws {
        let n = 60
        let a = try matrix(withEigenvalues: (0..<n).map { Double($0) / 10 }, seed: 5)
        let trace = (0..<n).reduce(0.0) { $0 + a[$1, $1] }
        func run() throws -> StochasticLanczosQuadrature {
            try StochasticLanczosQuadrature(dimension: n, steps: 10, probes: 8, random: RandomStream(seed: 6),
                                            function: { $0 }) { try a.multiplied(by: $0) }
        }
        let first = try run(), second = try run()
        XCTAssertEqual(first.samples, second.samples)
        // For f(x) = x the quadrature is exact (Gauss rules integrate degree 1), so each sample is
        // zᵀ A z; Hutchinson's variance is 2 Σ_{i≠j} a_ij², checked through 4 standard errors.
        XCTAssertEqual(first.estimate, trace, accuracy: 4 * first.standardError + 1e-9)
    }

    func testIndefiniteOperatorAndBadArgumentsThrow() throws {
        let diagonal: [Double] = [2, -1, 3, 4]
        let multiply: ([Double]) -> [Double] = { zip(diagonal, $0).map { $0 * $1 } }
        XCTAssertThrowsError(try StochasticLanczosQuadrature.logDeterminant(
            dimension: 4, steps: 4, probes: 2, random: RandomStream(seed: 1), multiply: multiply)) {
            XCTAssertTrue("\($0)".contains("not positive"))
        }
        let floored = try StochasticLanczosQuadrature.logDeterminant(
            dimension: 4, steps: 4, probes: 2, random: RandomStream(seed: 1), eigenvalueFloor: 1e-3, multiply: multiply)
        XCTAssertEqual(floored.estimate, log(2) + log(1e-3) + log(3) + log(4), accuracy: 1e-9)
        XCTAssertThrowsError(try StochasticLanczosQuadrature.logDeterminant(
            dimension: 4, steps: 4, probes: 1, random: RandomStream(seed: 1), multiply: multiply))
        XCTAssertThrowsError(try StochasticLanczosQuadrature.logDeterminant(
            dimension: 4, steps: 4, probes: 2, random: RandomStream(seed: 1), eigenvalueFloor: -1, multiply: multiply))
    }
}
