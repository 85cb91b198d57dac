import KernelTiles

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
    /// The kernel variant that computes the tiles; its width decides how `B` is packed.
    var kernels: GemmKernelTable = KernelPath.active.gemmKernels

    /// Columns of one register tile and one packed `B` panel.
    var tileColumns: Int { kernels.columns }

    /// Whether full six-row panels of `A` are read in place instead of packed: when few `B`
    /// panels reuse them, packing costs as much as the multiply.
    var readsAInPlace: Bool {
        n <= GemmBlocking.inPlaceAMaxColumns
    }

    /// Whether full panels of a row-major `B` are read in place instead of packed.
    var readsBInPlace: Bool {
        !b.transposed && m <= GemmBlocking.inPlaceBMaxRows
    }

    /// Six rows of `op(A)` from `row`, at step `p0`, read where they are stored.
    func panelAInPlace(row: Int, p0: Int) -> GemmPanelA {
        let base = a.pointer(row: row, column: p0)
        return a.transposed ? GemmPanelA(base: base, rowStride: 1, step: a.stride)
                            : GemmPanelA(base: base, rowStride: a.stride, step: 1)
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
    /// Columns of one `B` panel (the kernel variant's tile width).
    var panelWidth: Int

    var panelCount: Int { (nc + panelWidth - 1) / panelWidth }
}
