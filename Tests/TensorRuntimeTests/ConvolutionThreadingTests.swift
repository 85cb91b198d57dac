import XCTest
import TensorKernels
@testable import TensorRuntime

/// `Tensor.conv2D` runs its kernels on the pool of a `TensorThreading.withPool` scope; forward
/// values and all three gradients are bit-identical with no pool and with 1, 2 or 3 threads, for a
/// batch that spreads images over threads and for a single image that shares each GEMM.
final class ConvolutionThreadingTests: XCTestCase {
    func passes(_ x: Tensor<Float>, _ w: Tensor<Float>, _ b: Tensor<Float>, _ r: Tensor<Float>) throws -> [[UInt32]] {
        let (xv, wv, bv) = (x.variable(), w.variable(), b.variable())
        let y = try Tensor.conv2D(xv, weight: wv, bias: bv, stride: 1, padding: 1)
        let loss = try (y * r).sum()
        let grads = try loss.gradients(withRespectTo: [xv, wv, bv])
        return ([y] + grads).map { $0.scalars.map(\.bitPattern) }
    }

    func testConvolutionGivesTheSameBitsForEveryThreadCount() throws {
        var random = TestRandom(seed: 31)
        for batch in [1, 7] {
            let x = random.floatTensor([batch, 3, 13, 11])
            let w = random.floatTensor([8, 3, 3, 3]), b = random.floatTensor([8])
            let r = random.floatTensor([batch, 8, 13, 11])
            let serial = try passes(x, w, b, r)
            for threads in 1...3 {
                let pool = WorkerPool(threadCount: threads)
                let pooled = try TensorThreading.withPool(pool) { try passes(x, w, b, r) }
                XCTAssertEqual(pooled, serial, "batch \(batch), \(threads) threads")
            }
        }
    }

    /// Pooling runs over plane groups, large element-wise kernels over fixed chunks and reductions
    /// over groups of rows on the pool;
    /// values and gradients keep their bits for every thread count. 8×16×40×40 = 204,800 elements:
    /// six element chunks, 16 plane groups.
    func testPoolingAndElementwiseKernelsGiveTheSameBitsForEveryThreadCount() throws {
        var random = TestRandom(seed: 32)
        let x = random.floatTensor([8, 16, 40, 40]), r = random.floatTensor([8, 16, 20, 20])
        func passes() throws -> [[UInt32]] {
            let v = x.variable()
            let activated = try v.relu() * v + v.exp()
            let pooled = try activated.maxPool2D(kernel: 2) + activated.averagePool2D(kernel: 2)
            // Row sums: 5,120 rows of 40 reduce in seven groups of rows.
            let rows = try (activated * activated).sum(axes: [3])
            let loss = try (pooled * r).sum() + rows.sum()
            return [try loss.gradient(withRespectTo: v), pooled, rows].map { $0.scalars.map(\.bitPattern) }
        }
        let serial = try passes()
        for threads in 2...3 {
            let pooled = try TensorThreading.withPool(WorkerPool(threadCount: threads)) { try passes() }
            XCTAssertEqual(pooled, serial, "\(threads) threads")
        }
    }
}
