/// How one (jc, pc) block is cut into tasks: row blocks, each times a chunk of `B` panels.
///
/// Rows are split first: every row block packs its own rows of `A` once and all threads share
/// the packed `B`. Only when there are too few six-row panels to go round are the `B` panels
/// split too (each such task then packs the same `A` rows again). The cut changes which thread
/// computes an element, never how, so it may depend on the thread count.
struct GemmTaskGrid {
    var rowBlock: Int
    var rowBlocks: Int
    var columnChunks: Int

    init(m: Int, panels: Int, threads: Int) {
        // Two tasks per thread evens out the load when one thread is slowed by another process.
        let wanted = threads > 1 ? 2 * threads : 1
        let rowPanels = (m + gemmTileRows - 1) / gemmTileRows
        let maxPanelsPerBlock = GemmBlocking.maxRowBlock / gemmTileRows
        let byCache = (rowPanels + maxPanelsPerBlock - 1) / maxPanelsPerBlock
        let blocks = max(byCache, min(rowPanels, wanted))
        rowBlock = (rowPanels + blocks - 1) / blocks * gemmTileRows
        rowBlocks = (m + rowBlock - 1) / rowBlock
        columnChunks = min(panels, max(1, (wanted + rowBlocks - 1) / rowBlocks))
    }
}
