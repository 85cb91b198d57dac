import Foundation

/// Where the axes sit on the canvas and how data coordinates map to pixels.
struct PlotFrame {
    let x0: Double, x1: Double, y0: Double, y1: Double
    let xAxis: PlotTicks.Axis
    /// In decade exponents when the y axis is logarithmic.
    let yAxis: PlotTicks.Axis
    let legend: Bool

    init(figure: PlotFigure, legend: Bool) {
        self.legend = legend
        x0 = PlotSVG.left
        x1 = PlotSVG.width - PlotSVG.right - (legend ? PlotSVG.legendWidth : 0)
        y0 = PlotSVG.height - PlotSVG.bottom
        y1 = PlotSVG.top
        var xs: [Double] = [], ys: [Double] = []
        for s in figure.series {
            for (x, y) in zip(s.xs, s.ys) where figure.isDrawable(x: x, y: y) {
                xs.append(x)
                ys.append(y)
            }
        }
        // With nothing drawable the axes still get a sensible unit range.
        xAxis = PlotTicks.linear(xs.min() ?? 0, xs.max() ?? 1)
        if figure.logY {
            yAxis = PlotTicks.logarithmic(ys.min() ?? 1, ys.max() ?? 10)
        } else {
            yAxis = PlotTicks.linear(ys.min() ?? 0, ys.max() ?? 1)
        }
    }

    /// The pixel column of data value `x`.
    func px(_ x: Double) -> Double { x0 + (x - xAxis.lower) / (xAxis.upper - xAxis.lower) * (x1 - x0) }

    /// The pixel row of `y` (a decade exponent on a logarithmic axis); larger values sit higher.
    func py(_ y: Double) -> Double { y0 - (y - yAxis.lower) / (yAxis.upper - yAxis.lower) * (y0 - y1) }
}
