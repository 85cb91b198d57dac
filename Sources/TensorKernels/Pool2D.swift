// Max and average pooling over NCHW buffers, and global average pooling.
//
// Shared preconditions (unchecked): `shape` satisfies `Pool2DShape`'s preconditions; inputs and
// input gradients hold `planes · inputPlaneCount` floats; outputs, output gradients and indices
/// hold `planes · outputPlaneCount` elements. Buffers must not overlap.

/// Max pooling: each output is the largest input in its window (padding excluded), and
/// `indices` receives its offset `h · W + w` within the plane, for the backward pass.
///
/// Ties go to the first element in row-major order. A NaN in a window propagates to the output.
public func maxPool2DForward(
    shape: Pool2DShape, input: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>
) {
    if shape.kernelHeight == 2, shape.kernelWidth == 2, shape.strideHeight == 2, shape.strideWidth == 2,
       shape.paddingHeight == 0, shape.paddingWidth == 0 {
        return maxPool2x2Forward(shape: shape, input: input, output: output, indices: indices)
    }
    let oh = shape.outputHeight, ow = shape.outputWidth, width = shape.inputWidth
    for plane in 0..<shape.planes {
        let x = input + plane * shape.inputPlaneCount
        let base = plane * shape.outputPlaneCount
        for y in 0..<oh {
            let (h0, h1) = Pool2DShape.window(y, stride: shape.strideHeight, padding: shape.paddingHeight,
                                              kernel: shape.kernelHeight, size: shape.inputHeight)
            for xo in 0..<ow {
                let (w0, w1) = Pool2DShape.window(xo, stride: shape.strideWidth, padding: shape.paddingWidth,
                                                  kernel: shape.kernelWidth, size: width)
                var best = x[h0 * width + w0], bestIndex = h0 * width + w0
                for h in h0..<h1 {
                    for w in w0..<w1 {
                        let value = x[h * width + w]
                        // `!(value <= best)` also catches a NaN, so it is never hidden by a max.
                        let take = !(value <= best) && !best.isNaN
                        // Selects instead of a branch: on real activations the comparison is a
                        // coin flip, and mispredictions made this loop the CNN's slowest kernel.
                        best = take ? value : best
                        bestIndex = take ? h * width + w : bestIndex
                    }
                }
                output[base + y * ow + xo] = best
                indices[base + y * ow + xo] = Int32(truncatingIfNeeded: bestIndex)
            }
        }
    }
}

/// Max pooling backward: overwrites `inputGradient` with zeros, then routes each output gradient
/// to the input element its window chose (overlapping windows accumulate).
public func maxPool2DBackward(
    shape: Pool2DShape, outputGradient: UnsafePointer<Float>, indices: UnsafePointer<Int32>,
    inputGradient: UnsafeMutablePointer<Float>
) {
    inputGradient.update(repeating: 0, count: shape.planes * shape.inputPlaneCount)
    let outCount = shape.outputPlaneCount
    for plane in 0..<shape.planes {
        let dx = inputGradient + plane * shape.inputPlaneCount
        let base = plane * outCount
        for o in 0..<outCount { dx[Int(indices[base + o])] += outputGradient[base + o] }
    }
}

/// Average pooling: each output is the mean of the input elements its window covers. Padding is
/// excluded from the count, so border windows average fewer elements.
public func averagePool2DForward(
    shape: Pool2DShape, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
) {
    let oh = shape.outputHeight, ow = shape.outputWidth, width = shape.inputWidth
    for plane in 0..<shape.planes {
        let x = input + plane * shape.inputPlaneCount
        let out = output + plane * shape.outputPlaneCount
        for y in 0..<oh {
            let (h0, h1) = Pool2DShape.window(y, stride: shape.strideHeight, padding: shape.paddingHeight,
                                              kernel: shape.kernelHeight, size: shape.inputHeight)
            for xo in 0..<ow {
                let (w0, w1) = Pool2DShape.window(xo, stride: shape.strideWidth, padding: shape.paddingWidth,
                                                  kernel: shape.kernelWidth, size: width)
                var sum: Float = 0
                for h in h0..<h1 {
                    for w in w0..<w1 { sum += x[h * width + w] }
                }
                out[y * ow + xo] = sum / Float((h1 - h0) * (w1 - w0))
            }
        }
    }
}

/// Average pooling backward: overwrites `inputGradient`, spreading each output gradient evenly
/// over the input elements of its window.
public func averagePool2DBackward(
    shape: Pool2DShape, outputGradient: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>
) {
    inputGradient.update(repeating: 0, count: shape.planes * shape.inputPlaneCount)
    let oh = shape.outputHeight, ow = shape.outputWidth, width = shape.inputWidth
    for plane in 0..<shape.planes {
        let dx = inputGradient + plane * shape.inputPlaneCount
        let dy = outputGradient + plane * shape.outputPlaneCount
        for y in 0..<oh {
            let (h0, h1) = Pool2DShape.window(y, stride: shape.strideHeight, padding: shape.paddingHeight,
                                              kernel: shape.kernelHeight, size: shape.inputHeight)
            for xo in 0..<ow {
                let (w0, w1) = Pool2DShape.window(xo, stride: shape.strideWidth, padding: shape.paddingWidth,
                                                  kernel: shape.kernelWidth, size: width)
                let share = dy[y * ow + xo] / Float((h1 - h0) * (w1 - w0))
                for h in h0..<h1 {
                    for w in w0..<w1 { dx[h * width + w] += share }
                }
            }
        }
    }
}

/// Global average pooling: `output[p] = mean(input[p, ·])` for each of `planes` planes of
/// `planeCount` floats (NCHW → NC). Precondition: both counts positive.
public func globalAveragePoolForward(
    planes: Int, planeCount: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>
) {
    for p in 0..<planes {
        let x = input + p * planeCount
        var sum: Float = 0
        for i in 0..<planeCount { sum += x[i] }
        output[p] = sum / Float(planeCount)
    }
}

/// Global average pooling backward: overwrites `inputGradient[p, i]` with `outputGradient[p] / planeCount`.
public func globalAveragePoolBackward(
    planes: Int, planeCount: Int, outputGradient: UnsafePointer<Float>,
    inputGradient: UnsafeMutablePointer<Float>
) {
    for p in 0..<planes {
        (inputGradient + p * planeCount).update(repeating: outputGradient[p] / Float(planeCount),
                                                count: planeCount)
    }
}
