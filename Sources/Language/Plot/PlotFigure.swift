// The plot model and its SVG rendering live in the Language target: plots are a way of showing
// language values (lists, records, runs), and Swift API users already hold the raw arrays and
// have their own plotting tools, so Learning gains nothing from them.

/// One line of a plot: its legend name and its points (`xs` and `ys` have equal length).
struct PlotSeries: Equatable {
    let name: String
    let xs: [Double]
    let ys: [Double]
    /// Half-widths of an error band around the line, one per point (nan or inf: no band there).
    var band: [Double]?

    init(name: String, xs: [Double], ys: [Double], band: [Double]? = nil) {
        self.name = name
        self.xs = xs
        self.ys = ys
        self.band = band
    }
}

/// Everything one plot shows: the lines, the labels and the scales of the axes.
struct PlotFigure: Equatable {
    var series: [PlotSeries]
    var title = ""
    var xLabel = ""
    var yLabel = ""
    var logY = false
    var logX = false
    /// Markers at the points instead of lines through them (scatter plots).
    var points = false

    /// Whether either axis is drawn in decades, where values that are not positive have no place.
    var hasLogAxis: Bool { logX || logY }

    /// Whether a point can be drawn: finite, and positive on a logarithmic axis.
    func isDrawable(x: Double, y: Double) -> Bool {
        x.isFinite && y.isFinite && (!logX || x > 0) && (!logY || y > 0)
    }

    /// How many points cannot be drawn, for the note in the file.
    var skippedCount: Int {
        series.reduce(0) { total, s in total + zip(s.xs, s.ys).filter { !isDrawable(x: $0, y: $1) }.count }
    }
}
