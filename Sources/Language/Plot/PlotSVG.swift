import Foundation
import Probes

/// Renders a `PlotFigure` as a self-contained SVG document: a pure function of the figure, so
/// the same data always gives the same bytes.
enum PlotSVG {
    /// Canvas size in pixels: wide enough for a legend beside the axes, and the common 16:10-ish
    /// shape of figures in notes and papers.
    static let width = 720.0, height = 440.0
    /// Room for the title above, tick labels and the x label below, tick labels and the y label left.
    static let top = 44.0, bottom = 56.0, left = 76.0, right = 24.0
    /// Distinct, colour-blind-friendly line colours; series beyond them repeat a colour dashed.
    static let colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f7f00", "#444444"]
    /// Series with at most this many points also get a dot at each point, so single points and
    /// short epoch curves stay visible.
    static let markerLimit = 40

    /// The SVG text of `figure`.
    static func render(_ figure: PlotFigure) -> String {
        let frame = PlotFrame(figure: figure, legend: hasLegend(figure) ? PlotLegend(names: figure.series.map(\.name)) : nil)
        let width = frame.width
        var out = document(width: width, height: height)
        let skipped = figure.skippedCount
        if skipped > 0 { out.append("<!-- \(skippedNote(skipped, logScale: figure.hasLogAxis)) -->") }
        if !figure.title.isEmpty {
            out.append(text(figure.title, x: (frame.x0 + frame.x1) / 2, y: 26, anchor: "middle", extra: " font-size=\"15\" font-weight=\"bold\""))
        }
        out += body(figure, frame)
        if skipped > 0 {
            out.append(text(skippedNote(skipped, logScale: figure.hasLogAxis), x: width - 8, y: height - 8, anchor: "end", extra: " font-size=\"10\" fill=\"#777777\""))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The axes, bands, lines or markers and legend of `figure` inside `frame`.
    static func body(_ figure: PlotFigure, _ frame: PlotFrame) -> [String] {
        var out = axes(figure, frame)
        // Bands first, so every line is drawn over every band.
        for (i, s) in figure.series.enumerated() { out += band(s, index: i, figure: figure, frame: frame) }
        for (i, s) in figure.series.enumerated() {
            out += figure.points ? markers(s, index: i, figure: figure, frame: frame) : line(s, index: i, figure: figure, frame: frame)
        }
        if let legend = frame.legend { out += self.legend(figure, legend, frame) }
        return out
    }

    /// A legend is drawn when there is more than one line, or when the one line has a name.
    static func hasLegend(_ figure: PlotFigure) -> Bool {
        figure.series.count > 1 || figure.series.contains { !$0.name.isEmpty }
    }

    /// The frame, grid lines, tick labels and axis labels.
    private static func axes(_ figure: PlotFigure, _ f: PlotFrame) -> [String] {
        var out = ["<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">"]
        for t in f.yAxis.ticks { out.append(segment(f.x0, f.py(t), f.x1, f.py(t))) }
        for t in f.xAxis.ticks { out.append(segment(f.px(t), f.y0, f.px(t), f.y1)) }
        out.append("</g>")
        out.append("<rect class=\"frame\" x=\"\(fmt(f.x0))\" y=\"\(fmt(f.y1))\" width=\"\(fmt(f.x1 - f.x0))\" height=\"\(fmt(f.y0 - f.y1))\" fill=\"none\" stroke=\"#333333\"/>")
        let xStep = f.xAxis.ticks.count > 1 ? f.xAxis.ticks[1] - f.xAxis.ticks[0] : 1
        let yStep = f.yAxis.ticks.count > 1 ? f.yAxis.ticks[1] - f.yAxis.ticks[0] : 1
        for t in f.xAxis.ticks where f.xTickLabels {
            let label = figure.logX ? PlotTicks.decadeLabel(t) : PlotTicks.label(t, step: xStep)
            out.append(text(label, x: f.px(t), y: f.y0 + 17, anchor: "middle", extra: " class=\"tick\""))
        }
        for t in f.yAxis.ticks {
            let label = figure.logY ? PlotTicks.decadeLabel(t) : PlotTicks.label(t, step: yStep)
            out.append(text(label, x: f.x0 - 6, y: f.py(t) + 4, anchor: "end", extra: " class=\"tick\""))
        }
        if !figure.xLabel.isEmpty { out.append(text(figure.xLabel, x: (f.x0 + f.x1) / 2, y: f.y0 + 42, anchor: "middle")) }
        if !figure.yLabel.isEmpty {
            let cy = (f.y0 + f.y1) / 2
            out.append(text(figure.yLabel, x: 18, y: cy, anchor: "middle", extra: " transform=\"rotate(-90 18 \(fmt(cy)))\""))
        }
        return out
    }

    /// One series as a path, broken where a point cannot be drawn, plus dots on short series.
    /// A long series is thinned (`PlotThinning`) so the file stays small.
    private static func line(_ s: PlotSeries, index: Int, figure: PlotFigure, frame f: PlotFrame) -> [String] {
        let colour = colours[index % colours.count]
        let dash = index >= colours.count ? " stroke-dasharray=\"6 3\"" : ""
        let pieces = drawablePieces(s, figure: figure, frame: f)
        let thin = pieces.reduce(0) { $0 + $1.count } > PlotThinning.vertexLimit
        var commands: [String] = [], dots: [String] = []
        for piece in pieces {
            let vertices = thin ? PlotThinning.keptIndices(piece).map { piece[$0] } : piece
            for (k, p) in vertices.enumerated() { commands.append((k == 0 ? "M" : "L") + fmt(p.x) + " " + fmt(p.y)) }
            if s.xs.count <= markerLimit {
                dots += piece.map { "<circle cx=\"\(fmt($0.x))\" cy=\"\(fmt($0.y))\" r=\"2.5\"/>" }
            }
        }
        var out = ["<path class=\"series\" d=\"\(commands.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dash)/>"]
        if !dots.isEmpty { out += ["<g fill=\"\(colour)\">"] + dots + ["</g>"] }
        return out
    }

    /// The error band of a series as translucent areas, one per run of points that have a band,
    /// each traced along its upper edge and back along its lower edge.
    private static func band(_ s: PlotSeries, index: Int, figure: PlotFigure, frame f: PlotFrame) -> [String] {
        guard let widths = s.band else { return [] }
        var pieces: [[(x: Double, upper: Double, lower: Double)]] = [], current: [(x: Double, upper: Double, lower: Double)] = []
        for (i, (x, y)) in zip(s.xs, s.ys).enumerated() {
            guard figure.isDrawable(x: x, y: y), widths[i].isFinite else {
                if !current.isEmpty { pieces.append(current) }
                current = []
                continue
            }
            let low = y - widths[i]
            current.append((f.column(x), f.row(y + widths[i]), figure.logY && low <= 0 ? f.y0 : f.row(low)))
        }
        if !current.isEmpty { pieces.append(current) }
        let thin = pieces.reduce(0) { $0 + $1.count } > PlotThinning.vertexLimit
        let commands = pieces.map { piece -> String in
            var upper = piece.map { (x: $0.x, y: $0.upper) }, lower = piece.map { (x: $0.x, y: $0.lower) }
            if thin {
                upper = PlotThinning.keptIndices(upper).map { upper[$0] }
                lower = PlotThinning.keptIndices(lower).map { lower[$0] }
            }
            let outline = upper + lower.reversed()
            return outline.enumerated().map { k, p in (k == 0 ? "M" : "L") + fmt(p.x) + " " + fmt(p.y) }.joined(separator: " ") + " Z"
        }
        guard !commands.isEmpty else { return [] }
        let colour = colours[index % colours.count]
        return ["<path class=\"band\" d=\"\(commands.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.2\" stroke=\"none\"/>"]
    }

    /// One series as a marker at each drawable point. Points that would land on the same
    /// half-pixel as an earlier one of the series add nothing visible and are left out, so a
    /// scatter of many thousands of points stays a small file.
    private static func markers(_ s: PlotSeries, index: Int, figure: PlotFigure, frame f: PlotFrame) -> [String] {
        let colour = colours[index % colours.count]
        var seen = Set<String>(), dots: [String] = []
        for piece in drawablePieces(s, figure: figure, frame: f) {
            for p in piece {
                let x = fmt((p.x * 2).rounded() / 2), y = fmt((p.y * 2).rounded() / 2)
                guard seen.insert(x + " " + y).inserted else { continue }
                dots.append("<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3\"/>")
            }
        }
        // Beyond the colours the markers differ by an outline, as lines differ by dashes.
        let outline = index >= colours.count ? " fill-opacity=\"0.3\" stroke=\"\(colour)\"" : ""
        return ["<g class=\"points\" fill=\"\(colour)\"\(outline)>"] + dots + ["</g>"]
    }

    /// The pixel positions of a series' drawable points, in runs broken by the points that cannot be drawn.
    private static func drawablePieces(_ s: PlotSeries, figure: PlotFigure, frame f: PlotFrame) -> [[(x: Double, y: Double)]] {
        var pieces: [[(x: Double, y: Double)]] = [], current: [(x: Double, y: Double)] = []
        for (x, y) in zip(s.xs, s.ys) {
            guard figure.isDrawable(x: x, y: y) else {
                if !current.isEmpty { pieces.append(current) }
                current = []
                continue
            }
            current.append((f.column(x), f.row(y)))
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// The names beside the axes, each after a short sample of its line, whole (wrapped when long).
    private static func legend(_ figure: PlotFigure, _ legend: PlotLegend, _ f: PlotFrame) -> [String] {
        var out = ["<g class=\"legend\">"]
        for i in figure.series.indices {
            let y = legend.row(i, top: f.y1)
            let dash = i >= colours.count ? " stroke-dasharray=\"6 3\"" : ""
            if figure.points {
                let outline = i >= colours.count ? " fill-opacity=\"0.3\" stroke=\"\(colours[i % colours.count])\"" : ""
                out.append("<circle cx=\"\(fmt(f.x1 + 24))\" cy=\"\(fmt(y))\" r=\"4\" fill=\"\(colours[i % colours.count])\"\(outline)/>")
            } else {
                out.append("<line x1=\"\(fmt(f.x1 + 12))\" y1=\"\(fmt(y))\" x2=\"\(fmt(f.x1 + 36))\" y2=\"\(fmt(y))\" stroke=\"\(colours[i % colours.count])\" stroke-width=\"2.5\"\(dash)/>")
            }
            for (k, line) in legend.entries[i].enumerated() {
                out.append(text(line, x: f.x1 + 42, y: y + 4 + Double(k) * PlotLegend.lineStep, anchor: "start"))
            }
        }
        out.append("</g>")
        return out
    }

    /// The note on points left out, shown in the figure and as a comment in the file.
    static func skippedNote(_ count: Int, logScale: Bool) -> String {
        "\(count) point\(count == 1 ? "" : "s") not drawn (nan, inf\(logScale ? " or not positive on the log scale" : ""))"
    }

    static func segment(_ xa: Double, _ ya: Double, _ xb: Double, _ yb: Double) -> String {
        "<line x1=\"\(fmt(xa))\" y1=\"\(fmt(ya))\" x2=\"\(fmt(xb))\" y2=\"\(fmt(yb))\"/>"
    }

    static func text(_ s: String, x: Double, y: Double, anchor: String, extra: String = "") -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" text-anchor=\"\(anchor)\"\(extra)>\(escape(s))</text>"
    }

    /// The start of every figure's file: the XML declaration, the `svg` element of the figure's
    /// size, and a white background (closed by the caller's `</svg>`).
    static func document(width: Double, height: Double) -> [String] {
        ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" "
             + "viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" font-family=\"sans-serif\" font-size=\"12\">",
         "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
    }

    /// Text made safe for XML content and attribute values (see `MarkupText`).
    static func escape(_ s: String) -> String { MarkupText.escaped(s) }

    /// Pixel coordinates to a hundredth of a pixel: finer than any screen, short in the file.
    static func fmt(_ x: Double) -> String {
        let s = String(format: "%.2f", x)
        return s.hasSuffix(".00") ? String(s.dropLast(3)) : s
    }
}
