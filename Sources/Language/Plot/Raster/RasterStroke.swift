import Foundation

/// Outlines for `RasterCanvas.fill` that draw lines, circles and rectangles: a stroked line is
/// the union of one rectangle per segment and a disc at every vertex (round joins and caps), all
/// turned the same way so that the nonzero rule covers their overlaps once.
enum RasterStroke {
    /// The outlines of `polyline` stroked `width` wide, dashed by `dashes` (lengths of drawn and
    /// skipped pieces in turn; empty: solid).
    static func outlines(_ polyline: [RasterPoint], width: Double, dashes: [Double] = []) -> [[RasterPoint]] {
        let pieces = dashes.count >= 2 && dashes.allSatisfy({ $0 > 0 }) ? dashed(polyline, dashes) : [polyline]
        var result: [[RasterPoint]] = []
        for piece in pieces {
            for (a, b) in zip(piece, piece.dropFirst()) where a != b { result.append(segment(a, b, width: width)) }
            for p in piece { result.append(circle(center: p, radius: width / 2)) }
        }
        return result
    }

    /// The rectangle around segment a–b, `width` wide.
    static func segment(_ a: RasterPoint, _ b: RasterPoint, width: Double) -> [RasterPoint] {
        let dx = b.x - a.x, dy = b.y - a.y, length = (dx * dx + dy * dy).squareRoot()
        let nx = -dy / length * width / 2, ny = dx / length * width / 2
        return oriented([RasterPoint(x: a.x + nx, y: a.y + ny), RasterPoint(x: b.x + nx, y: b.y + ny),
                         RasterPoint(x: b.x - nx, y: b.y - ny), RasterPoint(x: a.x - nx, y: a.y - ny)])
    }

    /// A circle as a polygon fine enough that no side strays a tenth of a pixel from the arc.
    static func circle(center c: RasterPoint, radius: Double) -> [RasterPoint] {
        let r = radius.isFinite ? max(radius, 0) : 0
        let sides = Int(min(max((Double.pi / (0.1 / max(r, 0.05) * 2).squareRoot()).rounded(.up), 8), 96))
        return (0..<sides).map { k in
            let angle = 2 * Double.pi * Double(k) / Double(sides)
            return RasterPoint(x: c.x + r * cos(angle), y: c.y + r * sin(angle))
        }
    }

    /// The rectangle with top left (x, y).
    static func rectangle(x: Double, y: Double, width: Double, height: Double) -> [RasterPoint] {
        [RasterPoint(x: x, y: y), RasterPoint(x: x + width, y: y), RasterPoint(x: x + width, y: y + height),
         RasterPoint(x: x, y: y + height)]
    }

    /// `polygon` turned clockwise on screen (positive signed area with y down).
    static func oriented(_ polygon: [RasterPoint]) -> [RasterPoint] {
        let area = zip(polygon, polygon.dropFirst() + polygon.prefix(1)).reduce(0.0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }
        return area < 0 ? polygon.reversed() : polygon
    }

    /// The drawn pieces of `polyline` under the dash pattern, which runs on across vertices.
    static func dashed(_ polyline: [RasterPoint], _ pattern: [Double]) -> [[RasterPoint]] {
        var pieces: [[RasterPoint]] = [], current: [RasterPoint] = []
        var index = 0, left = pattern[0], drawing = true
        if let first = polyline.first { current = [first] }
        for (a, b) in zip(polyline, polyline.dropFirst()) {
            let length = hypot(b.x - a.x, b.y - a.y)
            var travelled = 0.0
            while length - travelled > left {
                travelled += left
                let t = travelled / length, p = RasterPoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
                if drawing {
                    current.append(p)
                    pieces.append(current)
                    current = []
                } else {
                    current = [p]
                }
                drawing.toggle()
                index = (index + 1) % pattern.count
                left = pattern[index]
            }
            left -= length - travelled
            if drawing { current.append(b) }
        }
        if drawing, current.count >= 2 { pieces.append(current) }
        return pieces
    }
}
