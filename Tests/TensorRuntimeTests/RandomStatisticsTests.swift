import XCTest
import TensorRuntime

/// Statistical sanity checks. Each bound is five standard errors of the statistic for the sample
/// size used, so a correct generator fails with probability below 1e-6 per check for any seed; the
/// seeds are fixed, so the tests are deterministic.
final class RandomStatisticsTests: XCTestCase {
    let n = 200_000

    func testUniformFloatMeanAndVariance() throws {
        var rng = RandomStream(seed: 1)
        var values = [Float](repeating: 0, count: n)
        try values.withUnsafeMutableBufferPointer { try rng.fillUniform($0) }
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let (mean, variance) = moments(values.map(Double.init))
        // Uniform: variance 1/12, so se(mean) = sqrt(1/12/n); var of the sample variance is
        // (mu4 - sigma^4)/n with mu4 = 1/80.
        XCTAssertEqual(mean, 0.5, accuracy: 5 * (1.0 / 12 / Double(n)).squareRoot())
        XCTAssertEqual(variance, 1.0 / 12, accuracy: 5 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
    }

    func testUniformDoubleInScaledRange() throws {
        var rng = RandomStream(seed: 2)
        var values = [Double](repeating: 0, count: n)
        try values.withUnsafeMutableBufferPointer { try rng.fillUniform($0, low: -3, high: 5) }
        XCTAssertTrue(values.allSatisfy { $0 >= -3 && $0 < 5 })
        let (mean, _) = moments(values)
        XCTAssertEqual(mean, 1, accuracy: 5 * 8 * (1.0 / 12 / Double(n)).squareRoot())
    }

    func testNormalMomentsAndTails() {
        var rng = RandomStream(seed: 3)
        let values = (0..<n).map { _ in rng.nextNormal() }
        let (mean, variance) = moments(values)
        // Standard normal: se(mean) = 1/sqrt(n), se(sample variance) = sqrt(2/n).
        XCTAssertEqual(mean, 0, accuracy: 5 / Double(n).squareRoot())
        XCTAssertEqual(variance, 1, accuracy: 5 * (2 / Double(n)).squareRoot())
        // P(|z| > 2) = 0.0455; a binomial proportion has se sqrt(p(1-p)/n).
        let tail = Double(values.filter { abs($0) > 2 }.count) / Double(n)
        XCTAssertEqual(tail, 0.0455, accuracy: 5 * (0.0455 * 0.9545 / Double(n)).squareRoot())
    }

    func testRademacherIsBalancedSigns() {
        var rng = RandomStream(seed: 4)
        var values = [Double](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer { rng.fillRademacher($0) }
        XCTAssertTrue(values.allSatisfy { $0 == 1 || $0 == -1 })
        XCTAssertEqual(values.reduce(0, +) / Double(n), 0, accuracy: 5 / Double(n).squareRoot())
    }

    /// The range `Int.min...(2⁶² - 1)` holds 3·2⁶² integers. Reducing a 64-bit word modulo 3·2⁶²
    /// would put half the mass on the lowest 2⁶² of them instead of a third.
    func testIntegersHaveNoModuloBias() {
        var rng = RandomStream(seed: 5)
        let count = 30_000
        var low = 0
        for _ in 0..<count where rng.nextInt(in: Int.min...((1 << 62) - 1)) < -(1 << 62) {
            low += 1
        }
        // A proportion of 1/3 has standard error sqrt((1/3)(2/3)/count).
        XCTAssertEqual(Double(low) / Double(count), 1.0 / 3,
                       accuracy: 5 * (2.0 / 9 / Double(count)).squareRoot())
    }

    func testSmallRangeIsUniformByChiSquare() throws {
        var rng = RandomStream(seed: 6)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[try rng.nextInt(in: 10..<17) - 10] += 1 }
        // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
        XCTAssertLessThan(chiSquare(counts), 22.46)
        let closed = (0..<1000).map { _ in rng.nextInt(in: -2...2) }
        XCTAssertEqual(Set(closed), [-2, -1, 0, 1, 2])
    }

    func testPermutationsAreValidAndUniform() throws {
        var rng = RandomStream(seed: 7)
        for size in [0, 1, 2, 3, 17, 100] {
            XCTAssertEqual(try rng.permutation(count: size).sorted(), Array(0..<size))
        }
        var counts: [[Int]: Int] = [:]
        for _ in 0..<60_000 { counts[try rng.permutation(count: 3), default: 0] += 1 }
        XCTAssertEqual(counts.count, 6)
        // 5 degrees of freedom: P(chi2 > 20.52) = 0.001.
        XCTAssertLessThan(chiSquare(Array(counts.values)), 20.52)
    }

    func testInvalidArgumentsThrowNamedErrors() {
        var rng = RandomStream(seed: 8)
        XCTAssertThrowsError(try rng.nextInt(in: 5..<5)) {
            XCTAssertEqual($0 as? RandomError,
                           .emptyRange(operation: "random integer", lower: 5, upper: 5))
        }
        XCTAssertThrowsError(try rng.permutation(count: -1))
        let b = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4)
        defer { b.deallocate() }
        XCTAssertThrowsError(try rng.fillUniform(b, low: 1, high: 1))
        XCTAssertThrowsError(try rng.fillUniform(b, low: .nan, high: 1))
        XCTAssertThrowsError(try rng.fillNormal(b, mean: 0, standardDeviation: -1)) {
            XCTAssertTrue("\($0)".contains("standardDeviation"))
        }
    }

    private func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance)
    }

    private func chiSquare(_ counts: [Int]) -> Double {
        let expected = Double(counts.reduce(0, +)) / Double(counts.count)
        return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    }
}
