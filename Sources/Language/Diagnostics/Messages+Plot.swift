/// Messages of the `plot` builtin.
extension Messages {
    static func plotFormat(_ path: String) -> String { "cannot plot to '\(path)': plot writes SVG or PNG, so the name must end in .svg or .png" }
    static func plotRasterFailed(_ path: String, _ reason: String) -> String {
        "cannot draw the PNG '\(path)': \(reason) (an internal fault of the figure writer; the .svg name writes the figure)"
    }
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

/// Messages of `plot`'s `band:` argument.
extension Messages {
    static func plotBandType(_ got: String) -> String {
        "band takes a list of numbers (one line), a list of lists (one per line) or a record of name: list, got a \(got)"
    }
    static func plotBandMixed(_ index: Int, _ got: String) -> String {
        "element \(index) of band is a \(got); a band holds either numbers or lists of numbers, not both"
    }
    static func plotBandNoLine(_ name: String, lines: [String]) -> String {
        let named = lines.filter { !$0.isEmpty }.map { "'\($0)'" }
        return "band '\(name)' names no line; " + (named.isEmpty ? "the lines have no names, so give the bands as a list" : "the lines are " + named.joined(separator: ", "))
    }
    static func plotBandCount(_ bands: Int, _ lines: Int) -> String {
        "band gives \(bands) band\(bands == 1 ? "" : "s") but there \(lines == 1 ? "is 1 line" : "are \(lines) lines")"
    }
    static func plotBandLength(_ band: String, _ count: Int, _ line: String, _ points: Int) -> String {
        "\(band) has \(count) number\(count == 1 ? "" : "s") but \(line) has \(points)"
    }
    static func plotBandNegative(_ band: String, _ index: Int, _ value: Double) -> String {
        "element \(index) of \(band) is \(formatNumber(value)); a band gives half-widths, which cannot be negative"
    }
}

/// Messages of scatter plots: `plot(points, labels: ...)` and `style: "points"`.
extension Messages {
    static func plotLabelCount(_ labels: Int, _ points: Int) -> String {
        "labels has \(labels) element\(labels == 1 ? "" : "s") but there \(points == 1 ? "is 1 point" : "are \(points) points")"
    }
    static func plotLabelType(_ index: Int, _ got: String) -> String {
        "element \(index) of labels is a \(got); a label is a number or a string"
    }
    static func plotPointsShape(_ shape: String) -> String {
        "with labels, plot draws points: a tensor of shape [n, 2] or a list of [x, y] pairs, got a tensor of shape \(shape)"
    }
    static func plotPointsType(_ got: String) -> String {
        "with labels, plot draws points: a tensor of shape [n, 2] or a list of [x, y] pairs, got a \(got)"
    }
    static func plotPointNotPair(_ index: Int, _ got: String) -> String {
        "point \(index) is not an [x, y] pair (\(got == "list" ? "a list of another length" : "a \(got)")); with labels, plot draws points"
    }
    static func plotLabelsWith(_ other: String) -> String {
        "labels cannot be given with \(other): labelled points carry their own x and have no lines"
    }
}

/// Messages of bar charts: `plot(probe_result, ...)` and `style: "bars"`.
extension Messages {
    static func plotNoLayers(_ probe: String) -> String {
        "\(probe)'s result has no per-layer values to draw as bars; plot its total over training with train(..., probes: [...]) and plot(run.NAME, ...)"
    }
    static func plotBarsType(_ got: String) -> String {
        "style: \"bars\" draws a record of name: number (or a probe result), got a \(got)"
    }
    static func plotBarNotNumber(_ name: String, _ got: String) -> String {
        "series.\(name) is a \(got); with style: \"bars\" each field is one number, the height of its bar"
    }
    static func plotBarsWith(_ option: String) -> String {
        "\(option) does not apply to a bar chart (a probe result, or style: \"bars\")"
    }
    static let plotShareWithoutLayers = "share: true draws a probe result's per-layer shares; the series is not a probe result"
    static let plotNoBarDrawable = "nothing to draw: every bar is nan or inf"
}

extension Messages {
    static func plotFieldIsNumber(_ name: String) -> String {
        "series.\(name) is a number, not a line; a record of numbers is drawn as bars with style: \"bars\""
    }
}

/// Messages of stacked panels: `plot(..., panels: true)`.
extension Messages {
    static func plotPanelsType(_ got: String) -> String {
        "panels: true draws a run or a record of name: series (one panel each), got a \(got)"
    }
    static func plotPanelsWith(_ option: String, _ reason: String) -> String { "\(option) cannot be given with panels: true: \(reason)" }
    static func plotPanelBandType(_ got: String) -> String {
        "with panels: true, band is a record naming the panels it shades, got a \(got)"
    }
    static func plotPanelBandNoPanel(_ name: String, panels: [String]) -> String {
        "band '\(name)' names no panel; the panels are \(panels.map { "'\($0)'" }.joined(separator: ", "))"
    }
    static func plotPanelNothingDrawable(_ panel: String, logScale: Bool) -> String {
        "nothing to draw in panel '\(panel)': every point is nan or inf\(logScale ? " or, on the log scale, not positive" : "")"
    }
    static func plotImageValues(_ type: String) -> String {
        "plot_image draws a tensor, a list of numbers or a data set of images, got \(type)"
    }
    static func plotImageNeedsShape(_ count: Int) -> String {
        "a list of \(count) numbers needs shape: [h, w], [1, h, w] or [3, h, w] to be drawn as an image"
    }
    static func plotImageShape(_ shape: [Int]) -> String {
        "plot_image draws shapes [h, w], [1, h, w] (a heat map) or [3, h, w] (colour), got \(shape)"
    }
    static func plotImageCount(_ shape: [Int], _ count: Int) -> String {
        "shape \(shape) holds \(shape.reduce(1, *)) values, but there are \(count)"
    }
    static func plotImageDataset(_ name: String, _ shape: [Int]) -> String {
        "plot_image draws data sets of images ([1, h, w] or [3, h, w]); '\(name)' has samples of shape \(shape)"
    }
}
