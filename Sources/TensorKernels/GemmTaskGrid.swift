/// How one (jc, pc) block is cut into tasks: row blocks, each times a chunk of `B` panels; or,
/// for products no taller than wide, one chunk of `B` panels per thread over all row blocks.
///
/// Rows are split first: every row block packs its own rows of `A` once and all threads share
/// the packed `B`. Only when there are too few six-row panels to go round are the `B` panels
/// split too (each such task then packs the same `A` rows again). The cut changes which thread
/// computes an element, never how, so it may depend on the thread count.
struct GemmTaskGrid {
    var m: Int
    var rowPanels: Int
    var rowBlocks: Int
    var columnChunks: Int
    /// Whether each task owns a chunk of `B`'s panels, packs them itself and runs every row block
    /// over them (no packed operand is shared, no task waits for another's packing). Chosen when
    /// `m ≤ n` on several threads: packing `A` once per thread then costs less than sharing `B`,
    /// whose panels the other core has just written. Measured on the MLP's 128×256×784 and
    /// 128×256×256 products at 2 threads: 176 → 195 and 176 → 203 GFLOP/s.
    var splitsColumnsOnly: Bool

    /// `rowBlock` is the cache block of rows (mc): this machine's unless a test gives one.
    init(m: Int, n: Int, panels: Int, threads: Int, tasksPerThread: Int = 2,
         rowBlock: Int = GemmBlocking.maxRowBlock) {
        // More than one task per thread evens out the load when a thread is slowed by another
        // process; each task streams all of the packed B, so not many more.
        let wanted = threads > 1 ? tasksPerThread * threads : 1
        self.m = m
        rowPanels = (m + gemmTileRows - 1) / gemmTileRows
        let maxPanelsPerBlock = rowBlock / gemmTileRows
        let byCache = (rowPanels + maxPanelsPerBlock - 1) / maxPanelsPerBlock
        splitsColumnsOnly = threads > 1 && m <= n && panels >= 2 * threads
        if splitsColumnsOnly {
            rowBlocks = byCache
            columnChunks = threads
            return
        }
        // A whole number of blocks per thread: 1,000 rows are 7 blocks of 144, and 7 tasks
        // on 2 threads leave one thread idle for the last block (the products ran at 86% of
        // twice their 1-thread speed); 8 smaller blocks keep both busy to the end.
        let blocks = max(byCache, min(rowPanels, wanted))
        rowBlocks = threads > 1 ? min(rowPanels, (blocks + threads - 1) / threads * threads) : blocks
        columnChunks = min(panels, max(1, (wanted + rowBlocks - 1) / rowBlocks))
    }

    /// The rows of row block `index`: whole six-row panels, shared out as evenly as they go
    /// (22 panels in four blocks are 5, 6, 5, 6, not 6, 6, 6, 4).
    func rows(ofBlock index: Int) -> Range<Int> {
        let panels = GemmBlocking.piece(index, of: rowBlocks, count: rowPanels)
        return (panels.lowerBound * gemmTileRows)..<min(panels.upperBound * gemmTileRows, m)
    }
}
