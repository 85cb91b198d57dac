import Foundation

/// Draws the ten procedural glyphs: seven-segment digits 0–9 (with the "1" as a centred bar),
/// anti-aliased by exact pixel coverage of round-capped strokes.
struct GlyphRenderer {
    /// Half the glyph box, in pixels at scale 1: 9 wide and 16 tall, close to MNIST's digits.
    static let halfWidth: Float = 4.5
    static let halfHeight: Float = 8

    /// The segments, as pairs of corner points in units of the half box (x right, y down).
    enum Segment: Int, CaseIterable {
        case top, upperRight, lowerRight, bottom, lowerLeft, upperLeft, middle, centreBar

        var ends: (SIMD2<Float>, SIMD2<Float>) {
            switch self {
            case .top: return (SIMD2(-1, -1), SIMD2(1, -1))
            case .upperRight: return (SIMD2(1, -1), SIMD2(1, 0))
            case .lowerRight: return (SIMD2(1, 0), SIMD2(1, 1))
            case .bottom: return (SIMD2(-1, 1), SIMD2(1, 1))
            case .lowerLeft: return (SIMD2(-1, 0), SIMD2(-1, 1))
            case .upperLeft: return (SIMD2(-1, -1), SIMD2(-1, 0))
            case .middle: return (SIMD2(-1, 0), SIMD2(1, 0))
            case .centreBar: return (SIMD2(0, -1), SIMD2(0, 1))
            }
        }
    }

    /// The segments lit for each class, as on a seven-segment display.
    static let classSegments: [[Segment]] = [
        [.top, .upperRight, .lowerRight, .bottom, .lowerLeft, .upperLeft],          // 0
        [.centreBar],                                                               // 1
        [.top, .upperRight, .middle, .lowerLeft, .bottom],                          // 2
        [.top, .upperRight, .middle, .lowerRight, .bottom],                         // 3
        [.upperLeft, .middle, .upperRight, .lowerRight],                            // 4
        [.top, .upperLeft, .middle, .lowerRight, .bottom],                          // 5
        [.top, .upperLeft, .middle, .lowerLeft, .lowerRight, .bottom],              // 6
        [.top, .upperRight, .lowerRight],                                           // 7
        [.top, .upperRight, .lowerRight, .bottom, .lowerLeft, .upperLeft, .middle], // 8
        [.top, .upperRight, .lowerRight, .bottom, .upperLeft, .middle],             // 9
    ]

    /// The pose and stroke of one glyph.
    struct Pose {
        var dx: Float, dy: Float, scale: Float, rotation: Float, stroke: Float
    }

    let size: Int

    /// Draws glyph `label` into `pixels` (size × size, row-major), values in [0, 1].
    func draw(label: Int, pose: Pose, into pixels: UnsafeMutableBufferPointer<Float>) {
        let radians = Double(pose.rotation) * Double.pi / 180
        let c = Float(cos(radians)), s = Float(sin(radians))
        let centre = SIMD2(Float(size - 1) / 2 + pose.dx, Float(size - 1) / 2 + pose.dy)
        // Counter-clockwise on screen (y down) is (x, y) → (x c + y s, −x s + y c).
        func place(_ p: SIMD2<Float>) -> SIMD2<Float> {
            let q = p * SIMD2(GlyphRenderer.halfWidth, GlyphRenderer.halfHeight) * pose.scale
            return centre + SIMD2(q.x * c + q.y * s, -q.x * s + q.y * c)
        }
        let strokes = GlyphRenderer.classSegments[label].map { segment -> (SIMD2<Float>, SIMD2<Float>) in
            let (a, b) = segment.ends
            return (place(a), place(b))
        }
        let halfStroke = pose.stroke / 2
        for i in pixels.indices { pixels[i] = 0 }
        // Only pixels within half a stroke plus one of the segments' bounding box can be inked.
        let ends = strokes.flatMap { [$0.0, $0.1] }
        let margin = halfStroke + 1
        let low = ends.reduce(SIMD2<Float>(repeating: .infinity)) { pointwiseMin($0, $1) } - margin
        let high = ends.reduce(SIMD2<Float>(repeating: -.infinity)) { pointwiseMax($0, $1) } + margin
        let x0 = GlyphRenderer.clampedIndex(low.x, size), x1 = GlyphRenderer.clampedIndex(high.x, size)
        let y0 = GlyphRenderer.clampedIndex(low.y, size), y1 = GlyphRenderer.clampedIndex(high.y, size)
        guard x0 <= x1, y0 <= y1 else { return }
        for y in y0...y1 {
            for x in x0...x1 {
                let p = SIMD2(Float(x), Float(y))
                var nearest = Float.infinity
                for (a, b) in strokes { nearest = min(nearest, GlyphRenderer.distance(p, a, b)) }
                // A pixel is a unit square: coverage ramps from 0 to 1 over the pixel's width
                // as the stroke edge passes its centre.
                pixels[y * size + x] = min(1, max(0, halfStroke + 0.5 - nearest))
            }
        }
    }

    /// `value` rounded to a pixel index within 0..<size (any Float, even NaN, is safe).
    static func clampedIndex(_ value: Float, _ size: Int) -> Int {
        guard value.isFinite else { return value > 0 ? size - 1 : 0 }
        return Int(min(max(value.rounded(), 0), Float(size - 1)))
    }

    /// Distance from `p` to the segment from `a` to `b`.
    static func distance(_ p: SIMD2<Float>, _ a: SIMD2<Float>, _ b: SIMD2<Float>) -> Float {
        let ab = b - a, ap = p - a
        let length2 = (ab * ab).sum()
        let t = length2 > 0 ? min(1, max(0, (ap * ab).sum() / length2)) : 0
        let d = ap - ab * t
        return (d * d).sum().squareRoot()
    }
}
