import KernelTiles

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
    /// The kernel variant's tile and packing functions.
    let kernels: ConvKernelTable

    static let offsetsSlot = WorkspaceSlot(rawValue: 12)
    static let packedSlot = WorkspaceSlot(rawValue: 13)

    init(shape: Conv2DShape, workspace: Workspace, kernelPath: KernelPath) {
        let k = shape.columnRows, pixels = shape.outputPixels
        self.shape = shape
        kernels = kernelPath.convolutionKernels
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
        let width = conv2DTileColumns
        let panels = (cout + width - 1) / width
        let packed = workspace.floats(Conv2DWeightPlan.packedSlot, count: panels * width * depthBlock)
        let operand = GemmOperand(base: dy, stride: pixels, transposed: true)
        for pc in stride(from: 0, to: pixels, by: depthBlock) {
            let kc = min(depthBlock, pixels - pc)
            gemmPackB(operand, j0: 0, n: cout, p0: pc, kc: kc, panels: 0..<panels, width: width,
                      packer: kernels.packB, into: packed)
            let epilogue = GemmEpilogue(alpha: 1, beta: first && pc == 0 ? 0 : 1, bias: nil, relu: false)
            for row in stride(from: 0, to: k, by: gemmTileRows) {
                let rows = min(gemmTileRows, k - row)
                let a = Conv2DImageRows(image: image, offsets: UnsafePointer(offsets + row), rows: rows,
                                        positions: UnsafePointer(positions + pc))
                for q in 0..<panels {
                    conv2DGatheredTile(rows: rows, columns: min(width, cout - q * width), kc: kc,
                                       a: a, b: UnsafePointer(packed + q * width * kc),
                                       c: transposed + row * cout + q * width, ldc: cout, epilogue: epilogue,
                                       kernels: kernels)
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

/// A `rows × columns` gathered tile (at most 6 × 16), `A` gathered from the image and `B` a packed
/// 16-column panel, computed by `kernels` with the GEMM's arithmetic. Full tiles go straight to
/// `C`; others run the six-row kernel on a 6×16 stack copy (the packed panel is zero past the last
/// column, and rows past the last repeat row 0) and copy back only the valid part, as
/// `gemmEdgeTile`. (Specialised short-row kernels kept `rows` a variable in the loop.)
@inline(__always)
func conv2DGatheredTile(
    rows: Int, columns: Int, kc: Int, a: Conv2DImageRows, b: UnsafePointer<Float>,
    c: UnsafeMutablePointer<Float>, ldc: Int, epilogue: GemmEpilogue, kernels: ConvKernelTable
) {
    let operands = GatheredOperands(rows: (a.row(0), a.row(1), a.row(2), a.row(3), a.row(4), a.row(5)),
                                    positions: a.positions, b: b)
    if rows == gemmTileRows && columns == conv2DTileColumns {
        kernels.gathered(kc, operands, c, ldc, epilogue)
        return
    }
    let width = conv2DTileColumns
    withUnsafeTemporaryAllocation(of: Float.self, capacity: gemmTileRows * width) { scratch in
        guard let tile = scratch.baseAddress else { return }
        tile.initialize(repeating: 0, count: gemmTileRows * width)
        if epilogue.beta != 0 {
            for r in 0..<rows { (tile + r * width).update(from: c + r * ldc, count: columns) }
        }
        kernels.gathered(kc, operands, tile, width, epilogue)
        for r in 0..<rows { (c + r * ldc).update(from: tile + r * width, count: columns) }
    }
}
