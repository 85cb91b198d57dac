/// Rows of the register tile: 6 rows × 2 vectors = 12 accumulators, plus 2 vectors of `B` and one
/// broadcast of `A` make 15 of the 16 ymm registers.
let gemmTileRows = 6
/// Columns of the register tile: two 8-lane vectors.
let gemmTileColumns = 16

/// The 6×16 register tile: `C[6×16] ∘= A[6×kc] · B[kc×16]` with the epilogue.
///
/// `A` value `r` of step `p` is read at `a[r * aRowStride + p * aStep]`: a packed panel uses
/// (1, 6), a row-major `A` read in place (lda, 1), a transposed one (1, lda). The 16 `B` values
/// of step `p` start at `b[p * bStep]`: 16 when packed, ldb for a row-major `B` read in place.
/// Written as a `for _ in 0..<kc` loop because a `while` form spilled accumulators to the stack
/// and halved the speed.
///
/// `rows` (1...6) must be a constant where this is inlined: the rows it excludes then vanish from
/// the loop, giving a narrower kernel whose rows do exactly the arithmetic of the full one.
@inline(__always)
func gemmTile(
    rows: Int, kc: Int, a: UnsafePointer<Float>, aRowStride: Int, aStep: Int,
    b: UnsafePointer<Float>, bStep: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    var pa = a
    var pb = UnsafeRawPointer(b)
    let r1 = aRowStride, r2 = 2 * aRowStride, r3 = 3 * aRowStride
    let r4 = 4 * aRowStride, r5 = 5 * aRowStride
    for _ in 0..<kc {
        let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
        let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        var av = SIMD8<Float>(repeating: pa[0])
        c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
        if rows > 1 {
            av = SIMD8<Float>(repeating: pa[r1])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
        }
        if rows > 2 {
            av = SIMD8<Float>(repeating: pa[r2])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
        }
        if rows > 3 {
            av = SIMD8<Float>(repeating: pa[r3])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
        }
        if rows > 4 {
            av = SIMD8<Float>(repeating: pa[r4])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
        }
        if rows > 5 {
            av = SIMD8<Float>(repeating: pa[r5])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
        }
        pa += aStep
        pb += bStep &* 4
    }
    gemmStoreRow(c00, c01, to: c, epilogue)
    if rows > 1 { gemmStoreRow(c10, c11, to: c + ldc, epilogue) }
    if rows > 2 { gemmStoreRow(c20, c21, to: c + 2 * ldc, epilogue) }
    if rows > 3 { gemmStoreRow(c30, c31, to: c + 3 * ldc, epilogue) }
    if rows > 4 { gemmStoreRow(c40, c41, to: c + 4 * ldc, epilogue) }
    if rows > 5 { gemmStoreRow(c50, c51, to: c + 5 * ldc, epilogue) }
}

/// Applies the epilogue to one 16-wide row of accumulators and stores it.
@inline(__always)
func gemmStoreRow(
    _ low: SIMD8<Float>, _ high: SIMD8<Float>, to row: UnsafeMutablePointer<Float>,
    _ epilogue: GemmEpilogue
) {
    let raw = UnsafeMutableRawPointer(row)
    var x0 = low * epilogue.alpha
    var x1 = high * epilogue.alpha
    if epilogue.beta != 0 {
        x0 += epilogue.beta * raw.loadUnaligned(as: SIMD8<Float>.self)
        x1 += epilogue.beta * raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
    }
    if let bias = epilogue.bias {
        let biasRaw = UnsafeRawPointer(bias)
        x0 += biasRaw.loadUnaligned(as: SIMD8<Float>.self)
        x1 += biasRaw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
    }
    // NaN stays NaN, as in `referenceGemm`, so a broken input shows up instead of turning into 0.
    if epilogue.relu {
        x0 = x0.replacing(with: 0, where: x0 .< 0)
        x1 = x1.replacing(with: 0, where: x1 .< 0)
    }
    raw.storeBytes(of: x0, as: SIMD8<Float>.self)
    raw.storeBytes(of: x1, toByteOffset: 32, as: SIMD8<Float>.self)
}

/// The tile over packed panels of `A` (6 floats per step) and `B` (16 floats per step). Not
/// inlined, so there is one copy of the hot loop to inspect (the build test looks for it).
@inline(never)
func gemmMicroKernelPacked(
    kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    gemmTile(rows: gemmTileRows, kc: kc, a: a, aRowStride: 1, aStep: gemmTileRows, b: b,
             bStep: gemmTileColumns, c: c, ldc: ldc, epilogue: epilogue)
}

/// `count` full 6×16 tiles down one packed `B` panel, over consecutive packed `A` panels, in one
/// call. Why: in a shallow product (k = 10, a layer with 10 outputs) each tile is ~80 cycles of
/// work, and a call per tile (arguments, the epilogue on the stack) cost about a tenth of it.
@inline(never)
func gemmMicroKernelColumnPacked(
    count: Int, kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    var pa = a, pc = c
    for _ in 0..<count {
        gemmTile(rows: gemmTileRows, kc: kc, a: pa, aRowStride: 1, aStep: gemmTileRows, b: b,
                 bStep: gemmTileColumns, c: pc, ldc: ldc, epilogue: epilogue)
        pa += gemmTileRows * kc
        pc += gemmTileRows * ldc
    }
}

