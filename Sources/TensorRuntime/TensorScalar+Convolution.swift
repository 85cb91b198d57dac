import TensorKernels

/// Which of the three bilinear maps of a convolution a kernel call computes. With `C(x, w)` the
/// convolution, `inputGradient(g, w)` is its adjoint in `x` and `weightGradient(x, g)` its adjoint
/// in `w`; each is the others' gradient, which is what makes convolutions twice differentiable.
public enum Conv2DPass: Sendable, Equatable {
    /// `out = C(a, b)` (+ bias): `a` the input, `b` the weights.
    case forward
    /// `out = Cᵀ_x(a, b)`: `a` the output gradient, `b` the weights; the result has the input's shape.
    case inputGradient
    /// `out = Cᵀ_w(a, b)`: `a` the input, `b` the output gradient; the result has the weights' shape.
    case weightGradient
}

/// The direct Float64 convolution for numerics and gradient checks: one loop nest for all three
/// passes, so the three can never disagree about geometry.
@inline(__always)
private func directConvolution<S: TensorScalar>(_ pass: Conv2DPass, _ s: Conv2DShape, _ a: UnsafePointer<S>,
                                                _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                                _ bias: UnsafePointer<S>?) {
    let (oh, ow) = (s.outputHeight, s.outputWidth)
    let outCount = pass == .forward ? s.batch * s.outputImageCount
        : pass == .inputGradient ? s.batch * s.inputImageCount : s.weightCount
    out.update(repeating: 0, count: outCount)
    for n in 0..<s.batch { for co in 0..<s.outputChannels { for ci in 0..<s.inputChannels {
        for ki in 0..<s.kernelHeight { for kj in 0..<s.kernelWidth {
            let w = ((co * s.inputChannels + ci) * s.kernelHeight + ki) * s.kernelWidth + kj
            for y in 0..<oh {
                let ih = y * s.strideHeight - s.paddingHeight + ki
                guard ih >= 0 && ih < s.inputHeight else { continue }
                for x in 0..<ow {
                    let iw = x * s.strideWidth - s.paddingWidth + kj
                    guard iw >= 0 && iw < s.inputWidth else { continue }
                    let i = ((n * s.inputChannels + ci) * s.inputHeight + ih) * s.inputWidth + iw
                    let o = ((n * s.outputChannels + co) * oh + y) * ow + x
                    switch pass {
                    case .forward: out[o] += a[i] * b[w]
                    case .inputGradient: out[i] += a[o] * b[w]
                    case .weightGradient: out[w] += a[i] * b[o]
                    }
                }
            }
        } }
    } } }
    if pass == .forward, let bias {
        for n in 0..<s.batch { for co in 0..<s.outputChannels {
            let plane = out + (n * s.outputChannels + co) * s.outputPixels
            for p in 0..<s.outputPixels { plane[p] += bias[co] }
        } }
    }
}

/// The input positions `lo..<hi` covered by pooling window `o` along one axis (padding excluded).
@inline(__always)
private func poolWindow(_ o: Int, _ stride: Int, _ padding: Int, _ kernel: Int, _ size: Int) -> (Int, Int) {
    let start = o * stride - padding
    return (Swift.max(start, 0), Swift.min(start + kernel, size))
}

