import XCTest
import TensorKernels
@testable import TensorRuntime

/// A reduction over the leading axis of one wide slice (a convolution bias gradient's batch sum)
/// runs in bands of columns on the pool: every thread count gives the bits of summing each column
/// in order in Double, and max and logSumExp agree with a plain loop.
final class ReductionBandTests: XCTestCase {
    /// 16 × 5,000: five 1,024-column bands, the last one short.
    func testLeadingAxisReductionsGiveTheSameBitsForEveryThreadCount() throws {
        var random = TestRandom(seed: 61)
        let (rows, columns) = (16, 5000)
        let x = random.floatTensor([rows, columns], -3, 3)
        let values = x.scalars
        var sums = [Float](), peaks = [Float]()
        for k in 0..<columns {
            var total = 0.0, peak = -Float.infinity
            for j in 0..<rows {
                total += Double(values[j * columns + k])
                peak = max(peak, values[j * columns + k])
            }
            sums.append(Float(total))
            peaks.append(peak)
        }
        func reductions() throws -> [[UInt32]] {
            [try x.sum(axes: [0]), try x.max(axes: [0]), try x.logSumExp(axes: [0])].map { $0.scalars.map(\.bitPattern) }
        }
        let serial = try reductions()
        XCTAssertEqual(serial[0], sums.map(\.bitPattern))
        XCTAssertEqual(serial[1], peaks.map(\.bitPattern))
        let lse = try x.logSumExp(axes: [0]).scalars
        for k in [0, 1023, 1024, 4999] {
            let expected = log((0..<rows).map { exp(Double(values[$0 * columns + k])) }.reduce(0, +))
            XCTAssertEqual(Double(lse[k]), expected, accuracy: 1e-5)
        }
        for threads in 1...3 {
            let pooled = try TensorThreading.withPool(WorkerPool(threadCount: threads)) { try reductions() }
            XCTAssertEqual(pooled, serial, "\(threads) threads")
        }
    }

    /// A convolution's bias gradient (summed over images in bands of its 18,432 columns, then over
    /// pixels) keeps its bits on the pool.
    func testConvolutionBiasGradientKeepsItsBitsOnThePool() throws {
        var random = TestRandom(seed: 62)
        let x = random.floatTensor([16, 1, 28, 28]), w = random.floatTensor([32, 1, 5, 5])
        let b = random.floatTensor([32]), r = random.floatTensor([16, 32, 24, 24])
        func biasGradient() throws -> [UInt32] {
            let bv = b.variable()
            let loss = try (Tensor.conv2D(x, weight: w, bias: bv, stride: 1, padding: 0) * r).sum()
            return try loss.gradient(withRespectTo: bv).scalars.map(\.bitPattern)
        }
        let serial = try biasGradient()
        for threads in 2...3 {
            XCTAssertEqual(try TensorThreading.withPool(WorkerPool(threadCount: threads)) { try biasGradient() }, serial)
        }
    }

    /// The fused squared row sums of the per-sample norms are the bits of scaling, squaring and
    /// summing as separate passes, for every thread count (1,000 rows of 784: 25 row groups).
    func testRowSquaredSumsEqualSeparatePassesForEveryThreadCount() throws {
        var random = TestRandom(seed: 62)
        let x = random.floatTensor([1000, 784], -3, 3)
        for scale: Float in [1, 1000, 0.37] {
            let scaled = try x * scale
            let separate = try (scaled * scaled).sum(axes: [1]).scalars.map(\.bitPattern)
            for threads in 1...3 {
                let fused = try TensorThreading.withPool(WorkerPool(threadCount: threads)) { try x.rowSquaredSums(scale: scale) }
                XCTAssertEqual(fused.shape, [1000])
                XCTAssertEqual(fused.scalars.map(\.bitPattern), separate, "scale \(scale), \(threads) threads")
            }
        }
        let image = try Tensor<Double>(shape: [2, 1, 2, 2], scalars: [1, 2, 3, 4, -1, 0, 0, 0.5])
        XCTAssertEqual(try image.rowSquaredSums().scalars, [30, 1.25], "axes after the first are flattened")
        XCTAssertThrowsError(try Tensor<Double>(3).rowSquaredSums())
    }
}
