import KernelTiles

/// Columns of the direct convolutions' register tile: two 8-wide vectors on every kernel path,
/// because the forward tile reads the image in runs of 8 output positions.
let conv2DTileColumns = 16

/// A `rows × columns` tile (at most 6 × 16) of the direct forward convolution, `A` a packed 6-row
/// panel of weights and `B` read from the image (`ImageOperands`), computed by `kernels`.
///
/// The arithmetic is the GEMM's (`registerTile`), so an element gets the bits the unfolded
/// product gives. Full tiles go straight to `C`; others (the last output channels, a last tile of
/// 8 output positions) run the six-row kernel on a 6×16 stack copy and copy back only the valid
/// part, as `gemmEdgeTile`: the packed weights are zero past the last row, and row r of the
/// six-row kernel does exactly the arithmetic of a shorter one. (Specialised short-row kernels
/// were not inlined by the compiler and ran ~2× slower per row.)
@inline(__always)
func conv2DDirectTile(
    rows: Int, columns: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?,
    kernels: ConvKernelTable
) {
    let operands = ImageOperands(a: a, low: b.low, high: b.high, offsets: b.offsets)
    if rows == gemmTileRows && columns == conv2DTileColumns {
        kernels.image(kc, operands, c, ldc, epilogue, rowBias)
        return
    }
    let width = conv2DTileColumns
    let tileCount = gemmTileRows * width
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileCount + gemmTileRows) { scratch in
        guard let tile = scratch.baseAddress else { return }
        // The bias of the valid rows only, so the padding rows never read past it.
        let biasCopy = tile + tileCount
        tile.initialize(repeating: 0, count: tileCount + gemmTileRows)
        if let rowBias { biasCopy.update(from: rowBias, count: rows) }
        if epilogue.beta != 0 {
            for r in 0..<rows { (tile + r * width).update(from: c + r * ldc, count: columns) }
        }
        kernels.image(kc, operands, tile, width, epilogue, rowBias == nil ? nil : UnsafePointer(biasCopy))
        for r in 0..<rows { (c + r * ldc).update(from: tile + r * width, count: columns) }
    }
}
