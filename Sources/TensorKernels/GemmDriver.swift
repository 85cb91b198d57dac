/// One `gemm` call's operands, gathered so the loop nest passes one value around.
struct GemmProblem {
    var m: Int
    var n: Int
    var k: Int
    var a: GemmOperand
    var b: GemmOperand
    var c: UnsafeMutablePointer<Float>
    var ldc: Int
    var alpha: Float
    var beta: Float
    var bias: UnsafePointer<Float>?
    var relu: Bool

    /// Whether full six-row panels of `A` are read in place instead of packed.
    var readsAInPlace: Bool {
        !a.transposed && n < GemmBlocking.skinnyColumns
    }
}

/// The packed BLIS-style loop nest: columns of `C` in blocks of `nc` (jc), the shared dimension in
/// blocks of `kc` (pc; `B` packed once per block, shared by all threads), rows in blocks of `mc`
/// (ic; `A` packed per task), then 16-column (jr) and 6-row (ir) register tiles.
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
            let block = GemmColumnBlock(jc: jc, nc: nc, pc: pc, kc: kc, epilogue: epilogue)
            gemmColumnBlock(problem, block, threads: threads, team: team)
        }
    }
}

/// One (jc, pc) block: which columns and which slice of the shared dimension, and the epilogue
/// that slice applies (beta only on the first slice, bias and activation only on the last).
struct GemmColumnBlock {
    var jc: Int
    var nc: Int
    var pc: Int
    var kc: Int
    var epilogue: GemmEpilogue

    var panelCount: Int { (nc + gemmTileColumns - 1) / gemmTileColumns }
}

private func gemmColumnBlock(
    _ problem: GemmProblem, _ block: GemmColumnBlock, threads: Int, team: WorkerTeam
) {
    let panels = block.panelCount
    let packedB = team.leadWorkspace.floats(.gemmPackedB, count: panels * gemmTileColumns * block.kc)
    let packGroups = min(panels, threads)
    team.parallelFor(packGroups) { group, _ in
        gemmPackB(problem.b, j0: block.jc, n: block.nc, p0: block.pc, kc: block.kc,
                  panels: GemmBlocking.piece(group, of: packGroups, count: panels), into: packedB)
    }
    let rowBlock = GemmBlocking.blockSize(problem.m, maxBlock: GemmBlocking.maxRowBlock,
                                          multiple: gemmTileRows)
    let rowBlocks = (problem.m + rowBlock - 1) / rowBlock
    // Enough tasks to keep every thread busy: when rows alone give fewer than two per thread, the
    // panels of B are shared out too (each task then packs its own copy of the A block).
    let wanted = threads > 1 ? 2 * threads : 1
    let columnChunks = min(panels, max(1, (wanted + rowBlocks - 1) / rowBlocks))
    team.parallelFor(rowBlocks * columnChunks) { task, workspace in
        let rowStart = (task / columnChunks) * rowBlock
        let rows = min(rowBlock, problem.m - rowStart)
        let panelRange = GemmBlocking.piece(task % columnChunks, of: columnChunks, count: panels)
        gemmRowBlock(problem, block, rowStart: rowStart, rows: rows, panels: panelRange,
                     packedB: packedB, workspace: workspace)
    }
}

/// Multiplies rows `rowStart ..< rowStart + rows` of `op(A)` by the given packed `B` panels.
private func gemmRowBlock(
    _ problem: GemmProblem, _ block: GemmColumnBlock, rowStart: Int, rows: Int,
    panels: Range<Int>, packedB: UnsafeMutablePointer<Float>, workspace: Workspace
) {
    let kc = block.kc
    let inPlace = problem.readsAInPlace
    let fullRows = rows / gemmTileRows * gemmTileRows
    var packedA = workspace.floats(.gemmEdgeA, count: gemmTileRows * kc)
    if inPlace {
        if fullRows < rows {
            gemmPackA(problem.a, rowStart: rowStart + fullRows, rows: rows - fullRows,
                      p0: block.pc, kc: kc, into: packedA)
        }
    } else {
        let paddedRows = (rows + gemmTileRows - 1) / gemmTileRows * gemmTileRows
        packedA = workspace.floats(.gemmPackedA, count: paddedRows * kc)
        gemmPackA(problem.a, rowStart: rowStart, rows: rows, p0: block.pc, kc: kc, into: packedA)
    }
    for panel in panels {
        let column = block.jc + panel * gemmTileColumns
        let columns = min(gemmTileColumns, problem.n - column)
        let bPanel = UnsafePointer(packedB + panel * gemmTileColumns * kc)
        var epilogue = block.epilogue
        epilogue.bias = block.epilogue.bias.map { $0 + column }
        for ir in stride(from: 0, to: rows, by: gemmTileRows) {
            let row = rowStart + ir
            let source: GemmPanelA
            if inPlace && ir < fullRows {
                source = .strided(problem.a.pointer(row: row, column: block.pc),
                                  lda: problem.a.stride)
            } else {
                let offset = inPlace ? 0 : ir * kc
                source = .packed(UnsafePointer(packedA + offset))
            }
            gemmTile(rows: min(gemmTileRows, rows - ir), columns: columns, kc: kc, a: source,
                     b: bPanel, c: problem.c + row * problem.ldc + column, ldc: problem.ldc,
                     epilogue: epilogue)
        }
    }
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
