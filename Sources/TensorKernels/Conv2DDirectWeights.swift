// The weight gradient without an unfolded image: `partialᵀ [K × Cout] += columns_n · dy_nᵀ`, whose
// `A` (the unfolded image) is read straight from the input.
//
// Row `k = (c, ki, kj)` of the unfolded image is the input at `offset[k] + position(p)`, with
// `position(p) = y·sh·W + x·sw` for output position p = (y, x) (see Conv2DDirectForward.swift);
// `A` values are broadcast one at a time, so any stride works. Only `dy_nᵀ` is packed (4,096
// floats per image for the CNN's second convolution, where the unfolded image is 51,200). The depth
// (output positions) is cut into the GEMM's blocks and every element sums the same products in
// the same order as the unfolded product, so the bits are the same.

extension Conv2DShape {
    /// Whether `conv2DBackwardWeights` reads the image in place: the padded copy must fit the
    /// scratch buffer, and products deep enough for `GemmSplitDepth` keep its cut of the depth.
    var weightGradientReadsImageInPlace: Bool {
        !isPointwise && (!isPadded || paddedImageCount <= workspaceCount)
            && outputPixels < 2 * GemmSplitDepth.chunk
    }
}

/// What every image of one direct weight-gradient call shares: the row and position offsets.
struct Conv2DWeightPlan {
    let shape: Conv2DShape
    let offsets: UnsafeMutablePointer<Int>
    let positions: UnsafeMutablePointer<Int>
    let depthBlock: Int

    static let offsetsSlot = WorkspaceSlot(rawValue: 12)
    static let packedSlot = WorkspaceSlot(rawValue: 13)

    init(shape: Conv2DShape, workspace: Workspace) {
        let k = shape.columnRows, pixels = shape.outputPixels
        self.shape = shape
        // The GEMM's own cut of the depth: the same blocks give the same roundings.
        depthBlock = GemmBlocking.blockSize(pixels, maxBlock: GemmBlocking.maxDepthBlock, multiple: 1)
        let floats = ((k + pixels) * MemoryLayout<Int>.stride + 3) / 4
        offsets = UnsafeMutableRawPointer(workspace.floats(Conv2DWeightPlan.offsetsSlot, count: floats))
            .bindMemory(to: Int.self, capacity: k + pixels)
        positions = offsets + k
        shape.writeRowOffsets(offsets)
        let width = shape.paddedWidth, ow = shape.outputWidth
        for p in 0..<pixels {
            positions[p] = (p / ow) * shape.strideHeight * width + (p % ow) * shape.strideWidth
        }
    }

    /// `transposed = columns(image) · dyᵀ + (first ? 0 : transposed)`, `transposed` being
    /// `K × Cout`; `image` already padded, `workspace` the thread's own.
    func accumulate(image: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                    into transposed: UnsafeMutablePointer<Float>, first: Bool, workspace: Workspace) {
        let k = shape.columnRows, cout = shape.outputChannels, pixels = shape.outputPixels
        let panels = (cout + gemmTileColumns - 1) / gemmTileColumns
        let packed = workspace.floats(Conv2DWeightPlan.packedSlot, count: panels * gemmTileColumns * depthBlock)
        let operand = GemmOperand(base: dy, stride: pixels, transposed: true)
        for pc in stride(from: 0, to: pixels, by: depthBlock) {
            let kc = min(depthBlock, pixels - pc)
            gemmPackB(operand, j0: 0, n: cout, p0: pc, kc: kc, panels: 0..<panels, into: packed)
            let epilogue = GemmEpilogue(alpha: 1, beta: first && pc == 0 ? 0 : 1, bias: nil, relu: false)
            for row in stride(from: 0, to: k, by: gemmTileRows) {
                let rows = min(gemmTileRows, k - row)
                let a = Conv2DImageRows(image: image, offsets: UnsafePointer(offsets + row), rows: rows,
                                        positions: UnsafePointer(positions + pc))
                for q in 0..<panels {
                    conv2DGatheredTile(rows: rows, columns: min(gemmTileColumns, cout - q * gemmTileColumns), kc: kc,
                                   a: a, b: UnsafePointer(packed + q * gemmTileColumns * kc),
                                   c: transposed + row * cout + q * gemmTileColumns, ldc: cout, epilogue: epilogue)
                }
            }
        }
    }
}

