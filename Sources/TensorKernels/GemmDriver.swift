import KernelTiles

/// The packed BLIS-style loop nest: columns of `C` in blocks of `nc` (jc), the shared dimension in
/// blocks of `kc` (pc; `B` packed once per block, shared by all threads), rows in blocks of `mc`
/// (ic; `A` packed per task), then register tiles: a panel of `B` (jr, 16 or 32 columns, the
/// kernel variant's width) and six rows (ir).
func gemmBlocked(_ problem: GemmProblem, team: WorkerTeam) {
    let flops = 2 * problem.m * problem.n * problem.k
    let threads = flops >= GemmBlocking.minParallelFlops ? team.size : 1
    let depthBlock = GemmBlocking.blockSize(problem.k, maxBlock: GemmBlocking.maxDepthBlock,
                                            multiple: 1)
    for jc in stride(from: 0, to: problem.n, by: GemmBlocking.maxColumnBlock) {
        let nc = min(GemmBlocking.maxColumnBlock, problem.n - jc)
        for pc in stride(from: 0, to: problem.k, by: depthBlock) {
            let kc = min(depthBlock, problem.k - pc)
            var epilogue = GemmEpilogue(alpha: problem.alpha, beta: pc == 0 ? problem.beta : 1,
                                        bias: nil, relu: false)
            if pc + kc == problem.k {
                epilogue.bias = problem.bias
                epilogue.relu = problem.relu
            }
            let block = GemmColumnBlock(jc: jc, nc: nc, pc: pc, kc: kc, epilogue: epilogue,
                                        panelWidth: problem.tileColumns)
            gemmColumnBlock(problem, block, threads: threads, team: team)
        }
    }
}

private func gemmColumnBlock(
    _ problem: GemmProblem, _ block: GemmColumnBlock, threads: Int, team: WorkerTeam
) {
    let panels = block.panelCount
    let packedB = team.leadWorkspace.floats(.gemmPackedB, count: panels * block.panelWidth * block.kc)
    // Read in place, only a partial last panel of B needs packing (zero padding).
    let partial = block.nc % block.panelWidth != 0
    let packRange = problem.readsBInPlace ? (partial ? panels - 1 : panels)..<panels : 0..<panels
    let grid = GemmTaskGrid(m: problem.m, n: block.nc, panels: panels, threads: threads)
    if grid.splitsColumnsOnly {
        gemmColumnChunks(problem, block, grid: grid, packRange: packRange, packedB: packedB, team: team)
        return
    }
    // Every task first helps pack B, panel by panel, then waits until all panels are packed:
    // one hand-over to the threads per block instead of two (pack, then multiply).
    let packing = GemmPackingProgress(count: packRange.count)
    team.parallelFor(grid.rowBlocks * grid.columnChunks) { task, workspace in
        packing.packAll { index in
            let panel = packRange.lowerBound + index
            gemmPackB(problem.b, j0: block.jc, n: block.nc, p0: block.pc, kc: block.kc,
                      panels: panel..<(panel + 1), width: block.panelWidth, packer: problem.kernels.packB,
                      into: packedB)
        }
        let rowRange = grid.rows(ofBlock: task / grid.columnChunks)
        let panelRange = GemmBlocking.piece(task % grid.columnChunks, of: grid.columnChunks,
                                            count: panels)
        gemmRowBlock(problem, block, rowStart: rowRange.lowerBound, rows: rowRange.count,
                     panels: panelRange, packedB: packedB, workspace: workspace)
    }
}

/// One task per chunk of `B` panels: the task packs its own panels, then runs every row block
/// over them, so no task waits on another (see `GemmTaskGrid.splitsColumnsOnly`).
private func gemmColumnChunks(
    _ problem: GemmProblem, _ block: GemmColumnBlock, grid: GemmTaskGrid, packRange: Range<Int>,
    packedB: UnsafeMutablePointer<Float>, team: WorkerTeam
) {
    let panels = block.panelCount
    team.parallelFor(grid.columnChunks) { task, workspace in
        let panelRange = GemmBlocking.piece(task, of: grid.columnChunks, count: panels)
        let own = panelRange.clamped(to: packRange)
        if !own.isEmpty {
            gemmPackB(problem.b, j0: block.jc, n: block.nc, p0: block.pc, kc: block.kc,
                      panels: own, width: block.panelWidth, packer: problem.kernels.packB, into: packedB)
        }
        for rowBlock in 0..<grid.rowBlocks {
            let rowRange = grid.rows(ofBlock: rowBlock)
            gemmRowBlock(problem, block, rowStart: rowRange.lowerBound, rows: rowRange.count,
                         panels: panelRange, packedB: packedB, workspace: workspace)
        }
    }
}

