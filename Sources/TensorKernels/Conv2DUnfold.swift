/// Unfolding (im2col) and folding (col2im) of one NCHW image for the convolution GEMMs.
///
/// The unfolded matrix has `shape.columnRows` rows, one per (channel, ki, kj), ordered like the
/// weight tensor's inner dimensions, and `shape.outputPixels` columns, one per output position.
extension Conv2DShape {
    /// The output positions `lo..<hi` along one axis whose input index `o·stride - pad + k` lies in
    /// `0..<size`; the others read padding.
    @inline(__always)
    static func validRange(offset k: Int, stride: Int, padding: Int, size: Int, outputs: Int) -> (Int, Int) {
        // First o with o·stride >= pad - k, and one past the last o with o·stride <= size - 1 + pad - k.
        let first = max(0, (padding - k + stride - 1) / stride)
        let lastBound = size - 1 + padding - k
        let end = lastBound < 0 ? 0 : min(outputs, lastBound / stride + 1)
        return (min(first, end), end)
    }

    /// Writes the unfolded `image` (`Cin·H·W` floats) into `columns` (`workspaceCount` floats).
    package func unfold(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        let oh = outputHeight, ow = outputWidth, pixels = outputPixels
        for c in 0..<inputChannels {
            let plane = image + c * inputHeight * inputWidth
            for ki in 0..<kernelHeight {
                let (h0, h1) = Conv2DShape.validRange(offset: ki, stride: strideHeight,
                                                      padding: paddingHeight, size: inputHeight, outputs: oh)
                for kj in 0..<kernelWidth {
                    let (w0, w1) = Conv2DShape.validRange(offset: kj, stride: strideWidth,
                                                          padding: paddingWidth, size: inputWidth, outputs: ow)
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * pixels
                    for y in 0..<oh {
                        let out = row + y * ow
                        guard y >= h0 && y < h1 else {
                            out.update(repeating: 0, count: ow)
                            continue
                        }
                        let source = plane + (y * strideHeight - paddingHeight + ki) * inputWidth
                            - paddingWidth + kj
                        if w0 > 0 { out.update(repeating: 0, count: w0) }
                        if strideWidth == 1 {
                            (out + w0).update(from: source + w0, count: w1 - w0)
                        } else {
                            for x in w0..<w1 { out[x] = source[x * strideWidth] }
                        }
                        if w1 < ow { (out + w1).update(repeating: 0, count: ow - w1) }
                    }
                }
            }
        }
    }

    /// Adds the unfolded gradient `columns` back onto `image` (`Cin·H·W` floats), which the caller
    /// has initialised (usually to zero). Overlapping windows accumulate.
    package func fold(_ columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        let oh = outputHeight, ow = outputWidth, pixels = outputPixels
        for c in 0..<inputChannels {
            let plane = image + c * inputHeight * inputWidth
            for ki in 0..<kernelHeight {
                let (h0, h1) = Conv2DShape.validRange(offset: ki, stride: strideHeight,
                                                      padding: paddingHeight, size: inputHeight, outputs: oh)
                for kj in 0..<kernelWidth {
                    let (w0, w1) = Conv2DShape.validRange(offset: kj, stride: strideWidth,
                                                          padding: paddingWidth, size: inputWidth, outputs: ow)
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * pixels
                    for y in h0..<h1 {
                        let source = row + y * ow
                        let target = plane + (y * strideHeight - paddingHeight + ki) * inputWidth
                            - paddingWidth + kj
                        for x in w0..<w1 { target[x * strideWidth] += source[x] }
                    }
                }
            }
        }
    }
}
