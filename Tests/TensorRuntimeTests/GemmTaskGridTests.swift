import XCTest
@testable import TensorKernels

/// How a column block's rows are cut into tasks for the worker threads.
final class GemmTaskGridTests: XCTestCase {
    /// Every row lands in exactly one block, blocks are whole six-row panels of at most the
    /// cache block, and with several threads each thread gets a whole number of blocks. The counts
    /// use the Zen 3 row block (144 rows); the cover is checked for it, this machine's and a
    /// 2 MiB L2's.
    func testRowBlocksCoverTheRowsAndShareEvenly() {
        let zen3 = GemmBlockSizes.measuredOnZen3.rows
        for rowBlock in [zen3, GemmBlocking.maxRowBlock, 510] {
            for m in [1, 6, 7, 128, 256, 784, 1000, 8192] {
                for threads in 1...3 {
                    checkCover(GemmTaskGrid(m: m, n: 256, panels: 16, threads: threads, rowBlock: rowBlock),
                               m: m, threads: threads, rowBlock: rowBlock)
                }
            }
        }
        // 1,000 rows need 7 cache-sized blocks; two threads take 4 each, not 4 and 3.
        XCTAssertEqual(GemmTaskGrid(m: 1000, n: 256, panels: 16, threads: 1, rowBlock: zen3).rowBlocks, 7)
        XCTAssertEqual(GemmTaskGrid(m: 1000, n: 256, panels: 16, threads: 2, rowBlock: zen3).rowBlocks, 8)
        // No taller than wide on several threads: one chunk of B panels per thread, all row blocks each.
        let wide = GemmTaskGrid(m: 256, n: 784, panels: 49, threads: 2, rowBlock: zen3)
        XCTAssertTrue(wide.splitsColumnsOnly)
        XCTAssertEqual(wide.columnChunks, 2)
        XCTAssertEqual(wide.rowBlocks, 2, "256 rows are two cache-sized blocks")
        XCTAssertFalse(GemmTaskGrid(m: 256, n: 784, panels: 49, threads: 1, rowBlock: zen3).splitsColumnsOnly)
        XCTAssertFalse(GemmTaskGrid(m: 784, n: 256, panels: 16, threads: 2, rowBlock: zen3).splitsColumnsOnly)
        XCTAssertFalse(GemmTaskGrid(m: 8, n: 48, panels: 3, threads: 2, rowBlock: zen3).splitsColumnsOnly, "too few panels to share")
    }

    private func checkCover(_ grid: GemmTaskGrid, m: Int, threads: Int, rowBlock: Int) {
        let context = "m \(m), \(threads) threads, row block \(rowBlock)"
        var covered = 0
        for block in 0..<grid.rowBlocks {
            let rows = grid.rows(ofBlock: block)
            XCTAssertEqual(rows.lowerBound, covered, "\(context), block \(block)")
            XCTAssertLessThanOrEqual(rows.count, rowBlock, context)
            if rows.upperBound < m { XCTAssertEqual(rows.count % gemmTileRows, 0, context) }
            covered = rows.upperBound
        }
        XCTAssertEqual(covered, m, context)
        if threads > 1 && !grid.splitsColumnsOnly && grid.rowBlocks < grid.rowPanels {
            XCTAssertEqual(grid.rowBlocks % threads, 0, "\(context): \(grid.rowBlocks) blocks")
        }
    }
}
