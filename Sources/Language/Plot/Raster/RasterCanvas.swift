/// A point on the canvas, in pixels from the top left.
struct RasterPoint: Equatable {
    var x: Double, y: Double
}

/// An RGB colour, each channel in [0, 1].
struct RasterColour: Equatable {
    var red: Double, green: Double, blue: Double

    static let white = RasterColour(red: 1, green: 1, blue: 1)
    static let black = RasterColour(red: 0, green: 0, blue: 0)
}

/// The pixels of a PNG figure, white to begin with, and the one drawing operation everything
/// else reduces to: filling a set of closed outlines with a colour.
///
/// Fills are anti-aliased: each pixel row is sampled along `subRows` horizontal lines, and on
/// each line the covered span's exact horizontal extent is added to the pixels it crosses, so
/// a pixel's coverage is the fraction of its area inside the outlines (to 1/`subRows` in y).
/// The nonzero rule decides what is inside, so overlapping pieces of one outline set (the
/// segments and round joins of a stroked line, the squares of a letter) cover a pixel once.
struct RasterCanvas {
    let width: Int, height: Int
    /// Red, green and blue of each pixel, row by row.
    private(set) var pixels: [Double]
    static let subRows = 4

    init(width: Int, height: Int) {
        self.width = max(width, 1)
        self.height = max(height, 1)
        pixels = [Double](repeating: 1, count: 3 * self.width * self.height)
    }

    /// One straight edge of an outline, with +1 or −1 for the direction it crosses rows in.
    private struct Edge {
        var x0: Double, y0: Double, x1: Double, y1: Double, winding: Int

        func x(at y: Double) -> Double { x0 + (y - y0) * (x1 - x0) / (y1 - y0) }
    }

    /// Fills the union of `outlines` (each a closed polygon; the last point joins the first) with
    /// `colour` at `opacity`, over what is already drawn.
    mutating func fill(_ outlines: [[RasterPoint]], colour: RasterColour, opacity: Double = 1) {
        var edges: [Edge] = []
        for outline in outlines where outline.count >= 3 {
            for (k, a) in outline.enumerated() {
                let b = outline[(k + 1) % outline.count]
                guard a.y != b.y, a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { continue }
                edges.append(a.y < b.y ? Edge(x0: a.x, y0: a.y, x1: b.x, y1: b.y, winding: 1)
                                       : Edge(x0: b.x, y0: b.y, x1: a.x, y1: a.y, winding: -1))
            }
        }
        guard !edges.isEmpty else { return }
        edges.sort { $0.y0 < $1.y0 }
        // Clamped to the canvas before becoming integers: an outline far outside it is cut off.
        let top = Int(min(max(edges[0].y0, 0), Double(height)).rounded(.down))
        let bottom = Int(min(max(edges.map(\.y1).max() ?? 0, 0), Double(height - 1)).rounded(.up))
        guard top <= bottom else { return }
        var coverage = [Double](repeating: 0, count: width)
        var active: [Edge] = [], next = 0
        let share = 1 / Double(Self.subRows)
        for row in top...bottom {
            for i in coverage.indices { coverage[i] = 0 }
            for sub in 0..<Self.subRows {
                let y = Double(row) + (Double(sub) + 0.5) * share
                while next < edges.count, edges[next].y0 <= y {
                    active.append(edges[next])
                    next += 1
                }
                active.removeAll { $0.y1 <= y }
                var crossings = active.filter { $0.y0 <= y }.map { (x: $0.x(at: y), winding: $0.winding) }
                crossings.sort { $0.x < $1.x }
                var winding = 0, start = 0.0
                for c in crossings {
                    if winding == 0 { start = c.x }
                    winding += c.winding
                    if winding == 0 { addSpan(from: start, to: c.x, weight: share, into: &coverage) }
                }
            }
            blend(row: row, coverage: coverage, colour: colour, opacity: opacity)
        }
    }

    /// Adds `weight` times the part of each pixel's width that lies in [a, b).
    private func addSpan(from a: Double, to b: Double, weight: Double, into coverage: inout [Double]) {
        let left = max(a, 0), right = min(b, Double(width))
        guard left < right else { return }
        let first = Int(left.rounded(.down)), last = min(Int(right.rounded(.down)), width - 1)
        if first == last {
            coverage[first] += (right - left) * weight
            return
        }
        coverage[first] += (Double(first + 1) - left) * weight
        if first + 1 < last { for i in (first + 1)..<last { coverage[i] += weight } }
        coverage[last] += (right - Double(last)) * weight
    }

    private mutating func blend(row: Int, coverage: [Double], colour: RasterColour, opacity: Double) {
        for (column, c) in coverage.enumerated() where c > 0 {
            let alpha = min(c, 1) * opacity, i = 3 * (row * width + column)
            pixels[i] += (colour.red - pixels[i]) * alpha
            pixels[i + 1] += (colour.green - pixels[i + 1]) * alpha
            pixels[i + 2] += (colour.blue - pixels[i + 2]) * alpha
        }
    }

    /// The pixels as 8-bit red, green, blue, row by row.
    var bytes: [UInt8] { pixels.map { UInt8((min(max($0, 0), 1) * 255).rounded()) } }
}
