/// The 6×16 register tile of the direct forward convolution: `C[6×16] ∘= A[6×kc] · B[kc×16]` with
/// `A` a packed 6-row panel and `B` read from the image (see `Conv2DImageTileB`).
///
/// The same arithmetic as `gemmTile`: twelve accumulators that start at zero, one multiply-add per
/// step in step order, then `gemmStoreRow`'s epilogue, so an element gets the bits the GEMM gives.
/// Called with six rows only (`conv2DImageKernel`); `rows` stays a parameter so the tile reads
/// like `gemmTile`, whose short-row forms the compiler did not specialise here.
@inline(__always)
func conv2DImageTile(
    rows: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?
) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    var pa = a
    let low = UnsafeRawPointer(b.low), high = UnsafeRawPointer(b.high)
    for p in 0..<kc {
        let offset = b.offsets[p] &* 4
        let b0 = low.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        let b1 = high.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        var av = SIMD8<Float>(repeating: pa[0])
        c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
        if rows > 1 {
            av = SIMD8<Float>(repeating: pa[1])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
        }
        if rows > 2 {
            av = SIMD8<Float>(repeating: pa[2])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
        }
        if rows > 3 {
            av = SIMD8<Float>(repeating: pa[3])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
        }
        if rows > 4 {
            av = SIMD8<Float>(repeating: pa[4])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
        }
        if rows > 5 {
            av = SIMD8<Float>(repeating: pa[5])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
        }
        pa += gemmTileRows
    }
    conv2DStoreRow(c00, c01, to: c, epilogue, rowBias, 0)
    if rows > 1 { conv2DStoreRow(c10, c11, to: c + ldc, epilogue, rowBias, 1) }
    if rows > 2 { conv2DStoreRow(c20, c21, to: c + 2 * ldc, epilogue, rowBias, 2) }
    if rows > 3 { conv2DStoreRow(c30, c31, to: c + 3 * ldc, epilogue, rowBias, 3) }
    if rows > 4 { conv2DStoreRow(c40, c41, to: c + 4 * ldc, epilogue, rowBias, 4) }
    if rows > 5 { conv2DStoreRow(c50, c51, to: c + 5 * ldc, epilogue, rowBias, 5) }
}

/// `gemmStoreRow`, or with `rowBias` (and `beta == 0`, no ReLU, as the forward pass calls it):
/// `C = alpha · acc + rowBias[r]`, the bits of adding the bias as `beta · C` onto a `C` that
/// holds it, without writing the bias to the output first (that fresh-memory pass cost ~2% of a
/// CNN step).
@inline(__always)
func conv2DStoreRow(
    _ low: SIMD8<Float>, _ high: SIMD8<Float>, to row: UnsafeMutablePointer<Float>,
    _ epilogue: GemmEpilogue, _ rowBias: UnsafePointer<Float>?, _ r: Int
) {
    guard let rowBias else {
        gemmStoreRow(low, high, to: row, epilogue)
        return
    }
    let bias = SIMD8<Float>(repeating: rowBias[r])
    let raw = UnsafeMutableRawPointer(row)
    raw.storeBytes(of: low * epilogue.alpha + bias, as: SIMD8<Float>.self)
    raw.storeBytes(of: high * epilogue.alpha + bias, toByteOffset: 32, as: SIMD8<Float>.self)
}

/// The full six-row direct tile, not inlined so the hot loop exists once.
@inline(never)
func conv2DImageKernel(
    kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?
) {
    conv2DImageTile(rows: gemmTileRows, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue, rowBias: rowBias)
}

/// A `rows × columns` tile (at most 6 × 16). Full tiles go straight to `C`; others (the last
/// output channels, a last tile of 8 output positions) run the six-row kernel on a 6×16 stack
/// copy and copy back only the valid part, as `gemmEdgeTile`: the packed weights are zero past
/// the last row, and row r of the six-row kernel does exactly the arithmetic of a shorter one.
/// (Specialised short-row kernels were not inlined by the compiler and ran ~2× slower per row.)
@inline(__always)
func conv2DDirectTile(
    rows: Int, columns: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, rowBias: UnsafePointer<Float>?
) {
    if rows == gemmTileRows && columns == gemmTileColumns {
        conv2DImageKernel(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue, rowBias: rowBias)
        return
    }
    let tileCount = gemmTileRows * gemmTileColumns
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileCount + gemmTileRows) { scratch in
        guard let tile = scratch.baseAddress else { return }
        // The bias of the valid rows only, so the padding rows never read past it.
        let biasCopy = tile + tileCount
        tile.initialize(repeating: 0, count: tileCount + gemmTileRows)
        if let rowBias { biasCopy.update(from: rowBias, count: rows) }
        if epilogue.beta != 0 {
            for r in 0..<rows { (tile + r * gemmTileColumns).update(from: c + r * ldc, count: columns) }
        }
        conv2DImageKernel(kc: kc, a: a, b: b, c: tile, ldc: gemmTileColumns, epilogue: epilogue,
                          rowBias: rowBias == nil ? nil : UnsafePointer(biasCopy))
        for r in 0..<rows { (c + r * ldc).update(from: tile + r * gemmTileColumns, count: columns) }
    }
}