/// The tile reading `A` and `B` with any strides, for operands read in place (skinny products,
/// where packing would cost as much as the multiply).
@inline(never)
func gemmMicroKernelStrided(
    kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
    epilogue: GemmEpilogue
) {
    gemmTile(rows: gemmTileRows, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step,
             b: b.base, bStep: b.step, c: c, ldc: ldc, epilogue: epilogue)
}

/// A tile of fewer than six full 16-column rows (the last rows of `C`), written straight to `C`:
/// one specialised kernel per row count, so no work is spent on padding rows.
///
/// Each row count has its own non-inlined function: when the cases called `gemmTile` directly,
/// the optimiser merged them into one call with `rows` as a variable, and that generic copy
/// (a row test inside the loop) ran instead: 3.5% of a 128×256×10 product's profile for 1/64
/// of its work. Split, alternating runs at 1 thread: 128×256×10 80.5 → 81.6 GFLOP/s,
/// 128×128×10 80.6 → 81.9.
func gemmMicroKernelShort(
    rows: Int, kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>, ldc: Int,
    epilogue: GemmEpilogue
) {
    switch rows {
    case 1: gemmMicroKernelRows1(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 2: gemmMicroKernelRows2(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 3: gemmMicroKernelRows3(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    case 4: gemmMicroKernelRows4(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    default: gemmMicroKernelRows5(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    }
}

@inline(never)
private func gemmMicroKernelRows1(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>,
                                  ldc: Int, epilogue: GemmEpilogue) {
    gemmTile(rows: 1, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step, b: b.base, bStep: b.step,
             c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
private func gemmMicroKernelRows2(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>,
                                  ldc: Int, epilogue: GemmEpilogue) {
    gemmTile(rows: 2, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step, b: b.base, bStep: b.step,
             c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
private func gemmMicroKernelRows3(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>,
                                  ldc: Int, epilogue: GemmEpilogue) {
    gemmTile(rows: 3, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step, b: b.base, bStep: b.step,
             c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
private func gemmMicroKernelRows4(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>,
                                  ldc: Int, epilogue: GemmEpilogue) {
    gemmTile(rows: 4, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step, b: b.base, bStep: b.step,
             c: c, ldc: ldc, epilogue: epilogue)
}

@inline(never)
private func gemmMicroKernelRows5(kc: Int, a: GemmPanelA, b: GemmPanelB, c: UnsafeMutablePointer<Float>,
                                  ldc: Int, epilogue: GemmEpilogue) {
    gemmTile(rows: 5, kc: kc, a: a.base, aRowStride: a.rowStride, aStep: a.step, b: b.base, bStep: b.step,
             c: c, ldc: ldc, epilogue: epilogue)
}

/// Computes a tile of `rows × columns` (at most 6 × 16) of `C`. A panel read in place must be
/// full (six rows, sixteen columns); partial ones are packed with zero padding.
///
/// Full tiles, and tiles short only of rows, go straight to `C`. Tiles short of columns run the
/// 6-row kernel on a 6×16 stack copy and copy back only the valid part. Either way each element
/// gets exactly the arithmetic of a full tile.
@inline(__always)
func gemmTile(
    rows: Int, columns: Int, kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    if rows == gemmTileRows && columns == gemmTileColumns {
        gemmRunKernel(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    } else if columns == gemmTileColumns {
        gemmMicroKernelShort(rows: rows, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    } else {
        gemmEdgeTile(rows: rows, columns: columns, kc: kc, a: a, b: b, c: c, ldc: ldc,
                     epilogue: epilogue)
    }
}

@inline(__always)
private func gemmRunKernel(
    kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    if a.rowStride == 1 && a.step == gemmTileRows && b.step == gemmTileColumns {
        gemmMicroKernelPacked(kc: kc, a: a.base, b: b.base, c: c, ldc: ldc, epilogue: epilogue)
    } else {
        gemmMicroKernelStrided(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
    }
}

@inline(never)
private func gemmEdgeTile(
    rows: Int, columns: Int, kc: Int, a: GemmPanelA, b: GemmPanelB,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    let tileCount = gemmTileRows * gemmTileColumns
    withUnsafeTemporaryAllocation(of: Float.self, capacity: tileCount + gemmTileColumns) { scratch in
        guard let tile = scratch.baseAddress else { return }
        let biasCopy = tile + tileCount
        tile.initialize(repeating: 0, count: tileCount + gemmTileColumns)
        if epilogue.beta != 0 {
            for r in 0..<rows {
                (tile + r * gemmTileColumns).update(from: c + r * ldc, count: columns)
            }
        }
        var local = epilogue
        if let bias = epilogue.bias {
            biasCopy.update(from: bias, count: columns)
            local.bias = UnsafePointer(biasCopy)
        }
        gemmRunKernel(kc: kc, a: a, b: b, c: tile, ldc: gemmTileColumns, epilogue: local)
        for r in 0..<rows {
            (c + r * ldc).update(from: tile + r * gemmTileColumns, count: columns)
        }
    }
}
