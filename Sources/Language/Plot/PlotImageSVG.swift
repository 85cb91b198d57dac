import Foundation

/// SVG renderings of images: one heat map with its colour bar, or a grid of small images with
/// captions (a data set's samples). Pixels are `rect`s, so a figure stays sharp at any zoom.
enum PlotImageSVG {
    /// One image: `channels` (1: a heat map; 3: red, green, blue) of `height` × `width` values,
    /// channel-major then row-major.
    struct Picture {
        var channels: Int
        var height: Int
        var width: Int
        var values: [Double]
        var caption: String = ""
    }

    /// The colours of the heat map's scale, from the lowest value to the highest (a perceptually
    /// even blue–green–yellow ramp; missing values are grey).
    static let ramp: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
    static let missing = "#c8c8c8"

    /// A heat map of a one-channel picture, with a colour bar from its lowest to its highest
    /// finite value, or a colour picture (values scaled from their range to 0–255).
    static func render(_ picture: Picture, title: String) -> String {
        let cell = max(2, min(16, (480 / Double(max(picture.height, picture.width))).rounded(.down)))
        let top = title.isEmpty ? 16.0 : 40.0
        let imageWidth = cell * Double(picture.width), imageHeight = cell * Double(picture.height)
        let (low, high) = range(picture.values)
        let bar = picture.channels == 1
        let content = 16 + imageWidth + (bar ? 110 : 16)
        // A title wider than the picture widens the figure, the picture centred under it.
        let width = max(content, titleWidth(title)), height = top + imageHeight + 40
        let left = 16 + (width - content) / 2
        var lines = PlotSVG.document(width: width, height: height)
        if !title.isEmpty { lines.append(PlotSVG.text(title, x: width / 2, y: 24, anchor: "middle", extra: " font-size=\"14\"")) }
        lines += pixels(picture, x: left, y: top, cell: cell, low: low, high: high)
        if bar { lines += colourBar(x: left + imageWidth + 16, y: top, height: imageHeight, low: low, high: high) }
        let skipped = picture.values.filter { !$0.isFinite }.count
        if skipped > 0 {
            lines.append(PlotSVG.text("\(skipped) value\(skipped == 1 ? " is" : "s are") nan or infinite (grey)",
                                      x: left, y: top + imageHeight + 24, anchor: "start"))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Pictures side by side, `columns` to a row, each scaled by its own range, captioned.
    static func grid(_ pictures: [Picture], columns: Int, title: String) -> String {
        let side = Double(max(pictures.map { max($0.height, $0.width) }.max() ?? 1, 1))
        let cell = max(1, min(4, (96 / side).rounded(.down)))
        let tile = cell * side, gap = 10.0, caption = 16.0
        let rows = (pictures.count + columns - 1) / max(columns, 1)
        let top = title.isEmpty ? 10.0 : 36.0
        let content = gap + Double(columns) * (tile + gap)
        let width = max(content, titleWidth(title)), height = top + Double(rows) * (tile + caption + gap)
        let left = (width - content) / 2
        var lines = PlotSVG.document(width: width, height: height)
        if !title.isEmpty { lines.append(PlotSVG.text(title, x: width / 2, y: 22, anchor: "middle", extra: " font-size=\"14\"")) }
        for (index, picture) in pictures.enumerated() {
            let x = left + gap + Double(index % columns) * (tile + gap), y = top + Double(index / columns) * (tile + caption + gap)
            let (low, high) = range(picture.values)
            lines += pixels(picture, x: x, y: y, cell: cell, low: low, high: high, grey: true)
            lines.append(PlotSVG.text(picture.caption, x: x + tile / 2, y: y + tile + 12, anchor: "middle", extra: " font-size=\"10\""))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The width a 14-point title needs, with a margin each side (the character width of the
    /// 12-point labels, scaled).
    static func titleWidth(_ title: String) -> Double {
        title.isEmpty ? 0 : Double(title.count) * PlotBarsSVG.characterWidth * 14 / 12 + 32
    }

    /// The lowest and highest finite values (0 and 1 when there are none, and a unit apart when
    /// they are equal, so a constant image is drawn in one colour).
    static func range(_ values: [Double]) -> (Double, Double) {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return (0, 1) }
        return high > low ? (low, high) : (low, low + 1)
    }

    /// The pixels as `rect`s in a group scaled to the cell size, so coordinates are whole numbers,
    /// and a run of equal colours along a row is one `rect` (an image's plain background costs one
    /// element a row); one-channel pictures in the heat map's colours, or in grey.
    static func pixels(_ p: Picture, x: Double, y: Double, cell: Double, low: Double, high: Double, grey: Bool = false) -> [String] {
        let plane = p.height * p.width
        func colour(_ index: Int) -> String {
            if p.channels == 3 {
                let rgb = (0..<3).map { p.values[$0 * plane + index] }
                return rgb.allSatisfy(\.isFinite) ? hex(rgb.map { ($0 - low) / (high - low) * 255 }) : missing
            }
            let v = p.values[index], t = (v - low) / (high - low)
            return !v.isFinite ? missing : grey ? hex([t * 255, t * 255, t * 255]) : heat(t)
        }
        var lines = ["<g transform=\"translate(\(PlotSVG.fmt(x)) \(PlotSVG.fmt(y))) scale(\(PlotSVG.fmt(cell)))\" shape-rendering=\"crispEdges\">"]
        for row in 0..<p.height {
            let fills = (0..<p.width).map { colour(row * p.width + $0) }
            var column = 0
            while column < p.width {
                let fill = fills[column]
                var end = column + 1
                while end < p.width, fills[end] == fill { end += 1 }
                lines.append("<rect x=\"\(column)\" y=\"\(row)\" width=\"\(end - column)\" height=\"1\" fill=\"\(fill)\"/>")
                column = end
            }
        }
        lines.append("</g>")
        return lines
    }

    /// The colour bar: the ramp from bottom (low) to top (high), with five labelled ticks.
    static func colourBar(x: Double, y: Double, height: Double, low: Double, high: Double) -> [String] {
        let steps = 64
        var lines = ["<g class=\"colour-bar\">"]
        for i in 0..<steps {
            let t = (Double(i) + 0.5) / Double(steps)
            let top = y + height * (1 - Double(i + 1) / Double(steps))
            lines.append("<rect x=\"\(PlotSVG.fmt(x))\" y=\"\(PlotSVG.fmt(top))\" width=\"16\" height=\"\(PlotSVG.fmt(height / Double(steps) + 0.5))\" fill=\"\(heat(t))\"/>")
        }
        lines.append("<rect x=\"\(PlotSVG.fmt(x))\" y=\"\(PlotSVG.fmt(y))\" width=\"16\" height=\"\(PlotSVG.fmt(height))\" fill=\"none\" stroke=\"#444\"/>")
        for k in 0...4 {
            let t = Double(k) / 4, ty = y + height * (1 - t)
            lines.append("<g stroke=\"#444\">" + PlotSVG.segment(x + 16, ty, x + 20, ty) + "</g>")
            lines.append(PlotSVG.text(PlotTicks.label(low + t * (high - low), step: (high - low) / 40), x: x + 24, y: ty + 4, anchor: "start"))
        }
        return lines + ["</g>"]
    }

    /// The ramp's colour at `t` in [0, 1], interpolated between its anchors.
    static func heat(_ t: Double) -> String {
        let position = min(max(t, 0), 1) * Double(ramp.count - 1)
        let i = min(Int(position), ramp.count - 2), f = position - Double(i)
        let (a, b) = (ramp[i], ramp[i + 1])
        return hex([a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1), a.2 + f * (b.2 - a.2)])
    }

    static func hex(_ rgb: [Double]) -> String {
        "#" + rgb.map { String(format: "%02x", Int(min(max($0, 0), 255).rounded())) }.joined()
    }
}
