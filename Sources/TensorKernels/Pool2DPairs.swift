/// Max pooling over non-overlapping 2×2 windows with stride 2 and no padding — the pooling of
/// most CNNs — with the semantics of `maxPool2DForward`: the first maximum in row-major order,
/// and the first NaN if the window holds one.
///
/// Eight windows at a time: two input rows of 16 floats split into their even and odd columns
/// give the four window elements of eight outputs, compared with lane masks instead of branches
/// (the general loop's data-dependent branches mispredicted about half the time on activations).
func maxPool2x2Forward(
    shape: Pool2DShape, input: UnsafePointer<Float>,
    output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>
) {
    let oh = shape.outputHeight, ow = shape.outputWidth, width = shape.inputWidth
    let lanes = 8
    let lane = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
    for plane in 0..<shape.planes {
        let x = input + plane * shape.inputPlaneCount
        let base = plane * shape.outputPlaneCount
        for y in 0..<oh {
            let top = x + 2 * y * width, bottom = top + width
            let out = output + base + y * ow, index = indices + base + y * ow
            var xo = 0
            while xo + lanes <= ow {
                let upper = UnsafeRawPointer(top + 2 * xo).loadUnaligned(as: SIMD16<Float>.self)
                let lower = UnsafeRawPointer(bottom + 2 * xo).loadUnaligned(as: SIMD16<Float>.self)
                let first = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: 2 * y * width + 2 * xo)) &+ lane
                let row = Int32(truncatingIfNeeded: width)
                var best = upper.evenHalf, bestIndex = first
                pick(&best, &bestIndex, upper.oddHalf, first &+ 1)
                pick(&best, &bestIndex, lower.evenHalf, first &+ row)
                pick(&best, &bestIndex, lower.oddHalf, first &+ (row + 1))
                UnsafeMutableRawPointer(out + xo).storeBytes(of: best, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(index + xo).storeBytes(of: bestIndex, as: SIMD8<Int32>.self)
                xo += lanes
            }
            // Four windows from two 8-float rows: a CNN's second pooling (8×8 → 4×4) and the
            // tail of 24 → 12 would otherwise run one window at a time.
            if xo + 4 <= ow {
                let upper = UnsafeRawPointer(top + 2 * xo).loadUnaligned(as: SIMD8<Float>.self)
                let lower = UnsafeRawPointer(bottom + 2 * xo).loadUnaligned(as: SIMD8<Float>.self)
                let first = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: 2 * y * width + 2 * xo))
                    &+ SIMD4<Int32>(0, 2, 4, 6)
                let row = Int32(truncatingIfNeeded: width)
                var best = upper.evenHalf, bestIndex = first
                pick(&best, &bestIndex, upper.oddHalf, first &+ 1)
                pick(&best, &bestIndex, lower.evenHalf, first &+ row)
                pick(&best, &bestIndex, lower.oddHalf, first &+ (row + 1))
                UnsafeMutableRawPointer(out + xo).storeBytes(of: best, as: SIMD4<Float>.self)
                UnsafeMutableRawPointer(index + xo).storeBytes(of: bestIndex, as: SIMD4<Int32>.self)
                xo += 4
            }
            for o in xo..<ow {
                let first = 2 * y * width + 2 * o
                var best = top[2 * o], bestIndex = first
                pick(&best, &bestIndex, top[2 * o + 1], first + 1)
                pick(&best, &bestIndex, bottom[2 * o], first + width)
                pick(&best, &bestIndex, bottom[2 * o + 1], first + width + 1)
                out[o] = best
                index[o] = Int32(truncatingIfNeeded: bestIndex)
            }
        }
    }
}

/// Takes `value` when it beats `best` in max pooling's order: larger, or NaN, unless `best` is NaN.
@inline(__always)
private func pick(_ best: inout SIMD8<Float>, _ index: inout SIMD8<Int32>, _ value: SIMD8<Float>,
                  _ valueIndex: SIMD8<Int32>) {
    let take = .!(value .<= best) .& (best .== best)
    best.replace(with: value, where: take)
    index.replace(with: valueIndex, where: take)
}

/// `pick` for four windows.
@inline(__always)
private func pick(_ best: inout SIMD4<Float>, _ index: inout SIMD4<Int32>, _ value: SIMD4<Float>,
                  _ valueIndex: SIMD4<Int32>) {
    let take = .!(value .<= best) .& (best .== best)
    best.replace(with: value, where: take)
    index.replace(with: valueIndex, where: take)
}

/// The scalar form of `pick`, with selects rather than a branch.
@inline(__always)
private func pick(_ best: inout Float, _ index: inout Int, _ value: Float, _ valueIndex: Int) {
    let take = !(value <= best) && !best.isNaN
    best = take ? value : best
    index = take ? valueIndex : index
}