/// Multiplies rows `rowStart ..< rowStart + rows` of `op(A)` by the given `B` panels.
private func gemmRowBlock(
    _ problem: GemmProblem, _ block: GemmColumnBlock, rowStart: Int, rows: Int,
    panels: Range<Int>, packedB: UnsafeMutablePointer<Float>, workspace: Workspace
) {
    let kc = block.kc, width = block.panelWidth, kernels = problem.kernels
    let packedA = gemmPrepareA(problem, block, rowStart: rowStart, rows: rows, workspace: workspace)
    let fullRows = rows / gemmTileRows * gemmTileRows
    for panel in panels {
        let column = block.jc + panel * width
        let columns = min(width, problem.n - column)
        let bPanel: GemmPanelB
        if problem.readsBInPlace && columns == width {
            bPanel = GemmPanelB(base: problem.b.pointer(row: block.pc, column: column),
                                step: problem.b.stride)
        } else {
            bPanel = GemmPanelB(base: UnsafePointer(packedB + panel * width * kc), step: width)
        }
        var epilogue = block.epilogue
        epilogue.bias = block.epilogue.bias.map { $0 + column }
        var firstRow = 0
        if !problem.readsAInPlace, columns == width, bPanel.step == width, fullRows > 0 {
            // Packed full tiles down this panel in one call; only the last short rows remain.
            kernels.columnPacked(fullRows / gemmTileRows, kc, UnsafePointer(packedA), bPanel.base,
                                 problem.c + rowStart * problem.ldc + column, problem.ldc, epilogue)
            firstRow = fullRows
        }
        for ir in stride(from: firstRow, to: rows, by: gemmTileRows) {
            let row = rowStart + ir
            let aPanel: GemmPanelA
            if problem.readsAInPlace && ir < fullRows {
                aPanel = problem.panelAInPlace(row: row, p0: block.pc)
            } else {
                let offset = problem.readsAInPlace ? 0 : ir * kc
                aPanel = .packed(UnsafePointer(packedA + offset))
            }
            gemmTile(rows: min(gemmTileRows, rows - ir), columns: columns, kc: kc, a: aPanel,
                     b: bPanel, c: problem.c + row * problem.ldc + column, ldc: problem.ldc,
                     epilogue: epilogue, kernels: kernels)
        }
    }
}

/// Packs what the row block needs of `A` into the thread's workspace: all its rows, or, when
/// full panels are read in place, only a partial last panel.
private func gemmPrepareA(
    _ problem: GemmProblem, _ block: GemmColumnBlock, rowStart: Int, rows: Int,
    workspace: Workspace
) -> UnsafeMutablePointer<Float> {
    let kc = block.kc
    if problem.readsAInPlace {
        let packed = workspace.floats(.gemmEdgeA, count: gemmTileRows * kc)
        let fullRows = rows / gemmTileRows * gemmTileRows
        if fullRows < rows {
            gemmPackA(problem.a, rowStart: rowStart + fullRows, rows: rows - fullRows,
                      p0: block.pc, kc: kc, packer: problem.kernels.packA, into: packed)
        }
        return packed
    }
    let paddedRows = (rows + gemmTileRows - 1) / gemmTileRows * gemmTileRows
    let packed = workspace.floats(.gemmPackedA, count: paddedRows * kc)
    gemmPackA(problem.a, rowStart: rowStart, rows: rows, p0: block.pc, kc: kc, packer: problem.kernels.packA,
              into: packed)
    return packed
}

/// `C = beta * C + bias`, then the activation: the whole product when `k == 0` or `alpha == 0`
/// (then `A` and `B` are not read, as in BLAS).
func gemmScaleOnly(_ problem: GemmProblem) {
    for i in 0..<problem.m {
        let row = problem.c + i * problem.ldc
        for j in 0..<problem.n {
            var value: Float = problem.beta == 0 ? 0 : problem.beta * row[j]
            if let bias = problem.bias { value += bias[j] }
            if problem.relu && value < 0 { value = 0 }
            row[j] = value
        }
    }
}
