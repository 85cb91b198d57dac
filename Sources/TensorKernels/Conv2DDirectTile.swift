/// The 6×16 register tile of the direct forward convolution: `C[6×16] ∘= A[6×kc] · B[kc×16]` with
/// `A` a packed 6-row panel and `B` read from the image (see `Conv2DImageTileB`).
///
/// The same arithmetic as `gemmTile`: twelve accumulators that start at zero, one multiply-add per
/// step in step order, then `gemmStoreRow`'s epilogue, so an element gets the bits the GEMM gives.
/// `rows` (1...6) must be a constant where this is inlined, for the reason given at `gemmTile`.
@inline(__always)
func conv2DImageTile(
    rows: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
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
    gemmStoreRow(c00, c01, to: c, epilogue)
    if rows > 1 { gemmStoreRow(c10, c11, to: c + ldc, epilogue) }
    if rows > 2 { gemmStoreRow(c20, c21, to: c + 2 * ldc, epilogue) }
    if rows > 3 { gemmStoreRow(c30, c31, to: c + 3 * ldc, epilogue) }
    if rows > 4 { gemmStoreRow(c40, c41, to: c + 4 * ldc, epilogue) }
    if rows > 5 { gemmStoreRow(c50, c51, to: c + 5 * ldc, epilogue) }
}

/// The full six-row direct tile, not inlined so the hot loop exists once.
@inline(never)
func conv2DImageKernel(
    kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    conv2DImageTile(rows: gemmTileRows, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
}

/// A direct tile of fewer than six rows (the last output channels), one specialised loop per
/// row count, as `gemmMicroKernelShort`.
@inline(never)
func conv2DImageKernelShort(
    rows: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    switch rows {
    case 1: conv2DImageTile(rows: 1, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 2: conv2DImageTile(rows: 2, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 3: conv2DImageTile(rows: 3, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 4: conv2DImageTile(rows: 4, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    default: conv2DImageTile(rows: 5, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    }
}

/// A `rows × columns` tile (at most 6 × 16). Tiles short of columns (a last tile of 8 output
/// positions) run on a 6×16 stack copy and copy back only the valid part, as `gemmEdgeTile`.
@inline(__always)
func conv2DDirectTile(
    rows: Int, columns: Int, kc: Int, a: UnsafePointer<Float>, b: Conv2DImageTileB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    guard columns < gemmTileColumns else {
        if rows == gemmTileRows {
            conv2DImageKernel(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
        } else {
            conv2DImageKernelShort(rows: rows, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
        }
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: gemmTileRows * gemmTileColumns) { scratch in
        guard let tile = scratch.baseAddress else { return }
        tile.initialize(repeating: 0, count: gemmTileRows * gemmTileColumns)
        if epilogue.beta != 0 {
            for r in 0..<rows { (tile + r * gemmTileColumns).update(from: c + r * ldc, count: columns) }
        }
        conv2DImageKernel(kc: kc, a: a, b: b, c: tile, ldc: gemmTileColumns, epilogue: epilogue)
        for r in 0..<rows { (c + r * ldc).update(from: tile + r * gemmTileColumns, count: columns) }
    }
}