/// Where a tile finds its `A` values: row `r` (of `rows`) at step `p` is
/// `image[offsets[r] + positions[p]]`.
struct Conv2DImageRows {
    var image: UnsafePointer<Float>
    var offsets: UnsafePointer<Int>
    var rows: Int
    var positions: UnsafePointer<Int>

    /// Row `r`'s start; rows past the tile's last repeat row 0, so no pointer leaves the image.
    @inline(__always)
    func row(_ r: Int) -> UnsafePointer<Float> { image + offsets[r < rows ? r : 0] }
}

/// The 6×16 register tile with `A` gathered from the image and `B` a packed 16-column panel; the
/// arithmetic of `gemmTile` (see `conv2DImageTile`). `rows` must be a constant where inlined.
@inline(__always)
func conv2DRowsTile(
    rows: Int, kc: Int, a: Conv2DImageRows, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    let a0 = a.row(0), a1 = a.row(1), a2 = a.row(2), a3 = a.row(3), a4 = a.row(4), a5 = a.row(5)
    var pb = UnsafeRawPointer(b)
    for p in 0..<kc {
        let o = a.positions[p]
        let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
        let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        var av = SIMD8<Float>(repeating: a0[o])
        c00 = c00.addingProduct(av, b0); c01 = c01.addingProduct(av, b1)
        if rows > 1 {
            av = SIMD8<Float>(repeating: a1[o])
            c10 = c10.addingProduct(av, b0); c11 = c11.addingProduct(av, b1)
        }
        if rows > 2 {
            av = SIMD8<Float>(repeating: a2[o])
            c20 = c20.addingProduct(av, b0); c21 = c21.addingProduct(av, b1)
        }
        if rows > 3 {
            av = SIMD8<Float>(repeating: a3[o])
            c30 = c30.addingProduct(av, b0); c31 = c31.addingProduct(av, b1)
        }
        if rows > 4 {
            av = SIMD8<Float>(repeating: a4[o])
            c40 = c40.addingProduct(av, b0); c41 = c41.addingProduct(av, b1)
        }
        if rows > 5 {
            av = SIMD8<Float>(repeating: a5[o])
            c50 = c50.addingProduct(av, b0); c51 = c51.addingProduct(av, b1)
        }
        pb += gemmTileColumns * 4
    }
    gemmStoreRow(c00, c01, to: c, epilogue)
    if rows > 1 { gemmStoreRow(c10, c11, to: c + ldc, epilogue) }
    if rows > 2 { gemmStoreRow(c20, c21, to: c + 2 * ldc, epilogue) }
    if rows > 3 { gemmStoreRow(c30, c31, to: c + 3 * ldc, epilogue) }
    if rows > 4 { gemmStoreRow(c40, c41, to: c + 4 * ldc, epilogue) }
    if rows > 5 { gemmStoreRow(c50, c51, to: c + 5 * ldc, epilogue) }
}

/// The six-row gathered tile, not inlined so the hot loop exists once. (Specialised short-row
/// kernels were not inlined by the compiler, which kept `rows` a variable in the loop.)
@inline(never)
func conv2DRowsKernel(
    kc: Int, a: Conv2DImageRows, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    conv2DRowsTile(rows: gemmTileRows, kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
}

/// A `rows × columns` gathered tile. Full tiles go straight to `C`; others run the six-row kernel
/// on a 6×16 stack copy (the packed panel is zero past the last column, and rows past the last
/// repeat row 0) and copy back only the valid part, as `gemmEdgeTile`.
@inline(__always)
func conv2DGatheredTile(
    rows: Int, columns: Int, kc: Int, a: Conv2DImageRows, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue
) {
    if rows == gemmTileRows && columns == gemmTileColumns {
        conv2DRowsKernel(kc: kc, a: a, b: b, c: c, ldc: ldc, epilogue: epilogue)
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: gemmTileRows * gemmTileColumns) { scratch in
        guard let tile = scratch.baseAddress else { return }
        tile.initialize(repeating: 0, count: gemmTileRows * gemmTileColumns)
        if epilogue.beta != 0 {
            for r in 0..<rows { (tile + r * gemmTileColumns).update(from: c + r * ldc, count: columns) }
        }
        conv2DRowsKernel(kc: kc, a: a, b: b, c: tile, ldc: gemmTileColumns, epilogue: epilogue)
        for r in 0..<rows { (c + r * ldc).update(from: tile + r * gemmTileColumns, count: columns) }
    }
}
