import XCTest
import TensorKernels

/// Results of gemm must not depend on how many threads computed them, down to the last bit, on
/// each kernel variant; and the 16- and 8-wide fused variants round alike.
final class GemmThreadingTests: XCTestCase {
    /// Shapes large enough to be shared among threads (over 1 MFLOP), with edges in every
    /// direction and more than one depth block, in all four transpose combinations.
    private static let cases: [GemmCase] = [
        GemmCase(m: 128, n: 256, k: 784, transB: .transposed, bias: true, activation: .relu),
        GemmCase(m: 784, n: 256, k: 128, transA: .transposed),
        GemmCase(m: 128, n: 784, k: 256, beta: 1),
        GemmCase(m: 128, n: 10, k: 256, transB: .transposed, bias: true),
        GemmCase(m: 301, n: 77, k: 1031, transA: .transposed, transB: .transposed, alpha: 0.5,
                 beta: -0.25, padding: 3),
        GemmCase(m: 13, n: 3100, k: 40, padding: 5),
        GemmCase(m: 1000, n: 31, k: 100, beta: 0.5, bias: true, activation: .relu),
        GemmCase(m: 32, n: 25, k: 20000, transA: .transposed, beta: 0.5, bias: true,
                 activation: .relu),
    ]

    func testBitIdenticalForOneTwoAndThreeThreads() {
        let pools = [1, 2, 3].map { WorkerPool(threadCount: $0) }
        for path in KernelPath.supported() {
            for (index, testCase) in Self.cases.enumerated() {
                let fixture = GemmFixture(testCase, seed: UInt64(100 + index))
                let serial = fixture.runGemm(pool: nil, path: path)
                for pool in pools {
                    let parallel = fixture.runGemm(pool: pool, path: path)
                    let same = zip(serial, parallel).allSatisfy { $0.bitPattern == $1.bitPattern }
                    XCTAssertTrue(same, "\(path), \(testCase): \(pool.threadCount) threads differ from serial")
                }
            }
        }
    }

    func testWideAndNarrowFusedKernelsGiveTheSameBits() throws {
        // Each element sums its own products with one fused multiply-add per step in the same
        // depth blocks, whatever the vector width; only the tiles' shapes differ.
        try XCTSkipUnless(KernelPath.avx512.runs(on: .current()), "this CPU has no AVX-512")
        let pool = WorkerPool(threadCount: 2)
        for (index, testCase) in Self.cases.enumerated() {
            let fixture = GemmFixture(testCase, seed: UInt64(200 + index))
            let wide = fixture.runGemm(pool: pool, path: .avx512)
            let narrow = fixture.runGemm(pool: pool, path: .avx2)
            XCTAssertEqual(wide.map(\.bitPattern), narrow.map(\.bitPattern), "\(testCase)")
        }
    }

    func testElementsDoNotDependOnTheirTile() {
        // The same rows and columns of A and B, multiplied as part of full tiles (m = 12, n = 32)
        // and as short-row or narrow edge tiles (m = 10, n = 20), must give the same bits; this
        // is what lets any split of the work give the same result.
        let k = 700
        var random = SplitMix(seed: 42)
        let a = (0..<(12 * k)).map { _ in random.nextSigned() }
        let b = (0..<(k * 32)).map { _ in random.nextSigned() }
        for path in KernelPath.supported() {
            func product(m: Int, n: Int) -> [Float] {
                var c = [Float](repeating: .nan, count: m * n)
                gemm(transA: .none, transB: .none, m: m, n: n, k: k, alpha: 1, a: a, lda: k,
                     b: b, ldb: 32, beta: 0, c: &c, ldc: n, kernelPath: path)
                return c
            }
            let full = product(m: 12, n: 32)
            let edge = product(m: 10, n: 20)
            for i in 0..<10 {
                for j in 0..<20 {
                    XCTAssertEqual(edge[i * 20 + j].bitPattern, full[i * 32 + j].bitPattern,
                                   "\(path): C[\(i), \(j)]")
                }
            }
        }
    }

    func testParallelResultsMatchTheReference() {
        let pool = WorkerPool(threadCount: 3)
        for testCase in Self.cases.prefix(3) {
            assertGemmMatchesReference(testCase, pool: pool)
        }
    }

    func testRepeatedCallsOnOnePoolAgree() {
        // Reused packing buffers must not leak one call's data into the next.
        let pool = WorkerPool(threadCount: 2)
        let big = GemmFixture(Self.cases[0], seed: 7)
        let small = GemmFixture(GemmCase(m: 40, n: 50, k: 600, transA: .transposed), seed: 8)
        let firstBig = big.runGemm(pool: pool)
        let firstSmall = small.runGemm(pool: pool)
        XCTAssertEqual(big.runGemm(pool: pool).map(\.bitPattern), firstBig.map(\.bitPattern))
        XCTAssertEqual(small.runGemm(pool: pool).map(\.bitPattern), firstSmall.map(\.bitPattern))
    }
}
