// Folding (col2im) by gathering, for unit strides: each input value sums, in a register, the
// unfolded-gradient entries that read it, and is written once.
//
// `fold` adds every unfolded row onto the image in turn. For a 5×5 kernel over an 8-wide output,
// that is one 8-float load-add-store per row and output row, each overlapping the previous row's
// store at a one-float shift, so the load waits for the store to reach the cache (~14 cycles per
// run, measured: 5% of a CNN step). Gathering reads the same entries and adds them in the same
// order (unfolded rows in increasing order, onto zero), so every value keeps its bits: lanes
// outside a row's valid range add +0, which leaves any sum unchanged because a sum that starts
// at +0 is never -0.

extension Conv2DShape {
    /// Whether `gatherFold` applies: unit strides, so 8 neighbouring input values read 8
    /// neighbouring entries of an unfolded row.
    var foldsByGathering: Bool { strideHeight == 1 && strideWidth == 1 && !isPointwise }

    /// Floats `gatherFold` may read, and ignore, before and after the unfolded gradient.
    static let gatherSlack = 8

    /// Overwrites `image` (`Cin·H·W` floats) with the fold of `columns` (`workspaceCount` floats,
    /// with `gatherSlack` readable floats on either side). Requires `foldsByGathering`.
    package func gatherFold(_ columns: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        let kw = kernelWidth, height = inputHeight
        withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: kw) { buffer in
            guard let masks = buffer.baseAddress else { return }
            for w0 in stride(from: 0, to: inputWidth, by: 8) {
                for kj in 0..<kw { masks[kj] = Conv2DShape.laneMask(x0: w0 + paddingWidth - kj, width: outputWidth) }
                let count = min(8, inputWidth - w0)
                for c in 0..<inputChannels {
                    let channelRows = columns + c * kernelHeight * kw * outputPixels
                    let target = image + c * height * inputWidth + w0
                    // Two input rows at a time: two independent chains of additions, so the
                    // adder's latency is hidden (one chain ran at a third of the speed).
                    for h in stride(from: 0, to: height, by: 2) {
                        let (upper, lower) = gatheredPair(channelRows, h: h, w0: w0, twoRows: h + 1 < height,
                                                          masks: UnsafePointer(masks))
                        Conv2DShape.store(upper, count, target + h * inputWidth)
                        if h + 1 < height { Conv2DShape.store(lower, count, target + (h + 1) * inputWidth) }
                    }
                }
            }
        }
    }

    /// All ones in the lanes l with 0 <= x0 + l < width, zero elsewhere. Integer lane arithmetic,
    /// because `SIMDMask` operations compiled to one store per lane and made the fold 13× slower.
    @inline(__always)
    static func laneMask(x0: Int, width: Int) -> SIMD8<Int32> {
        let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
        let lo = Int32(truncatingIfNeeded: max(-8, min(8, -x0)))
        let hi = Int32(truncatingIfNeeded: max(-8, min(8, width - x0)))
        // lane - lo and hi - 1 - lane are both not negative exactly inside the range.
        return ~(((lanes &- lo) | ((hi &- 1) &- lanes)) &>> 31)
    }

    @inline(__always)
    static func store(_ sum: SIMD8<Float>, _ count: Int, _ target: UnsafeMutablePointer<Float>) {
        if count == 8 {
            UnsafeMutableRawPointer(target).storeBytes(of: sum, as: SIMD8<Float>.self)
        } else {
            for lane in 0..<count { target[lane] = sum[lane] }
        }
    }

    /// The sums for input values (h, w0 ..< w0 + 8) and, if `twoRows`, (h + 1, same columns) of
    /// one channel, whose unfolded rows start at `channelRows`, each in unfolded-row order.
    @inline(__always)
    private func gatheredPair(_ channelRows: UnsafePointer<Float>, h: Int, w0: Int, twoRows: Bool,
                              masks: UnsafePointer<SIMD8<Int32>>) -> (SIMD8<Float>, SIMD8<Float>) {
        let ow = outputWidth, oh = outputHeight, kw = kernelWidth, pixels = outputPixels
        var upper = SIMD8<Float>(), lower = SIMD8<Float>()
        for ki in 0..<kernelHeight {
            // Output row y reads input row h (and y + 1 reads h + 1) at kernel row ki.
            let y = h + paddingHeight - ki
            let upperValid = y >= 0 && y < oh, lowerValid = twoRows && y + 1 >= 0 && y + 1 < oh
            if !upperValid && !lowerValid { continue }
            for kj in 0..<kw {
                let x0 = w0 + paddingWidth - kj
                if x0 <= -8 || x0 >= ow { continue }
                // Only the valid row's address is read; the other may lie outside the buffer.
                let entry = channelRows + (ki * kw + kj) * pixels + y * ow + x0
                let mask = masks[kj]
                if upperValid { upper += Conv2DShape.masked(entry, mask) }
                if lowerValid { lower += Conv2DShape.masked(entry + ow, mask) }
            }
        }
        return (upper, lower)
    }

    /// Eight floats from `source`, zero (+0) where `mask` is zero.
    @inline(__always)
    static func masked(_ source: UnsafePointer<Float>, _ mask: SIMD8<Int32>) -> SIMD8<Float> {
        let bits = UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Int32>.self) & mask
        return unsafeBitCast(bits, to: SIMD8<Float>.self)
    }
}
