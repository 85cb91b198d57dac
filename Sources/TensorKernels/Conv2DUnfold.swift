/// Unfolding (im2col) and folding (col2im) of one NCHW image for the convolution GEMMs.
///
/// The unfolded matrix has `shape.columnRows` rows, one per (channel, ki, kj), ordered like the
/// weight tensor's inner dimensions, and `shape.outputPixels` columns, one per output position.
/// Row (c, ki, kj) reads input pixel (y·sh - ph + ki, x·sw - pw + kj) at output position (y, x).
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

    /// Whether consecutive output rows read consecutive-in-memory input rows at unit stride, so a
    /// whole unfolded row is one flat copy of the input plane (the usual "same" convolution).
    var rowsAreContiguous: Bool { strideWidth == 1 && outputWidth == strideHeight * inputWidth }

    /// Calls `body(row, source, h0, h1, w0, w1)` for every unfolded row: `row` is its start,
    /// `source` the input address read at output position (0, 0) (possibly outside the plane; only
    /// positions y in h0..<h1, x in w0..<w1 are valid to read).
    @inline(__always)
    func forEachUnfoldedRow(_ image: UnsafePointer<Float>, _ columns: UnsafeMutablePointer<Float>,
                            _ body: (UnsafeMutablePointer<Float>, UnsafePointer<Float>, Int, Int, Int, Int) -> Void) {
        let oh = outputHeight, ow = outputWidth
        // The valid ranges depend on the kernel offset only: worked out once per call, not per
        // channel (their divisions were ~10% of unfolding a 32-channel image).
        let rowRanges = (0..<kernelHeight).map {
            Conv2DShape.validRange(offset: $0, stride: strideHeight, padding: paddingHeight, size: inputHeight, outputs: oh)
        }
        let columnRanges = (0..<kernelWidth).map {
            Conv2DShape.validRange(offset: $0, stride: strideWidth, padding: paddingWidth, size: inputWidth, outputs: ow)
        }
        for c in 0..<inputChannels {
            let plane = image + c * inputHeight * inputWidth
            for ki in 0..<kernelHeight {
                let (h0, h1) = rowRanges[ki]
                for kj in 0..<kernelWidth {
                    let (w0, w1) = columnRanges[kj]
                    let row = columns + ((c * kernelHeight + ki) * kernelWidth + kj) * outputPixels
                    let source = plane + (ki - paddingHeight) * inputWidth + (kj - paddingWidth)
                    body(row, source, h0, h1, w0, w1)
                }
            }
        }
    }

    /// Copies `count` floats in 8-wide vector moves, then the rest one by one. Why: unfolded rows of
    /// a valid convolution are runs of 8–24 floats (a 5×5 kernel over 12×12 or 28×28 images); the
    /// compiler's loop for them checked for overlap and fell back to scalar copies, which made
    /// unfolding ~14% of a CNN step.
    @inline(__always)
    static func copyRun(_ target: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: v, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            target[i] = source[i]
            i += 1
        }
    }

    /// `target[i] += source[i]` for `count` floats, 8 at a time, for the reason given at `copyRun`.
    @inline(__always)
    static func addRun(_ target: UnsafeMutablePointer<Float>, _ source: UnsafePointer<Float>, _ count: Int) {
        var i = 0
        while i + 8 <= count {
            let sum = UnsafeRawPointer(target + i).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(target + i).storeBytes(of: sum, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }

    /// Writes the unfolded `image` (`Cin·H·W` floats) into `columns` (`workspaceCount` floats).
    package func unfold(_ image: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
        let ow = outputWidth, oh = outputHeight, rowStep = strideHeight * inputWidth
        let contiguous = rowsAreContiguous
        forEachUnfoldedRow(image, columns) { row, source, h0, h1, w0, w1 in
            // Loops rather than memcpy/memset: rows are short, where a library call costs more.
            for i in 0..<(h0 * ow) { row[i] = 0 }
            if contiguous && h1 > h0 {
                // One flat copy of the valid span; positions outside w0..<w1 pick up pixels of the
                // neighbouring input row and are zeroed below. The span starts and ends on valid
                // pixels, so it never reads outside the plane.
                let first = h0 * ow + w0, last = (h1 - 1) * ow + w1
                for i in first..<last { row[i] = source[i] }
            } else {
                for y in h0..<h1 {
                    let out = row + y * ow, input = source + y * rowStep
                    if strideWidth == 1 {
                        Conv2DShape.copyRun(out + w0, input + w0, w1 - w0)
                    } else {
                        for x in w0..<w1 { out[x] = input[x * strideWidth] }
                    }
                }
            }
            for y in h0..<h1 {
                let out = row + y * ow
                for x in 0..<w0 { out[x] = 0 }
                for x in w1..<ow { out[x] = 0 }
            }
            for i in (h1 * ow)..<(oh * ow) { row[i] = 0 }
        }
    }

    /// Adds the unfolded gradient `columns` back onto `image` (`Cin·H·W` floats), which the caller
    /// has initialised (usually to zero). Overlapping windows accumulate. `columns` is scratch:
    /// entries that correspond to padding may be overwritten with zero.
    package func fold(_ columns: UnsafeMutablePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        let ow = outputWidth, rowStep = strideHeight * inputWidth
        let contiguous = rowsAreContiguous
        forEachUnfoldedRow(UnsafePointer(image), columns) { row, source, h0, h1, w0, w1 in
            let target = UnsafeMutablePointer(mutating: source)
            if contiguous && h1 > h0 {
                // Zero the padding positions so the flat add below leaves wrapped pixels unchanged.
                for y in h0..<h1 {
                    let out = row + y * ow
                    for x in 0..<w0 { out[x] = 0 }
                    for x in w1..<ow { out[x] = 0 }
                }
                let first = h0 * ow + w0, last = (h1 - 1) * ow + w1
                for i in first..<last { target[i] += row[i] }
            } else {
                for y in h0..<h1 {
                    let gradient = row + y * ow, input = target + y * rowStep
                    if strideWidth == 1 {
                        Conv2DShape.addRun(input + w0, gradient + w0, w1 - w0)
                    } else {
                        for x in w0..<w1 { input[x * strideWidth] += gradient[x] }
                    }
                }
            }
        }
    }
}
