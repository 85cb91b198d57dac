import Foundation

/// Renders a `PlotBarChart` as SVG. The canvas grows rather than cutting anything off: wider
/// for many bars, taller (and wider on the left) for long names, which are turned 45° when they
/// do not fit under their bar.
enum PlotBarsSVG {
    /// Average width of one character of 12-pixel sans-serif text, for sizing the room labels need.
    static let characterWidth = 7.0
    /// A bar's slot is never narrower than this, so a bar and its label stay legible.
    static let minimumSlot = 18.0
    /// Height of the axes, the same as a line plot's on the default canvas.
    static let axesHeight = PlotSVG.height - PlotSVG.top - PlotSVG.bottom
    /// Above this many bars the values over the bars would collide and are left to the axis.
    static let valueLabelLimit = 30

    /// Where everything sits, worked out from the names and values before anything is drawn.
    struct Layout {
        let x0: Double, x1: Double, y0: Double, y1: Double
        let width: Double, height: Double
        let slot: Double
        /// Whether the names are turned 45° because the longest does not fit under its bar.
        let rotated: Bool
        let axis: PlotTicks.Axis

        init(_ chart: PlotBarChart) {
            let count = Double(max(1, chart.names.count))
            let axesWidth = max(PlotSVG.width - PlotSVG.left - PlotSVG.right, count * minimumSlot)
            slot = axesWidth / count
            let longest = Double(chart.names.map(\.count).max() ?? 0) * characterWidth
            rotated = longest + 4 > slot
            // A name turned 45° reaches down and to the left of its bar by longest / √2.
            let reach = longest * 0.7071
            let left = rotated ? max(PlotSVG.left, reach - slot / 2 + 8) : PlotSVG.left
            let bottom = rotated ? max(PlotSVG.bottom, reach + 20) : PlotSVG.bottom
            let top = PlotSVG.top + (chart.note.isEmpty ? 0 : 16)
            x0 = left
            x1 = left + axesWidth
            y1 = top
            y0 = top + axesHeight
            width = x1 + PlotSVG.right
            height = y0 + bottom
            let finite = chart.values.filter(\.isFinite)
            // Bars grow from zero, so the axis always holds it; shares always span 0 to 1.
            let low = min(0, finite.min() ?? 0), high = max(chart.shares ? 1 : 0, finite.max() ?? 0)
            axis = PlotTicks.linear(low, high)
        }

        /// The pixel row of the value `y`.
        func row(_ y: Double) -> Double { y0 - (y - axis.lower) / (axis.upper - axis.lower) * (y0 - y1) }

        /// The pixel column of the middle of bar `i`.
        func centre(_ i: Int) -> Double { x0 + slot * (Double(i) + 0.5) }
    }

    /// The SVG text of `chart`.
    static func render(_ chart: PlotBarChart) -> String {
        let f = Layout(chart)
        let fmt = PlotSVG.fmt
        var out = PlotSVG.document(width: f.width, height: f.height)
        let skipped = chart.skippedCount
        if skipped > 0 { out.append("<!-- \(skippedNote(skipped)) -->") }
        let middle = (f.x0 + f.x1) / 2
        if !chart.title.isEmpty {
            out.append(PlotSVG.text(chart.title, x: middle, y: 26, anchor: "middle", extra: " font-size=\"15\" font-weight=\"bold\""))
        }
        if !chart.note.isEmpty {
            out.append(PlotSVG.text(chart.note, x: middle, y: chart.title.isEmpty ? 26 : 44, anchor: "middle", extra: " class=\"note\" fill=\"#555555\""))
        }
        out.append("<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">")
        for t in f.axis.ticks { out.append(PlotSVG.segment(f.x0, f.row(t), f.x1, f.row(t))) }
        out.append("</g>")
        out.append("<rect class=\"frame\" x=\"\(fmt(f.x0))\" y=\"\(fmt(f.y1))\" width=\"\(fmt(f.x1 - f.x0))\" height=\"\(fmt(f.y0 - f.y1))\" fill=\"none\" stroke=\"#333333\"/>")
        let step = f.axis.ticks.count > 1 ? f.axis.ticks[1] - f.axis.ticks[0] : 1
        for t in f.axis.ticks {
            out.append(PlotSVG.text(PlotTicks.label(t, step: step), x: f.x0 - 6, y: f.row(t) + 4, anchor: "end", extra: " class=\"tick\""))
        }
        if !chart.yLabel.isEmpty {
            let cy = (f.y0 + f.y1) / 2
            out.append(PlotSVG.text(chart.yLabel, x: 18, y: cy, anchor: "middle", extra: " transform=\"rotate(-90 18 \(fmt(cy)))\""))
        }
        out += bars(chart, f)
        if skipped > 0 {
            out.append(PlotSVG.text(skippedNote(skipped), x: f.width - 8, y: f.height - 8, anchor: "end", extra: " font-size=\"10\" fill=\"#777777\""))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The bars, the value over each (when there are few enough), and the names under them.
    private static func bars(_ chart: PlotBarChart, _ f: Layout) -> [String] {
        let fmt = PlotSVG.fmt
        var out = ["<g class=\"bars\" fill=\"\(PlotSVG.colours[0])\">"]
        var values: [String] = []
        for (i, v) in chart.values.enumerated() where v.isFinite {
            let top = f.row(max(v, 0)), bottom = f.row(min(v, 0))
            out.append("<rect class=\"bar\" x=\"\(fmt(f.centre(i) - f.slot * 0.35))\" y=\"\(fmt(top))\" width=\"\(fmt(f.slot * 0.7))\" "
                       + "height=\"\(fmt(bottom - top))\"/>")
            if chart.values.count <= valueLabelLimit {
                let y = v >= 0 ? top - 4 : bottom + 12
                values.append(PlotSVG.text(String(format: "%.3g", v), x: f.centre(i), y: y, anchor: "middle", extra: " class=\"bar-value\" font-size=\"10\""))
            }
        }
        out.append("</g>")
        out += values
        for (i, name) in chart.names.enumerated() {
            if f.rotated {
                // Anchored at its end just under the bar, so the name reads up towards it.
                let x = f.centre(i) + 4, y = f.y0 + 12
                out.append(PlotSVG.text(name, x: x, y: y, anchor: "end", extra: " class=\"bar-label\" transform=\"rotate(-45 \(fmt(x)) \(fmt(y)))\""))
            } else {
                out.append(PlotSVG.text(name, x: f.centre(i), y: f.y0 + 17, anchor: "middle", extra: " class=\"bar-label\""))
            }
        }
        return out
    }

    static func skippedNote(_ count: Int) -> String {
        "\(count) bar\(count == 1 ? "" : "s") not drawn (nan or inf)"
    }
}
