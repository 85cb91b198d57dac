import Foundation

/// Where the axes sit on the canvas and how data coordinates map to pixels.
struct PlotFrame {
    let x0: Double, x1: Double, y0: Double, y1: Double
    /// In decade exponents when the x axis is logarithmic.
    let xAxis: PlotTicks.Axis
    /// In decade exponents when the y axis is logarithmic.
    let yAxis: PlotTicks.Axis
    let logX: Bool, logY: Bool
    let legend: PlotLegend?
    /// The canvas width: the default one, widened by what a legend of long names needs beyond its usual column.
    let width: Double

    /// Whether the x axis has its tick labels: stacked panels share one x axis, labelled under the last.
    let xTickLabels: Bool

    init(figure: PlotFigure, legend: PlotLegend?) {
        self.init(figure: figure, legend: legend, legendColumn: legend?.width ?? 0,
                  top: PlotSVG.top, bottom: PlotSVG.height - PlotSVG.bottom, xAxis: nil, xTickLabels: true)
    }

    /// A frame from pixel row `top` to `bottom`, with a legend column `legendColumn` wide (stacked
    /// panels share the widest, so their axes line up) and, when given, a shared x axis.
    init(figure: PlotFigure, legend: PlotLegend?, legendColumn: Double, top: Double, bottom: Double,
         xAxis sharedX: PlotTicks.Axis?, xTickLabels: Bool) {
        self.legend = legend
        self.xTickLabels = xTickLabels
        logX = figure.logX
        logY = figure.logY
        width = PlotSVG.width + max(0, legendColumn - PlotLegend.minimumWidth)
        x0 = PlotSVG.left
        x1 = width - PlotSVG.right - legendColumn
        y0 = bottom
        y1 = top
        var xs: [Double] = [], ys: [Double] = []
        for s in figure.series {
            for (i, (x, y)) in zip(s.xs, s.ys).enumerated() where figure.isDrawable(x: x, y: y) {
                xs.append(x)
                ys.append(y)
                // The band's edges widen the axis so the area is not cut off (a lower edge that is
                // not positive on a log axis is drawn to the bottom instead).
                if let h = s.band?[i], h.isFinite {
                    ys.append(y + h)
                    if !figure.logY || y - h > 0 { ys.append(y - h) }
                }
            }
        }
        // With nothing drawable the axes still get a sensible unit range.
        xAxis = sharedX ?? Self.axis(xs, logarithmic: figure.logX)
        yAxis = Self.axis(ys, logarithmic: figure.logY)
    }

    static func axis(_ values: [Double], logarithmic: Bool) -> PlotTicks.Axis {
        logarithmic ? PlotTicks.logarithmic(values.min() ?? 1, values.max() ?? 10) : PlotTicks.linear(values.min() ?? 0, values.max() ?? 1)
    }

    /// The pixel column of `x` in axis units (a decade exponent on a logarithmic axis), as ticks are given.
    func px(_ x: Double) -> Double { x0 + (x - xAxis.lower) / (xAxis.upper - xAxis.lower) * (x1 - x0) }

    /// The pixel row of `y` in axis units (a decade exponent on a logarithmic axis); larger values sit higher.
    func py(_ y: Double) -> Double { y0 - (y - yAxis.lower) / (yAxis.upper - yAxis.lower) * (y0 - y1) }

    /// The pixel column of the data value `x` (positive on a logarithmic axis).
    func column(_ x: Double) -> Double { px(logX ? log10(x) : x) }

    /// The pixel row of the data value `y` (positive on a logarithmic axis).
    func row(_ y: Double) -> Double { py(logY ? log10(y) : y) }
}