/// Float64 pooling with the same semantics as the Float32 kernels: max picks the first maximum in
/// row-major order and lets NaN through; averages exclude padding; `transpose` spreads gradients back.
@inline(__always)
private func directPooling<S: TensorScalar>(max: Bool, transpose: Bool, _ s: Pool2DShape, _ input: UnsafePointer<S>,
                                            _ out: UnsafeMutablePointer<S>, _ indices: UnsafeMutablePointer<Int32>?) {
    if transpose { out.update(repeating: 0, count: s.planes * s.inputPlaneCount) }
    for plane in 0..<s.planes {
        let inBase = plane * s.inputPlaneCount, outBase = plane * s.outputPlaneCount
        for y in 0..<s.outputHeight {
            let (h0, h1) = poolWindow(y, s.strideHeight, s.paddingHeight, s.kernelHeight, s.inputHeight)
            for x in 0..<s.outputWidth {
                let (w0, w1) = poolWindow(x, s.strideWidth, s.paddingWidth, s.kernelWidth, s.inputWidth)
                let o = outBase + y * s.outputWidth + x
                let area = S((h1 - h0) * (w1 - w0))
                if transpose {
                    for h in h0..<h1 { for w in w0..<w1 { out[inBase + h * s.inputWidth + w] += input[o] / area } }
                } else if max {
                    var best = input[inBase + h0 * s.inputWidth + w0], bestIndex = h0 * s.inputWidth + w0
                    for h in h0..<h1 { for w in w0..<w1 {
                        let v = input[inBase + h * s.inputWidth + w]
                        if !(v <= best) && !best.isNaN { best = v; bestIndex = h * s.inputWidth + w }
                    } }
                    out[o] = best
                    indices?[o] = Int32(truncatingIfNeeded: bestIndex)
                } else {
                    var sum = S(0)
                    for h in h0..<h1 { for w in w0..<w1 { sum += input[inBase + h * s.inputWidth + w] } }
                    out[o] = sum / area
                }
            }
        }
    }
}

extension Float {
    /// Implementation hook: convolution passes through the im2col + `gemm` kernels, on the worker
    /// pool in force (`TensorThreading`); the kernels give the same bits for every thread count.
    public static func _conv2DKernel(_ pass: Conv2DPass, _ shape: Conv2DShape, _ a: UnsafePointer<Float>,
                                     _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                                     bias: UnsafePointer<Float>?) {
        let pool = TensorThreading.pool
        // With a pool every thread unfolds into its own pool workspace; only the serial path
        // needs a buffer from here.
        let workspace = pool == nil ? UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(shape.workspaceCount, 1))
            : nil
        defer { workspace?.deallocate() }
        switch pass {
        case .forward:
            conv2DForward(shape: shape, input: a, weights: b, bias: bias, output: out, workspace: workspace, pool: pool)
        case .inputGradient:
            conv2DBackwardInput(shape: shape, outputGradient: a, weights: b, inputGradient: out, workspace: workspace,
                                pool: pool)
        case .weightGradient:
            conv2DBackwardWeights(shape: shape, input: a, outputGradient: b, weightGradient: out,
                                  biasGradient: nil, workspace: workspace, pool: pool)
        }
    }

    /// Implementation hook: max pooling (with window-local argmax indices) or average pooling and its adjoint.
    public static func _pool2DKernel(max: Bool, transpose: Bool, _ shape: Pool2DShape, _ input: UnsafePointer<Float>,
                                     _ out: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>?) {
        // Plane groups on the task's worker pool: a CNN's pooling is otherwise the largest serial
        // kernel of a step.
        shape.forEachPlaneGroup { part, first in
            let inputOffset = first * shape.inputPlaneCount, outputOffset = first * shape.outputPlaneCount
            switch (max, transpose, indices) {
            case (true, _, let indices?):
                maxPool2DForward(shape: part, input: input + inputOffset, output: out + outputOffset,
                                 indices: indices + outputOffset)
            case (false, false, _):
                averagePool2DForward(shape: part, input: input + inputOffset, output: out + outputOffset)
            case (false, true, _):
                averagePool2DBackward(shape: part, outputGradient: input + outputOffset, inputGradient: out + inputOffset)
            default:
                directPooling(max: max, transpose: transpose, part, input + inputOffset, out + outputOffset,
                              indices.map { $0 + outputOffset })
            }
        }
    }
}

extension Double {
    /// Implementation hook: direct Float64 convolution passes.
    public static func _conv2DKernel(_ pass: Conv2DPass, _ shape: Conv2DShape, _ a: UnsafePointer<Double>,
                                     _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                     bias: UnsafePointer<Double>?) {
        directConvolution(pass, shape, a, b, out, bias)
    }

    /// Implementation hook: direct Float64 pooling.
    public static func _pool2DKernel(max: Bool, transpose: Bool, _ shape: Pool2DShape, _ input: UnsafePointer<Double>,
                                     _ out: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int32>?) {
        directPooling(max: max, transpose: transpose, shape, input, out, indices)
    }
}
