import KernelTiles

// The forward convolution without an unfolded image: the GEMM tile reads its `B` values straight
// from the input image.
//
// Column `p` of the unfolded image, row `k = (c, ki, kj)`, is input value `offset[k] + base(p)`,
// where `offset[k] = c·H·W + ki·W + kj` and `base(p) = y·sh·W + x` for output position (y, x).
// When the output width is a multiple of 8 and the horizontal stride is 1, every 8 consecutive
// output positions lie in one output row and read 8 consecutive input values, so each half of a
// 16-column tile is one vector load at `image + base + offset[k]`. That skips writing the unfolded
// image (51,200 floats per image for the CNN's second convolution) and packing it again for the
// GEMM, which together cost as much as a fifth of the multiply. Each output element sums the same
// products in the same order as the unfolded product (same depth blocks, same multiply-adds), so
// the bits are the same.

extension Conv2DShape {
    /// Whether `conv2DForward` reads the image in place: 8-position runs of an output row must be
    /// contiguous in the input, and a zero-padded copy of the image must fit the scratch buffer.
    var readsImageInPlace: Bool {
        strideWidth == 1 && outputWidth % 8 == 0 && !isPointwise
            && (!isPadded || paddedImageCount <= workspaceCount)
    }

    var isPadded: Bool { paddingHeight > 0 || paddingWidth > 0 }
    /// Rows and columns of the image with its zero border.
    var paddedHeight: Int { inputHeight + 2 * paddingHeight }
    var paddedWidth: Int { inputWidth + 2 * paddingWidth }
    var paddedImageCount: Int { inputChannels * paddedHeight * paddedWidth }

    /// The image as the direct kernels read it: itself, or copied with a zero border into `scratch`.
    func paddedImage(_ image: UnsafePointer<Float>, _ scratch: ConvolutionScratch) -> UnsafePointer<Float> {
        guard isPadded else { return image }
        let target = scratch()
        target.update(repeating: 0, count: paddedImageCount)
        let width = paddedWidth
        for c in 0..<inputChannels {
            for h in 0..<inputHeight {
                let row = target + (c * paddedHeight + h + paddingHeight) * width + paddingWidth
                Conv2DShape.copyRun(row, image + (c * inputHeight + h) * inputWidth, inputWidth)
            }
        }
        return UnsafePointer(target)
    }

    /// Where unfolded row `k = (c, ki, kj)` starts in the (padded) image, for every `k`.
    func writeRowOffsets(_ offsets: UnsafeMutablePointer<Int>) {
        let width = paddedWidth, plane = paddedHeight * width
        for c in 0..<inputChannels {
            for ki in 0..<kernelHeight {
                for kj in 0..<kernelWidth {
                    offsets[(c * kernelHeight + ki) * kernelWidth + kj] = c * plane + ki * width + kj
                }
            }
        }
    }

    /// Where output position `p` reads the (padded) image, relative to a row offset.
    @inline(__always)
    func positionOffset(_ p: Int) -> Int {
        (p / outputWidth) * strideHeight * paddedWidth + p % outputWidth
    }
}

/// What every image of one direct forward call shares: the weights packed into 6-row panels (one
/// set per depth block, as the GEMM cuts the depth) and the row offsets.
struct Conv2DDirectPlan {
    let shape: Conv2DShape
    let packedWeights: UnsafeMutablePointer<Float>
    let offsets: UnsafeMutablePointer<Int>
    let depthBlock: Int
    let paddedRows: Int
    /// The kernel variant's tile functions.
    let kernels: ConvKernelTable

    static let weightsSlot = WorkspaceSlot(rawValue: 10)
    static let offsetsSlot = WorkspaceSlot(rawValue: 11)

    /// Packs `weights` (`Cout × K`, row-major) and the offsets into `workspace`.
    init(shape: Conv2DShape, weights: UnsafePointer<Float>, workspace: Workspace, kernelPath: KernelPath) {
        let k = shape.columnRows, m = shape.outputChannels
        self.shape = shape
        kernels = kernelPath.convolutionKernels
        // The GEMM's own cut of the depth: the same blocks give the same roundings.
        depthBlock = GemmBlocking.blockSize(k, maxBlock: GemmBlocking.maxDepthBlock, multiple: 1)
        paddedRows = (m + gemmTileRows - 1) / gemmTileRows * gemmTileRows
        packedWeights = workspace.floats(Conv2DDirectPlan.weightsSlot, count: paddedRows * k)
        let offsetFloats = (k * MemoryLayout<Int>.stride + 3) / 4
        offsets = UnsafeMutableRawPointer(workspace.floats(Conv2DDirectPlan.offsetsSlot, count: offsetFloats))
            .bindMemory(to: Int.self, capacity: k)
        let operand = GemmOperand(base: weights, stride: k, transposed: false)
        for pc in stride(from: 0, to: k, by: depthBlock) {
            gemmPackA(operand, rowStart: 0, rows: m, p0: pc, kc: min(depthBlock, k - pc),
                      packer: kernelPath.gemmKernels.packA, into: packedWeights + pc * paddedRows)
        }
        shape.writeRowOffsets(offsets)
    }

    /// `out[co, ·] = bias[co] + weights · unfold(image)` for one image (`image` already padded),
    /// summed as the unfolded path does: the bias first, then the depth blocks in order.
    func multiply(image: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?) {
        let k = shape.columnRows, m = shape.outputChannels, pixels = shape.outputPixels
        let width = conv2DTileColumns
        for pc in stride(from: 0, to: k, by: depthBlock) {
            let kc = min(depthBlock, k - pc)
            let epilogue = GemmEpilogue(alpha: 1, beta: pc == 0 ? 0 : 1, bias: nil, relu: false)
            let rowBias = pc == 0 ? bias : nil
            let block = UnsafePointer(packedWeights + pc * paddedRows)
            for p0 in stride(from: 0, to: pixels, by: width) {
                let columns = min(width, pixels - p0)
                let low = image + shape.positionOffset(p0)
                // A half-empty last tile reads the first half twice; only its valid half is kept.
                let high = columns > 8 ? image + shape.positionOffset(p0 + 8) : low
                let b = Conv2DImageTileB(low: low, high: high, offsets: UnsafePointer(offsets + pc))
                for row in stride(from: 0, to: m, by: gemmTileRows) {
                    conv2DDirectTile(rows: min(gemmTileRows, m - row), columns: columns, kc: kc,
                                     a: block + row * kc, b: b, c: out + row * pixels + p0, ldc: pixels,
                                     epilogue: epilogue, rowBias: rowBias.map { $0 + row }, kernels: kernels)
                }
            }
        }
    }
}

/// Where a direct tile finds its 16 `B` values of step `p`: 8 at `low + offsets[p]`, 8 at
/// `high + offsets[p]`.
struct Conv2DImageTileB {
    var low: UnsafePointer<Float>
    var high: UnsafePointer<Float>
    var offsets: UnsafePointer<Int>
}
