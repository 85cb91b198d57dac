/// Messages of the `plot` builtin.
extension Messages {
    static func plotFormat(_ path: String) -> String { "cannot plot to '\(path)': plot writes SVG, so the name must end in .svg" }
    static func plotEmpty(_ series: String) -> String { "nothing to plot: \(series) is empty" }
    static let plotNoSeries = "nothing to plot: the record has no fields"
    static func plotNotNumber(_ series: String, _ index: Int, _ got: String) -> String {
        "element \(index) of \(series) is a \(got), not a number"
    }
    static func plotSeriesType(_ got: String) -> String {
        "plot takes a list of numbers, a list of lists, a record of name: list, or a run, got a \(got)"
    }
    static func plotMixedList(_ index: Int, _ got: String) -> String {
        "element \(index) of the list is a \(got); a list to plot holds either numbers or lists of numbers, not both"
    }
    static func plotLengths(_ xCount: Int, _ series: String, _ yCount: Int) -> String {
        "x_values has \(xCount) number\(xCount == 1 ? "" : "s") but \(series) has \(yCount)"
    }
    static let plotRunEmpty = "nothing to plot: the run has no finished epoch"
    static func plotNothingDrawable(logScale: Bool) -> String {
        "nothing to draw: every point is nan or inf\(logScale ? " or, on the log scale, not positive" : "")"
    }
    static func plotWriteFailed(_ path: String, _ reason: String) -> String { "cannot write '\(path)': \(reason)" }
}
