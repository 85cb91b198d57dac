// 2-D convolution (cross-correlation, as in every deep-learning framework) over NCHW buffers by
// unfolding each image (im2col) and calling `gemm`.
//
// Shared preconditions (unchecked; the runtime validates shapes): `shape` satisfies the
// preconditions of `Conv2DShape`; `input` holds `batch · inputImageCount` floats, `weights`
// `weightCount`, `bias` `outputChannels`, `output` `batch · outputImageCount`. Buffers must not
// overlap.
//
// Scratch and threads: without a `pool`, the work runs on the calling thread and unfolds into
// `workspace` (`shape.workspaceCount` floats, overwritten) when one is given. With a pool, images
// are spread over its threads, each unfolding into its own pool workspace (`workspace` is not
// used); with fewer images than threads, the images run one after another and each GEMM uses the
// whole pool. Either way the result is bit-identical for every thread count.
//
// `kernelPath` chooses the kernel variant, as for `gemm` (tests compare them); it must run on this
// CPU.

/// Computes `output[n, co] = bias[co] + Σ_{ci,ki,kj} weights[co, ci, ki, kj] · input[n, ci, oh·s - p + ki, ow·s - p + kj]`,
/// reading zero outside the input.
///
/// One GEMM per image: `output_n [Cout × P] = weights [Cout × K] · columns_n [K × P]`, where
/// `K = Cin·kh·kw` and `P` is the number of output pixels. The bias is written first and the
/// GEMM accumulates onto it (`beta = 1`), because `gemm`'s fused bias runs along columns. When
/// `shape.readsImageInPlace` (and every thread gets an image), the product reads the image where
/// it is instead of unfolding it (`Conv2DDirectPlan`), with the same bits.
public func conv2DForward(
    shape: Conv2DShape,
    input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>? = nil,
    pool: WorkerPool? = nil, kernelPath: KernelPath = .active
) {
    kernelPath.requireRunsHere()
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    let scheduler = ConvolutionScheduler(shape: shape, workspace: workspace, pool: pool)
    // The direct path gives each image to one thread; with fewer images than threads, the
    // unfolded path lets every GEMM use the whole pool instead.
    if shape.readsImageInPlace && shape.batch >= (pool?.threadCount ?? 1) {
        scheduler.withTeam { team in
            let plan = Conv2DDirectPlan(shape: shape, weights: weights, workspace: team.leadWorkspace, kernelPath: kernelPath)
            scheduler.forEachImage(on: team) { n, scratch, _ in
                plan.multiply(image: shape.paddedImage(input + n * shape.inputImageCount, scratch),
                              out: output + n * shape.outputImageCount, bias: bias)
            }
        }
        return
    }
    scheduler.forEachImage { n, scratch, team in
        let image = input + n * shape.inputImageCount
        let out = output + n * shape.outputImageCount
        let columns = shape.unfoldedImage(image, scratch)
        if let bias {
            for co in 0..<cout { (out + co * pixels).update(repeating: bias[co], count: pixels) }
        }
        gemm(transA: .none, transB: .none, m: cout, n: pixels, k: k, alpha: 1,
             a: weights, lda: k, b: columns, ldb: pixels,
             beta: bias == nil ? 0 : 1, c: out, ldc: pixels, team: team, kernelPath: kernelPath)
    }
}

/// Computes the gradient of the loss with respect to the convolution's input, overwriting
/// `inputGradient` (`batch · inputImageCount` floats) given `outputGradient`.
///
/// Per image: `columns = weightsᵀ [K × Cout] · outputGradient_n [Cout × P]`, folded back (col2im)
/// so that every input pixel receives the sum over the windows that read it. At unit strides the
/// unfolded gradient goes to the thread's own workspace (not `workspace`), for `gatherFold`.
public func conv2DBackwardInput(
    shape: Conv2DShape,
    outputGradient: UnsafePointer<Float>, weights: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>? = nil,
    pool: WorkerPool? = nil, kernelPath: KernelPath = .active
) {
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    // The gathering fold's buffer (the scheduler's slots are 8 and 9, the direct paths' 10-13).
    let gatherSlot = WorkspaceSlot(rawValue: 14)
    ConvolutionScheduler(shape: shape, workspace: workspace, pool: pool).forEachImage { n, scratch, team in
        let dy = outputGradient + n * shape.outputImageCount
        let dx = inputGradient + n * shape.inputImageCount
        // For a pointwise convolution the unfolded image is the image: write the GEMM straight there.
        // The gathering fold reads a little around the unfolded gradient: its own buffer, with slack.
        let slack = Conv2DShape.gatherSlack
        let target = shape.isPointwise ? dx
            : shape.foldsByGathering ? scratch.workspace.floats(gatherSlot, count: shape.workspaceCount + 2 * slack) + slack
            : scratch()
        gemm(transA: .transposed, transB: .none, m: k, n: pixels, k: cout, alpha: 1,
             a: weights, lda: k, b: dy, ldb: pixels, beta: 0, c: target, ldc: pixels, team: team, kernelPath: kernelPath)
        if shape.foldsByGathering {
            shape.gatherFold(target, into: dx)
        } else if !shape.isPointwise {
            dx.update(repeating: 0, count: shape.inputImageCount)
            shape.fold(target, into: dx)
        }
    }
}

