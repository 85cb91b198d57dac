import Foundation

/// Draws the SVG documents this project writes (`PlotSVG`, `PlotImageSVG`, `PlotBarsSVG`,
/// `PlotPanelsSVG`) onto a `RasterCanvas`, so a PNG figure is the same drawing as its SVG file.
/// It reads only the subset those writers use: `rect`, `line`, `circle`, `path` (M, L and Z),
/// `text` (anchors, size, bold, a rotation about a point), and groups that translate, scale
/// and pass on fill, stroke, stroke width, opacity and dashes. Anything else is an error in the
/// writers, reported rather than skipped.
struct SVGRaster {
    /// Pixels per SVG unit: PNG figures are drawn at twice their SVG size, sharp on dense screens.
    static let scale = 2.0

    private(set) var canvas: RasterCanvas

    /// Drawing state inherited from enclosing groups.
    private struct Style {
        var fill: RasterColour? = .black
        var stroke: RasterColour? = nil
        var strokeWidth = 1.0
        var fillOpacity = 1.0
        var dashes: [Double] = []
        var fontSize = 12.0
        var bold = false
        var anchor = "start"
        /// The group's mapping to canvas pixels: x ↦ dx + k·x, likewise y.
        var dx = 0.0, dy = 0.0, k = SVGRaster.scale
    }

    /// One tag of the document: its name, attributes, text content, and whether it opens a group.
    struct Tag {
        var name: String
        var attributes: [String: String]
        var content: String
        var closing: Bool
        var opens: Bool
    }

    enum Failure: Error, Equatable {
        case unreadable(String)
    }

    /// Draws `svg` and returns the canvas.
    static func render(_ svg: String) throws -> RasterCanvas {
        let tags = try parse(svg)
        guard let root = tags.first(where: { $0.name == "svg" }),
              let width = root.attributes["width"].flatMap(Double.init), let height = root.attributes["height"].flatMap(Double.init) else {
            throw Failure.unreadable("no svg element with a width and height")
        }
        var raster = SVGRaster(canvas: RasterCanvas(width: Int((width * scale).rounded(.up)), height: Int((height * scale).rounded(.up))))
        var stack = [Style()]
        if let size = root.attributes["font-size"].flatMap(Double.init) { stack[0].fontSize = size }
        for tag in tags where tag.name != "svg" {
            if tag.closing {
                if tag.name == "g", stack.count > 1 { stack.removeLast() }
                continue
            }
            let style = try styled(stack[stack.count - 1], tag.attributes)
            if tag.name == "g" {
                if tag.opens { stack.append(style) }
                continue
            }
            try raster.draw(tag, style)
        }
        return raster.canvas
    }

    /// The style inside an element with these attributes.
    private static func styled(_ outer: Style, _ a: [String: String]) throws -> Style {
        var s = outer
        if let fill = a["fill"] { s.fill = try colour(fill) }
        if let stroke = a["stroke"] { s.stroke = try colour(stroke) }
        if let width = a["stroke-width"].flatMap(Double.init) { s.strokeWidth = width }
        if let opacity = a["fill-opacity"].flatMap(Double.init) { s.fillOpacity = opacity }
        if let dashes = a["stroke-dasharray"] { s.dashes = numbers(dashes) }
        if let size = a["font-size"].flatMap(Double.init) { s.fontSize = size }
        if let weight = a["font-weight"] { s.bold = weight == "bold" }
        if let anchor = a["text-anchor"] { s.anchor = anchor }
        if let transform = a["transform"], transform.hasPrefix("translate") || transform.hasPrefix("scale") {
            let parts = transform.split(separator: ")")
            for part in parts {
                let values = numbers(String(part.drop { $0 != "(" }.dropFirst()))
                if part.trimmingCharacters(in: .whitespaces).hasPrefix("translate"), values.count == 2 {
                    s.dx += s.k * values[0]
                    s.dy += s.k * values[1]
                } else if part.trimmingCharacters(in: .whitespaces).hasPrefix("scale"), let factor = values.first {
                    s.k *= factor
                }
            }
        }
        return s
    }

