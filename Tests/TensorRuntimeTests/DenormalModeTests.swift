#if canImport(Glibc)
import Glibc
#endif
import XCTest
import TensorKernels

/// Flush-to-zero and denormals-are-zero (`DenormalMode`): on by default on every thread that runs
/// kernels, and the switch that turns it off really lets subnormals through.
///
/// Results are compared by bit pattern: with denormals-are-zero on, the comparison itself reads a
/// subnormal as zero, so `x == 0` holds for every subnormal `x`.
final class DenormalModeTests: XCTestCase {
    /// 1e-20², and sums of up to a few hundred of them, are subnormal (below 1.18e-38).
    private static let tiny: Float = 1e-20

    override func setUpWithError() throws {
        guard DenormalMode.isSupported else {
            throw XCTSkip("flush-to-zero is only handled on x86-64")
        }
    }

    func testGemmFlushesSubnormalResultsOnCallerAndPoolThreads() throws {
        try XCTSkipUnless(DenormalMode.flushes, "\(DenormalMode.environmentVariable)=keep is set")
        // 128×128×64 is above the parallel threshold, so both threads compute tiles.
        let (m, n, k) = (128, 128, 64)
        let a = [Float](repeating: Self.tiny, count: m * k)
        let b = [Float](repeating: Self.tiny, count: k * n)
        var c = [Float](repeating: .nan, count: m * n)
        let pool = WorkerPool(threadCount: 2)
        gemm(transA: .none, transB: .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n,
             beta: 0, c: &c, ldc: n, pool: pool)
        XCTAssertEqual(c.filter { $0.bitPattern != 0 }.count, 0,
                       "subnormal sums survived: \(c.first { $0.bitPattern != 0 }!)")
        XCTAssertTrue(DenormalMode.currentThreadFlushes)
    }

    func testEveryPoolThreadFlushes() throws {
        try XCTSkipUnless(DenormalMode.flushes, "\(DenormalMode.environmentVariable)=keep is set")
        // Made by a thread that keeps subnormals (new threads inherit their creator's mode), the
        // pool's workers must flush all the same.
        let before = DenormalMode.currentThreadFlushes
        DenormalMode.apply(flush: false)
        defer { DenormalMode.apply(flush: before) }
        let pool = WorkerPool(threadCount: 2)
        try XCTSkipIf(pool.threadCount < 2, "the system refused a worker thread")
        let caller = pthread_self()
        let operands = [Self.tiny, Self.tiny]
        let count = 64
        var sawWorker = false
        // A worker joins a loop only when the scheduler gives it a core; retry until one has.
        for _ in 0..<200 where !sawWorker {
            var products = [Float](repeating: .nan, count: count)
            var onWorker = [Bool](repeating: false, count: count)
            products.withUnsafeMutableBufferPointer { productsOut in
                onWorker.withUnsafeMutableBufferPointer { onWorkerOut in
                    pool.parallelFor(count) { index, _ in
                        productsOut[index] = subnormalProduct(operands)
                        onWorkerOut[index] = pthread_equal(pthread_self(), caller) == 0
                        usleep(50)
                    }
                }
            }
            XCTAssertEqual(products.map(\.bitPattern), [UInt32](repeating: 0, count: count))
            sawWorker = onWorker.contains(true)
        }
        try XCTSkipUnless(sawWorker, "no worker thread was scheduled in 200 loops")
    }

    func testKeepingSubnormalsLetsThemThrough() {
        let before = DenormalMode.currentThreadFlushes
        defer { DenormalMode.apply(flush: before) }
        let operands = [Self.tiny, Self.tiny]
        XCTAssertTrue(DenormalMode.apply(flush: false))
        XCTAssertFalse(DenormalMode.currentThreadFlushes)
        let kept = subnormalProduct(operands)
        XCTAssertGreaterThan(kept, 0)
        XCTAssertTrue(kept.isSubnormal)
        XCTAssertTrue(DenormalMode.apply(flush: true))
        XCTAssertTrue(DenormalMode.currentThreadFlushes)
        XCTAssertEqual(subnormalProduct(operands).bitPattern, 0)
    }
}

/// The product of the two values, computed at run time (never folded by the compiler).
@inline(never)
private func subnormalProduct(_ operands: [Float]) -> Float {
    operands[0] * operands[1]
}
