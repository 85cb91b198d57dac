import Foundation

/// Blurring filters on one image sample stored as [channels, height, width].
enum ImageFilters {
    /// The normalised 1-D Gaussian of standard deviation `sigma`, truncated at 3σ (where the
    /// weights have fallen below 1.2% of the peak, a negligible share of the mass).
    static func gaussianKernel(sigma: Float) -> [Float] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        var weights = (-radius...radius).map { k -> Float in
            let t = Float(k) / sigma
            return Float(exp(Double(-0.5 * t * t)))
        }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// Separable Gaussian blur; indices past an edge reuse the edge pixel, so a flat image stays
    /// flat and no brightness leaks in or out at the border.
    static func gaussianBlur(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                             channels: Int, height: Int, width: Int, kernel: [Float],
                             scratch: inout [Float]) {
        let radius = kernel.count / 2
        let plane = height * width
        if scratch.count < plane { scratch = [Float](repeating: 0, count: plane) }
        for c in 0..<channels {
            let base = c * plane
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for k in 0..<kernel.count {
                        let sx = min(max(x + k - radius, 0), width - 1)
                        sum += kernel[k] * src[base + y * width + sx]
                    }
                    scratch[y * width + x] = sum
                }
            }
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Float = 0
                    for k in 0..<kernel.count {
                        let sy = min(max(y + k - radius, 0), height - 1)
                        sum += kernel[k] * scratch[sy * width + x]
                    }
                    dst[base + y * width + x] = sum
                }
            }
        }
    }

    /// How `downsampleThenUpsample` returns to full size.
    enum Upsampling: Sendable {
        /// Each low-resolution pixel fills its k×k block (blocky).
        case nearest
        /// Bilinear interpolation between low-resolution pixel centres (smooth).
        case bilinear
    }

    /// The critical-period blur deficit: average k×k blocks, then scale back to full size.
    ///
    /// Blocks at the right and bottom edges may be partial; they average the pixels they have.
    static func downsampleThenUpsample(_ src: UnsafeBufferPointer<Float>,
                                       _ dst: UnsafeMutableBufferPointer<Float>,
                                       channels: Int, height: Int, width: Int, factor k: Int,
                                       upsampling: Upsampling) {
        let lh = (height + k - 1) / k, lw = (width + k - 1) / k
        var low = [Float](repeating: 0, count: lh * lw)
        for c in 0..<channels {
            let base = c * height * width
            for by in 0..<lh {
                for bx in 0..<lw {
                    var sum: Float = 0
                    var n = 0
                    for y in (by * k)..<min(by * k + k, height) {
                        for x in (bx * k)..<min(bx * k + k, width) {
                            sum += src[base + y * width + x]
                            n += 1
                        }
                    }
                    low[by * lw + bx] = sum / Float(n)
                }
            }
            for y in 0..<height {
                for x in 0..<width {
                    dst[base + y * width + x] = upsampling == .nearest
                        ? low[(y / k) * lw + x / k]
                        : upsampleBilinear(low, lh, lw, x, y, k)
                }
            }
        }
    }

    /// Reads the low-resolution image at the centre of full-resolution pixel (x, y), clamping at
    /// the edges (half-pixel alignment: low pixel j covers full pixels j·k …< (j+1)·k).
    private static func upsampleBilinear(_ low: [Float], _ lh: Int, _ lw: Int,
                                         _ x: Int, _ y: Int, _ k: Int) -> Float {
        let fx = min(max((Float(x) + 0.5) / Float(k) - 0.5, 0), Float(lw - 1))
        let fy = min(max((Float(y) + 0.5) / Float(k) - 0.5, 0), Float(lh - 1))
        let x0 = Int(fx), y0 = Int(fy)
        let x1 = min(x0 + 1, lw - 1), y1 = min(y0 + 1, lh - 1)
        let ax = fx - Float(x0), ay = fy - Float(y0)
        let top = low[y0 * lw + x0] * (1 - ax) + low[y0 * lw + x1] * ax
        let bottom = low[y1 * lw + x0] * (1 - ax) + low[y1 * lw + x1] * ax
        return top * (1 - ay) + bottom * ay
    }
}
