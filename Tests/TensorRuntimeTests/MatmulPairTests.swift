import XCTest
import TensorKernels
@testable import TensorRuntime

/// A dense layer's input and weight gradients, which a two-thread pool computes side by side
/// (`Tensor.matmulPair`), keep the bits of two separate products with no pool and with 1, 2 or 3
/// threads, and stay recorded for a second derivative.
final class MatmulPairTests: XCTestCase {
    /// 64×128 · 128×96 products: 1.5 million flops each, above the bound for a thread of their own.
    func testPairGivesTheBitsOfTwoProductsForEveryThreadCount() throws {
        var random = TestRandom(seed: 51)
        let g = random.floatTensor([64, 96]), w = random.floatTensor([128, 96]), x = random.floatTensor([64, 128])
        let separate = [try g.matmul(w, transposeOther: true), try x.matmul(g, transposeSelf: true)]
            .map { $0.scalars.map(\.bitPattern) }
        for threads in [nil, 1, 2, 3] {
            let pool = threads.map { WorkerPool(threadCount: $0) }
            let pair = try TensorThreading.withPool(pool) { try Tensor.matmulPair((g, w, false, true), (x, g, true, false)) }
            XCTAssertEqual([pair.0, pair.1].map { $0.scalars.map(\.bitPattern) }, separate, "\(threads ?? 0) threads")
            XCTAssertEqual(pair.0.shape, [64, 128])
            XCTAssertEqual(pair.1.shape, [128, 96])
        }
    }

    /// Gradients of a two-layer dense network through the pair on two threads equal the serial ones.
    func testDenseGradientsKeepTheirBitsOnTwoThreads() throws {
        var random = TestRandom(seed: 52)
        let x = random.floatTensor([64, 128]), w1 = random.floatTensor([128, 96]), b1 = random.floatTensor([96])
        let w2 = random.floatTensor([96, 80]), r = random.floatTensor([64, 80])
        func gradients() throws -> [[UInt32]] {
            let (v1, c1, v2) = (w1.variable(), b1.variable(), w2.variable())
            let h = try Tensor.dense(x, weight: v1, bias: c1, relu: true)
            let loss = try (Tensor.dense(h, weight: v2, bias: nil) * r).sum()
            return try loss.gradients(withRespectTo: [v1, c1, v2]).map { $0.scalars.map(\.bitPattern) }
        }
        let serial = try gradients()
        let pooled = try TensorThreading.withPool(WorkerPool(threadCount: 2)) { try gradients() }
        XCTAssertEqual(pooled, serial)
    }

    /// The pair's results are recorded products: differentiating `Σ r ⊙ (a · bᵀ)` through them
    /// again gives `r · b` plus the row sums of `b` for `a`.
    func testPairResultsAreRecorded() throws {
        let a = try Tensor<Float>(rows: [[1, 2], [3, 4]]).variable()
        let b = try Tensor<Float>(rows: [[5, 6], [7, 8]])
        let r = try Tensor<Float>(rows: [[1, 0], [0, 1]])
        let (p, q) = try Tensor.matmulPair((a, b, false, true), (b, a, true, false))
        let da = try ((p * r).sum() + q.sum()).gradient(withRespectTo: a)
        let expected = try r.matmul(b).scalars.enumerated().map { index, v in v + [11, 11, 15, 15][index] }
        XCTAssertEqual(da.scalars, expected)
    }
}
