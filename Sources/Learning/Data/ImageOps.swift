import Foundation

/// Geometric operations on one image sample stored as [channels, height, width].
///
/// Coordinates: x runs right along a row, y runs down the rows, pixel (x, y) is centred at
/// integer coordinates, and everything outside the image reads as 0 (the background of
/// unnormalised image data).
enum ImageOps {
    /// Samples channel plane `plane` at the real position (x, y) by bilinear interpolation.
    @inline(__always)
    static func bilinear(_ plane: UnsafeBufferPointer<Float>, _ base: Int, _ h: Int, _ w: Int,
                         _ x: Float, _ y: Float) -> Float {
        let x0f = x.rounded(.down), y0f = y.rounded(.down)
        // Far outside (or NaN) reads as background; this also keeps the Int conversion safe.
        guard x0f > -2, y0f > -2, x0f < Float(w) + 1, y0f < Float(h) + 1 else { return 0 }
        let x0 = Int(x0f), y0 = Int(y0f)
        let fx = x - x0f, fy = y - y0f
        func at(_ xx: Int, _ yy: Int) -> Float {
            (xx >= 0 && xx < w && yy >= 0 && yy < h) ? plane[base + yy * w + xx] : 0
        }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }

    /// Fills `dst` with `src` resampled: output pixel (x, y) reads the source at `source(x, y)`.
    static func resample(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                         channels: Int, height: Int, width: Int,
                         source: (Float, Float) -> (Float, Float)) {
        let plane = height * width
        for y in 0..<height {
            for x in 0..<width {
                let (sx, sy) = source(Float(x), Float(y))
                for c in 0..<channels {
                    dst[c * plane + y * width + x] = bilinear(src, c * plane, height, width, sx, sy)
                }
            }
        }
    }

    /// Moves the content by (dx, dy) pixels: right and down for positive values.
    static func shift(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                      channels: Int, height: Int, width: Int, dx: Float, dy: Float) {
        resample(src, dst, channels: channels, height: height, width: width) { x, y in
            (x - dx, y - dy)
        }
    }

    /// Rotates the content by `degrees` counter-clockwise as displayed, about the image centre.
    static func rotate(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                       channels: Int, height: Int, width: Int, degrees: Float) {
        let radians = Double(degrees) * Double.pi / 180
        let c = Float(cos(radians)), s = Float(sin(radians))
        let cx = Float(width - 1) / 2, cy = Float(height - 1) / 2
        // With u right and v up, a counter-clockwise turn maps (u, v) to R(θ)(u, v); each output
        // pixel reads the source at R(−θ) of its own position.
        resample(src, dst, channels: channels, height: height, width: width) { x, y in
            let u = x - cx, v = cy - y
            let su = u * c + v * s, sv = -u * s + v * c
            return (su + cx, cy - sv)
        }
    }

    /// Mirrors left–right (`horizontal`) or top–bottom.
    static func flip(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                     channels: Int, height: Int, width: Int, horizontal: Bool) {
        for c in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    let (sx, sy) = horizontal ? (width - 1 - x, y) : (x, height - 1 - y)
                    dst[(c * height + y) * width + x] = src[(c * height + sy) * width + sx]
                }
            }
        }
    }

    /// Copies the `outHeight × outWidth` window whose top-left corner is at (left, top) in the
    /// source's coordinates (which may be negative or run past the edge: zero padding).
    static func crop(_ src: UnsafeBufferPointer<Float>, _ dst: UnsafeMutableBufferPointer<Float>,
                     channels: Int, height: Int, width: Int,
                     top: Int, left: Int, outHeight: Int, outWidth: Int) {
        for c in 0..<channels {
            for y in 0..<outHeight {
                let sy = y + top
                for x in 0..<outWidth {
                    let sx = x + left
                    let inside = sy >= 0 && sy < height && sx >= 0 && sx < width
                    dst[(c * outHeight + y) * outWidth + x] =
                        inside ? src[(c * height + sy) * width + sx] : 0
                }
            }
        }
    }
}