/// Computes the gradients with respect to the weights and the bias, overwriting `weightGradient`
/// (`weightCount` floats) and, if given, `biasGradient` (`outputChannels` floats).
///
/// The batch is cut into at most `ConvolutionScheduler.chunkCount` fixed chunks of consecutive
/// images (the cut depends on the batch size only, never on the threads). Within a chunk,
/// `partialᵀ += columns_n [K × P] · outputGradient_nᵀ [P × Cout]` image after image; the partials
/// are then added in chunk order and transposed into `weightGradient`. The bias gradient sums
/// `outputGradient[n, co, ·, ·]` the same way.
///
/// Why transposed: the unfolded image is then `A`, which `Conv2DWeightPlan` gathers straight from
/// the input (when `shape.weightGradientReadsImageInPlace` and every thread gets a chunk), and
/// only the small output gradient is packed, where `outputGradient_n · columns_nᵀ` unfolded and
/// packed all of `columnsᵀ` per image. Every element sums the same products in the same order as
/// that product would (a multiply-add does not care which factor comes first): the same bits.
public func conv2DBackwardWeights(
    shape: Conv2DShape,
    input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
    weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?,
    workspace: UnsafeMutablePointer<Float>? = nil, pool: WorkerPool? = nil, kernelPath: KernelPath = .active
) {
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    let scheduler = ConvolutionScheduler(shape: shape, workspace: workspace, pool: pool)
    kernelPath.requireRunsHere()
    func sumBias(_ dy: UnsafePointer<Float>, _ db: UnsafeMutablePointer<Float>?, _ first: Bool) {
        guard let db else { return }
        for co in 0..<cout {
            let row = dy + co * pixels
            var sum: Float = 0
            for p in 0..<pixels { sum += row[p] }
            db[co] = first ? sum : db[co] + sum
        }
    }
    scheduler.withTeam { team in
        // The direct path gives each chunk to one thread; with fewer chunks than threads, the
        // unfolded path lets every GEMM use the whole pool instead.
        let direct = shape.weightGradientReadsImageInPlace
            && min(shape.batch, ConvolutionScheduler.chunkCount) >= team.size
        let plan = direct ? Conv2DWeightPlan(shape: shape, workspace: team.leadWorkspace, kernelPath: kernelPath) : nil
        scheduler.forEachChunk(on: team, weightGradient: weightGradient, biasGradient: biasGradient) {
            n, first, dwT, db, scratch, chunkTeam in
            let dy = outputGradient + n * shape.outputImageCount
            let image = input + n * shape.inputImageCount
            if let plan {
                plan.accumulate(image: shape.paddedImage(image, scratch), outputGradient: dy, into: dwT,
                                first: first, workspace: scratch.workspace)
            } else {
                let columns = shape.unfoldedImage(image, scratch)
                gemm(transA: .none, transB: .transposed, m: k, n: cout, k: pixels, alpha: 1,
                     a: columns, lda: pixels, b: dy, ldb: pixels,
                     beta: first ? 0 : 1, c: dwT, ldc: cout, team: chunkTeam, kernelPath: kernelPath)
            }
            sumBias(dy, db, first)
        }
    }
}

extension Conv2DShape {
    /// The unfolded image: the image itself for a pointwise convolution, else unfolded into the
    /// scratch buffer that `scratch()` provides.
    @inline(__always)
    func unfoldedImage(_ image: UnsafePointer<Float>,
                       _ scratch: ConvolutionScratch) -> UnsafePointer<Float> {
        if isPointwise { return image }
        let columns = scratch()
        unfold(image, into: columns)
        return UnsafePointer(columns)
    }
}
