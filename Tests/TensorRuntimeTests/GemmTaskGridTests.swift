import XCTest
@testable import TensorKernels

/// How a column block's rows are cut into tasks for the worker threads.
final class GemmTaskGridTests: XCTestCase {
    /// Every row lands in exactly one block, blocks are whole six-row panels of at most the
    /// cache block, and with several threads each thread gets a whole number of blocks.
    func testRowBlocksCoverTheRowsAndShareEvenly() {
        for m in [1, 6, 7, 128, 256, 784, 1000, 8192] {
            for threads in 1...3 {
                let grid = GemmTaskGrid(m: m, n: 256, panels: 16, threads: threads)
                var covered = 0
                for block in 0..<grid.rowBlocks {
                    let rows = grid.rows(ofBlock: block)
                    XCTAssertEqual(rows.lowerBound, covered, "m \(m), \(threads) threads, block \(block)")
                    XCTAssertLessThanOrEqual(rows.count, GemmBlocking.maxRowBlock)
                    if rows.upperBound < m { XCTAssertEqual(rows.count % gemmTileRows, 0) }
                    covered = rows.upperBound
                }
                XCTAssertEqual(covered, m, "m \(m), \(threads) threads")
                if threads > 1 && !grid.splitsColumnsOnly && grid.rowBlocks < grid.rowPanels {
                    XCTAssertEqual(grid.rowBlocks % threads, 0, "m \(m), \(threads) threads: \(grid.rowBlocks) blocks")
                }
            }
        }
        // 1,000 rows need 7 cache-sized blocks; two threads take 4 each, not 4 and 3.
        XCTAssertEqual(GemmTaskGrid(m: 1000, n: 256, panels: 16, threads: 1).rowBlocks, 7)
        XCTAssertEqual(GemmTaskGrid(m: 1000, n: 256, panels: 16, threads: 2).rowBlocks, 8)
        // No taller than wide on several threads: one chunk of B panels per thread, all row blocks each.
        let wide = GemmTaskGrid(m: 256, n: 784, panels: 49, threads: 2)
        XCTAssertTrue(wide.splitsColumnsOnly)
        XCTAssertEqual(wide.columnChunks, 2)
        XCTAssertEqual(wide.rowBlocks, 2, "256 rows are two cache-sized blocks")
        XCTAssertFalse(GemmTaskGrid(m: 256, n: 784, panels: 49, threads: 1).splitsColumnsOnly)
        XCTAssertFalse(GemmTaskGrid(m: 784, n: 256, panels: 16, threads: 2).splitsColumnsOnly)
        XCTAssertFalse(GemmTaskGrid(m: 8, n: 48, panels: 3, threads: 2).splitsColumnsOnly, "too few panels to share")
    }
}