    private static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
    }

    /// `#rrggbb`, `#rgb`, `white`, `black`; nil for `none`.
    static func colour(_ text: String) throws -> RasterColour? {
        switch text {
        case "none": return nil
        case "white": return .white
        case "black": return .black
        default: break
        }
        var hex = String(text.dropFirst())
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        guard text.hasPrefix("#"), hex.count == 6, let value = UInt32(hex, radix: 16) else {
            throw Failure.unreadable("the colour '\(text)'")
        }
        return RasterColour(red: Double(value >> 16 & 255) / 255, green: Double(value >> 8 & 255) / 255, blue: Double(value & 255) / 255)
    }

    private func point(_ x: Double, _ y: Double, _ s: Style) -> RasterPoint {
        RasterPoint(x: s.dx + s.k * x, y: s.dy + s.k * y)
    }

    private mutating func draw(_ tag: Tag, _ s: Style) throws {
        let a = tag.attributes
        func value(_ name: String) throws -> Double {
            guard let text = a[name], let v = Double(text) else { throw Failure.unreadable("\(tag.name) without a number for \(name)") }
            return v
        }
        switch tag.name {
        case "rect":
            let full = a["width"] == "100%"
            let x = full ? 0 : try value("x"), y = full ? 0 : try value("y")
            let w = full ? Double(canvas.width) / s.k : try value("width"), h = full ? Double(canvas.height) / s.k : try value("height")
            let corner = point(x, y, s)
            let outline = RasterStroke.rectangle(x: corner.x, y: corner.y, width: s.k * w, height: s.k * h)
            if let fill = s.fill { canvas.fill([outline], colour: fill, opacity: s.fillOpacity) }
            if let stroke = s.stroke { stroked(outline + [outline[0]], stroke, s) }
        case "line":
            if let stroke = s.stroke {
                stroked([point(try value("x1"), try value("y1"), s), point(try value("x2"), try value("y2"), s)], stroke, s)
            }
        case "circle":
            let outline = RasterStroke.circle(center: point(try value("cx"), try value("cy"), s), radius: s.k * (try value("r")))
            if let fill = s.fill { canvas.fill([outline], colour: fill, opacity: s.fillOpacity) }
            if let stroke = s.stroke { stroked(outline + [outline[0]], stroke, s) }
        case "path":
            let pieces = try Self.pathPieces(a["d"] ?? "").map { piece in (piece.points.map { point($0.x, $0.y, s) }, piece.closed) }
            if let fill = s.fill, s.stroke == nil || a["fill"] != nil {
                canvas.fill(pieces.filter(\.1).map(\.0), colour: fill, opacity: s.fillOpacity)
            }
            if let stroke = s.stroke {
                for (points, closed) in pieces { stroked(closed ? points + [points[0]] : points, stroke, s) }
            }
        case "text":
            try text(Self.unescaped(tag.content), tag, s)
        default:
            throw Failure.unreadable("the element '\(tag.name)'")
        }
    }

    private mutating func stroked(_ points: [RasterPoint], _ colour: RasterColour, _ s: Style) {
        canvas.fill(RasterStroke.outlines(points, width: s.k * s.strokeWidth, dashes: s.dashes.map { $0 * s.k }), colour: colour)
    }

    /// A path's pieces: each a run of points from an M, closed when it ends in Z.
    static func pathPieces(_ d: String) throws -> [(points: [RasterPoint], closed: Bool)] {
        var pieces: [(points: [RasterPoint], closed: Bool)] = [], current: [RasterPoint] = []
        var command: Character = "M", pending: [Double] = []
        func finish(closed: Bool) {
            if !current.isEmpty { pieces.append((current, closed)) }
            current = []
        }
        for token in d.split(separator: " ") {
            var word = Substring(token)
            if let first = word.first, first.isLetter {
                command = first
                word = word.dropFirst()
                if command == "Z" {
                    finish(closed: true)
                    continue
                }
                if command == "M" { finish(closed: false) }
                guard command == "L" || command == "M" else { throw Failure.unreadable("the path command '\(command)'") }
            }
            guard !word.isEmpty else { continue }
            guard let v = Double(word) else { throw Failure.unreadable("the path number '\(word)'") }
            pending.append(v)
            if pending.count == 2 {
                current.append(RasterPoint(x: pending[0], y: pending[1]))
                pending = []
            }
        }
        finish(closed: false)
        return pieces
    }

    /// Letters of `PixelFont`, each font pixel a whole number of canvas pixels so they stay sharp.
    private mutating func text(_ string: String, _ tag: Tag, _ s: Style) throws {
        let size = max(1, (s.fontSize * s.k / 10).rounded())
        let glyphs = string.map(PixelFont.glyph)
        let width = Double(glyphs.count * PixelFont.advance - 1) * size
        let origin = point(Double(tag.attributes["x"] ?? "") ?? 0, Double(tag.attributes["y"] ?? "") ?? 0, s)
        var left = origin.x - (s.anchor == "middle" ? width / 2 : s.anchor == "end" ? width : 0)
        left = left.rounded()
        let baseline = origin.y.rounded()
        var squares: [[RasterPoint]] = []
        for (index, rows) in glyphs.enumerated() {
            let x0 = left + Double(index * PixelFont.advance) * size
            for (r, row) in rows.enumerated() {
                let y = baseline + Double(r - PixelFont.capRows) * size
                var column = 0
                let ink = Array(row)
                while column < ink.count {
                    guard ink[column] == "#" else { column += 1; continue }
                    var end = column
                    while end < ink.count, ink[end] == "#" { end += 1 }
                    let extra = s.bold ? size / 2 : 0
                    squares.append(RasterStroke.rectangle(x: x0 + Double(column) * size, y: y, width: Double(end - column) * size + extra, height: size))
                    column = end
                }
            }
        }
        if let rotation = tag.attributes["transform"], rotation.hasPrefix("rotate") {
            let values = Self.numbers(String(rotation.drop { $0 != "(" }.dropFirst().prefix { $0 != ")" }))
            guard values.count == 3, values[0] == -90 || values[0] == 90 else { throw Failure.unreadable("the rotation '\(rotation)'") }
            let centre = point(values[1], values[2], s), turn = values[0] < 0 ? -1.0 : 1.0
            squares = squares.map { square in
                RasterStroke.oriented(square.map { p in
                    RasterPoint(x: centre.x - turn * (p.y - centre.y), y: centre.y + turn * (p.x - centre.x))
                })
            }
        }
        if let fill = s.fill { canvas.fill(squares, colour: fill, opacity: s.fillOpacity) }
    }

    /// Text content with the five XML entities replaced.
    static func unescaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
