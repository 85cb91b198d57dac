import XCTest
@testable import TensorKernels

/// The GEMM's block sizes come from the caches: each packed block fits the cache level it is meant
/// for, on the CPUs the project meets and on this machine.
final class GemmBlockSizesTests: XCTestCase {
    private let kiB = 1 << 10, miB = 1 << 20

    private var knownCPUs: [(String, CPUCaches)] {
        [("Zen 3", CPUCaches(level1Data: 32 * kiB, level2: 512 * kiB, level3: 32 * miB)),
         ("Zen 4", CPUCaches(level1Data: 32 * kiB, level2: 1 * miB, level3: 32 * miB)),
         ("Sapphire Rapids", CPUCaches(level1Data: 48 * kiB, level2: 2 * miB, level3: 105 * miB)),
         ("Skylake client", CPUCaches(level1Data: 32 * kiB, level2: 256 * kiB, level3: 8 * miB)),
         ("Apple-like", CPUCaches(level1Data: 64 * kiB, level2: 4 * miB, level3: nil))]
    }

    func testEachBlockFitsItsCache() {
        for (name, caches) in knownCPUs {
            checkFits(GemmBlockSizes(caches: caches), caches, name)
        }
    }

    func testThisMachinesSizesFitItsCaches() {
        checkFits(GemmBlocking.sizes, CPUModel.caches, "this machine (\(CPUModel.name))")
    }

    func testZen3GivesTheDepthItsPrototypeMeasured() {
        let zen3 = GemmBlockSizes(caches: knownCPUs[0].1)
        XCTAssertEqual(zen3, GemmBlockSizes(depth: 512, rows: 126, columns: 4096))
        XCTAssertEqual(zen3.depth, GemmBlockSizes.measuredOnZen3.depth)
        XCTAssertEqual(GemmBlockSizes(caches: knownCPUs[1].1), GemmBlockSizes(depth: 512, rows: 252, columns: 4096))
    }

    func testUnknownCachesGiveTheMeasuredConstants() {
        XCTAssertEqual(GemmBlockSizes(caches: CPUCaches()), GemmBlockSizes.measuredOnZen3)
        let onlyL1 = GemmBlockSizes(caches: CPUCaches(level1Data: 32 * kiB, level2: nil, level3: nil))
        XCTAssertEqual(onlyL1, GemmBlockSizes.measuredOnZen3)
    }

    func testMisreportedCachesStayWithinBounds() {
        for size in [1, 4 * kiB, 1 << 40] {
            let sizes = GemmBlockSizes(caches: CPUCaches(level1Data: size, level2: size, level3: size))
            XCTAssertTrue(GemmBlockSizes.depthRange.contains(sizes.depth), "\(size): \(sizes)")
            XCTAssertTrue(GemmBlockSizes.rowRange.contains(sizes.rows), "\(size): \(sizes)")
            XCTAssertTrue(GemmBlockSizes.columnRange.contains(sizes.columns), "\(size): \(sizes)")
            checkShapes(sizes, "\(size)")
        }
    }

    /// The derivation's promises: a 16-column `B` micro-panel within L1, an `A` block within half
    /// of L2, a `B` block within a quarter of L3.
    private func checkFits(_ sizes: GemmBlockSizes, _ caches: CPUCaches, _ name: String) {
        let float = MemoryLayout<Float>.size
        if let l1 = caches.level1Data {
            XCTAssertLessThanOrEqual(sizes.depth * GemmBlockSizes.narrowPanelColumns * float, l1, "\(name): \(sizes)")
        }
        if let l2 = caches.level2 {
            XCTAssertLessThanOrEqual(sizes.rows * sizes.depth * float, l2 / 2, "\(name): \(sizes)")
        }
        if let l3 = caches.level3 {
            XCTAssertLessThanOrEqual(sizes.depth * sizes.columns * float, l3 / 4, "\(name): \(sizes)")
        }
        checkShapes(sizes, name)
    }

    /// Whole 6-row panels, whole panels of either tile width, depth in steps of the 8×8 transpose.
    private func checkShapes(_ sizes: GemmBlockSizes, _ name: String) {
        XCTAssertEqual(sizes.rows % gemmTileRows, 0, name)
        XCTAssertEqual(sizes.columns % GemmBlockSizes.widePanelColumns, 0, name)
        XCTAssertEqual(sizes.depth % 8, 0, name)
    }
}
