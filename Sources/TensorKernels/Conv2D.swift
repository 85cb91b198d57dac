// 2-D convolution (cross-correlation, as in every deep-learning framework) over NCHW buffers by
// unfolding each image (im2col) and calling `gemm`.
//
// Shared preconditions (unchecked; the runtime validates shapes): `shape` satisfies the
// preconditions of `Conv2DShape`; `input` holds `batch · inputImageCount` floats, `weights`
// `weightCount`, `bias` `outputChannels`, `output` `batch · outputImageCount`, and `workspace`
// `shape.workspaceCount` floats that the call may overwrite. Buffers must not overlap.

/// Computes `output[n, co] = bias[co] + Σ_{ci,ki,kj} weights[co, ci, ki, kj] · input[n, ci, oh·s - p + ki, ow·s - p + kj]`,
/// reading zero outside the input.
///
/// One GEMM per image: `output_n [Cout × P] = weights [Cout × K] · columns_n [K × P]`, where
/// `K = Cin·kh·kw` and `P` is the number of output pixels. The bias is written first and the
/// GEMM accumulates onto it (`beta = 1`), because `gemm`'s fused bias runs along columns.
public func conv2DForward(
    shape: Conv2DShape,
    input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    output: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>
) {
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    for n in 0..<shape.batch {
        let image = input + n * shape.inputImageCount
        let out = output + n * shape.outputImageCount
        let columns: UnsafePointer<Float>
        if shape.isPointwise {
            columns = image
        } else {
            shape.unfold(image, into: workspace)
            columns = UnsafePointer(workspace)
        }
        if let bias {
            for co in 0..<cout { (out + co * pixels).update(repeating: bias[co], count: pixels) }
        }
        gemm(transA: .none, transB: .none, m: cout, n: pixels, k: k, alpha: 1,
             a: weights, lda: k, b: columns, ldb: pixels,
             beta: bias == nil ? 0 : 1, c: out, ldc: pixels)
    }
}

/// Computes the gradient of the loss with respect to the convolution's input, overwriting
/// `inputGradient` (`batch · inputImageCount` floats) given `outputGradient`.
///
/// Per image: `columns = weightsᵀ [K × Cout] · outputGradient_n [Cout × P]`, folded back (col2im)
/// so that every input pixel receives the sum over the windows that read it.
public func conv2DBackwardInput(
    shape: Conv2DShape,
    outputGradient: UnsafePointer<Float>, weights: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>, workspace: UnsafeMutablePointer<Float>
) {
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    for n in 0..<shape.batch {
        let dy = outputGradient + n * shape.outputImageCount
        let dx = inputGradient + n * shape.inputImageCount
        // For a pointwise convolution the unfolded image is the image: write the GEMM straight there.
        let target = shape.isPointwise ? dx : workspace
        gemm(transA: .transposed, transB: .none, m: k, n: pixels, k: cout, alpha: 1,
             a: weights, lda: k, b: dy, ldb: pixels, beta: 0, c: target, ldc: pixels)
        if !shape.isPointwise {
            dx.update(repeating: 0, count: shape.inputImageCount)
            shape.fold(workspace, into: dx)
        }
    }
}

/// Computes the gradients with respect to the weights and the bias, overwriting `weightGradient`
/// (`weightCount` floats) and, if given, `biasGradient` (`outputChannels` floats).
///
/// Per image: `weightGradient += outputGradient_n [Cout × P] · columns_nᵀ [P × K]` (the first image
/// writes with `beta = 0`), and `biasGradient[co]` is the sum of `outputGradient[n, co, ·, ·]`.
public func conv2DBackwardWeights(
    shape: Conv2DShape,
    input: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
    weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?,
    workspace: UnsafeMutablePointer<Float>
) {
    let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
    biasGradient?.update(repeating: 0, count: cout)
    for n in 0..<shape.batch {
        let image = input + n * shape.inputImageCount
        let dy = outputGradient + n * shape.outputImageCount
        let columns: UnsafePointer<Float>
        if shape.isPointwise {
            columns = image
        } else {
            shape.unfold(image, into: workspace)
            columns = UnsafePointer(workspace)
        }
        gemm(transA: .none, transB: .transposed, m: cout, n: k, k: pixels, alpha: 1,
             a: dy, lda: pixels, b: columns, ldb: pixels,
             beta: n == 0 ? 0 : 1, c: weightGradient, ldc: k)
        if let biasGradient {
            for co in 0..<cout {
                let row = dy + co * pixels
                var sum: Float = 0
                for p in 0..<pixels { sum += row[p] }
                biasGradient[co] += sum
            }
        }
    }
}
