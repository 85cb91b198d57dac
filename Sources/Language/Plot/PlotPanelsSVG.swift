import Foundation

/// Stacked panels: several figures one above the other, each with its own y axis and legend,
/// sharing one x axis (the same range in every panel, labelled under the last) so that an
/// epoch lines up through all of them.
enum PlotPanelsSVG {
    /// Height of each panel's axes, and the gap between one panel's axes and the next.
    static let panelHeight = 180.0, gap = 22.0

    /// The SVG text of `panels` (each figure's `yLabel` names its panel) under `title`, with the
    /// x axis labelled `xLabel`.
    static func render(_ panels: [PlotFigure], title: String, xLabel: String) -> String {
        let legends = panels.map { PlotSVG.hasLegend($0) ? PlotLegend(names: $0.series.map(\.name)) : nil }
        // Every panel keeps the widest legend column, so their axes have the same width.
        let column = legends.compactMap { $0?.width }.max() ?? 0
        let logX = panels.first?.logX ?? false
        var xs: [Double] = []
        for figure in panels {
            for s in figure.series { xs += zip(s.xs, s.ys).filter { figure.isDrawable(x: $0, y: $1) }.map(\.0) }
        }
        let xAxis = PlotFrame.axis(xs, logarithmic: logX)
        let height = PlotSVG.top + Double(panels.count) * panelHeight + Double(panels.count - 1) * gap + PlotSVG.bottom
        var frames: [PlotFrame] = []
        for (i, figure) in panels.enumerated() {
            let top = PlotSVG.top + Double(i) * (panelHeight + gap)
            frames.append(PlotFrame(figure: figure, legend: legends[i], legendColumn: column, top: top, bottom: top + panelHeight,
                                    xAxis: xAxis, xTickLabels: i == panels.count - 1))
        }
        let width = frames.first?.width ?? PlotSVG.width
        var out = PlotSVG.document(width: width, height: height)
        let skipped = panels.reduce(0) { $0 + $1.skippedCount }
        let logScale = panels.contains(where: \.hasLogAxis)
        if skipped > 0 { out.append("<!-- \(PlotSVG.skippedNote(skipped, logScale: logScale)) -->") }
        if !title.isEmpty, let first = frames.first {
            out.append(PlotSVG.text(title, x: (first.x0 + first.x1) / 2, y: 26, anchor: "middle", extra: " font-size=\"15\" font-weight=\"bold\""))
        }
        for (i, figure) in panels.enumerated() {
            var figure = figure
            // Only the last panel carries the x label, under the shared tick labels.
            figure.xLabel = i == panels.count - 1 ? xLabel : ""
            out.append("<g class=\"panel\">")
            out += PlotSVG.body(figure, frames[i])
            out.append("</g>")
        }
        if skipped > 0 {
            out.append(PlotSVG.text(PlotSVG.skippedNote(skipped, logScale: logScale), x: width - 8, y: height - 8, anchor: "end",
                                    extra: " font-size=\"10\" fill=\"#777777\""))
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
