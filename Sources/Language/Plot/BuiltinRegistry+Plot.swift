import Foundation
import Learning
import TensorRuntime

/// `plot(...)` (or the statement `plot ...`): lines drawn from lists, records and runs, written as an SVG file atomically.
extension BuiltinRegistry {
    static var plots: [BuiltinFunction] {
        [
            def("plot", "plots", "draw lines, points or bars into an SVG file",
                "series is a list of numbers (one line), a list of lists (several lines), a record of name: list "
                    + "(one named line each, with a legend), a tensor (rank 1: one line; rank 2: one line per row) or a run (its loss and accuracies per epoch; plot a probe "
                    + "with plot(run.NAME, ...)). Points sit at x = 0, 1, 2, ... unless x_values gives one x per point. "
                    + "A record's lines and x_values may be rank-1 tensors too. title, x and y label the figure and its axes; log_y: true draws the y axis in decades, "
                    + "log_x: true the x axis. "
                    + "Points that are nan or inf (or not positive on a log axis) are left out and counted in a note. "
                    + "band gives half-widths drawn as a shaded area from y - h to y + h around each line (standard errors, "
                    + "spreads over seeds): a list for one line, a list of lists for several, or a record naming the lines it shades. "
                    + "style: \"points\" draws markers instead of lines. With labels (one number or string per point), series is a "
                    + "tensor of shape [n, 2] or a list of [x, y] pairs, drawn as points coloured by label with a legend: "
                    + "plot(d.inputs, labels: d.labels, to: \"data.svg\") shows a two-feature data set by class. "
                    + "A probe result draws its per-layer values as bars named by layer, with the total under the title; "
                    + "share: true draws each layer's share of the total (0 to 1). style: \"bars\" draws any record of name: number. "
                    + "panels: true stacks a run's loss, accuracy and each recorded probe (or each entry of a record) on their own "
                    + "y axes sharing the x axis; log_y and log_x apply to every panel, band is a record naming the panels it shades, "
                    + "and y and labels are refused. "
                    + "Legend names are shown whole: long ones widen the figure, very long ones wrap. "
                    + "A line of more than 2,000 points is drawn with each pixel column's lowest and highest points, so spikes stay. "
                    + "to must end in .svg or .png (the same drawing rasterised at twice the SVG's size); the file is replaced atomically. It is also a statement: "
                    + "plot run.fisher, to: \"fisher.svg\", title: \"tr F\" is the same call.",
                example: "plot({loss: [2.3, 1.1, 0.6], acc: [0.3, 0.7, 0.8]}, to: \"{temp_dir()}/curves.svg\", title: \"training\", x: \"epoch\", "
                    + "band: {loss: [0.2, 0.1, 0.05]}); network m { input [2]; dense(4) relu; dense(2) }; "
                    + "plot(fisher_trace(m(), on: moons(40, seed: 0)), to: \"{temp_dir()}/fisher.svg\", share: true); "
                    + "plot({loss: [2.3, 1.1, 0.6], acc: [0.3, 0.7, 0.8]}, to: \"{temp_dir()}/panels.svg\", panels: true)") { p in
                let parameters = PlotParameters(p)
                return { a in try plot(a, parameters) }
            },
        ]
    }

    /// `plot`'s parameters, declared once with their kinds.
    struct PlotParameters {
        let series: Param<Value>
        let to: Param<String>
        let title: Param<String>
        let x: Param<String>
        let y: Param<String>
        let logY: Param<Bool>
        let logX: Param<Bool>
        let xValues: Param<ListOrTensor?>
        let band: Param<Value?>
        let style: Param<String>
        let labels: Param<[Value]?>
        let share: Param<Bool>
        let panels: Param<Bool>

        init(_ p: ParameterList) {
            // The series are checked in the body, which names the line or element that is wrong.
            series = p.required("series", .any)
            to = p.output("to")
            title = p.optional("title", .string, default: .string(""))
            x = p.optional("x", .string, default: .string(""))
            y = p.optional("y", .string, default: .string(""))
            logY = p.optional("log_y", .bool, default: .bool(false))
            logX = p.optional("log_x", .bool, default: .bool(false))
            xValues = p.optional("x_values", .listOrTensor)
            // Checked in the body against the lines it belongs to.
            band = p.optional("band", .any)
            style = p.optional("style", .oneOf(["lines", "points", "bars"]), default: .string("lines"))
            // Numbers or strings, checked in the body, which names the element that is neither.
            labels = p.optional("labels", .list)
            share = p.optional("share", .bool, default: .bool(false))
            panels = p.optional("panels", .bool, default: .bool(false))
        }
    }

    private static func plot(_ a: BuiltinArguments, _ p: PlotParameters) throws -> Value {
        let path = try a[p.to]
        try checkFigureFormat(path, parameter: p.to.index)
        let source = try a[p.series]
        if let chart = try barChart(source, a, p) {
            try write(PlotBarsSVG.render(chart), to: path, a, p)
            return .none
        }
        if try a[p.panels] {
            try plotPanels(source, to: path, a, p)
            return .none
        }
        let labels = try a[p.labels]
        if labels != nil {
            if try a[p.xValues] != nil { throw RuntimeError(Messages.plotLabelsWith("x_values"), parameter: p.labels.index) }
            if try a[p.band] != nil { throw RuntimeError(Messages.plotLabelsWith("band"), parameter: p.labels.index) }
        }
        let series = try labels.map { try labelledPoints(source, labels: $0, a, parameter: p.series.index, labelsParameter: p.labels.index) }
            ?? plotSeries(source, a, parameter: p.series.index)
        // Labelled points are a scatter whatever the style says.
        let points = try labels != nil || a[p.style] == "points"
        var figure = PlotFigure(series: series, title: try a[p.title], xLabel: try a[p.x], yLabel: try a[p.y],
                                logY: try a[p.logY], logX: try a[p.logX], points: points)
        if figure.xLabel.isEmpty, case .object(let o) = source, o is RunValue { figure.xLabel = "epoch" }
        if let xValues = try a[p.xValues] { figure.series = try withXValues(figure.series, xValues, a, parameter: p.xValues.index) }
        if let band = try a[p.band] { figure.series = try withBands(figure.series, band: band, a, parameter: p.band.index) }
        guard figure.series.contains(where: { s in zip(s.xs, s.ys).contains { figure.isDrawable(x: $0, y: $1) } }) else {
            throw RuntimeError(Messages.plotNothingDrawable(logScale: figure.hasLogAxis), parameter: p.series.index)
        }
        try write(PlotSVG.render(figure), to: path, a, p)
        return .none
    }

    /// `series` placed at the x values given, one per point of every line.
    static func withXValues(_ series: [PlotSeries], _ xValues: ListOrTensor, _ a: BuiltinArguments, parameter: Int) throws -> [PlotSeries] {
        let items: [Value]
        switch xValues {
        case .items(let given): items = given
        case .tensor(let t): items = try vectorItems(t, "x_values", parameter: parameter)
        }
        let xs = try plotNumbers(items, "x_values", parameter: parameter)
        let several = series.count > 1
        return try series.enumerated().map { i, s in
            guard s.ys.count == xs.count else {
                let label = s.name.isEmpty && several ? "series \(i + 1)" : seriesLabel(s.name)
                throw RuntimeError(Messages.plotLengths(xs.count, label, s.ys.count), parameter: parameter)
            }
            return PlotSeries(name: s.name, xs: xs, ys: s.ys, band: s.band)
        }
    }

    /// Writes the SVG text atomically, so a reader never sees half a file.
    static func write(_ svg: String, to path: String, _ a: BuiltinArguments, _ p: PlotParameters) throws {
        try writeFigure(svg, to: path, parameter: p.to.index)
    }

    /// Refuses a figure path that names neither format (parameter `parameter`).
    static func checkFigureFormat(_ path: String, parameter: Int) throws {
        guard ["svg", "png"].contains((path as NSString).pathExtension.lowercased()) else {
            throw RuntimeError(Messages.plotFormat(path), parameter: parameter)
        }
    }

    /// Writes the figure atomically, as the SVG text or, for a name ending in .png, that drawing
    /// rasterised (`SVGRaster`); a failure points at `to:` (parameter `parameter`).
    static func writeFigure(_ svg: String, to path: String, parameter: Int) throws {
        let bytes: [UInt8]
        if (path as NSString).pathExtension.lowercased() == "png" {
            do {
                let canvas = try SVGRaster.render(svg)
                bytes = try PNGEncoder.encode(width: canvas.width, height: canvas.height, rgb: canvas.bytes)
            } catch {
                throw RuntimeError(Messages.plotRasterFailed(path, "\(error)"), parameter: parameter)
            }
        } else {
            bytes = Array(svg.utf8)
        }
        do {
            try AtomicFile.write(bytes, to: path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.plotWriteFailed(path, reason), parameter: parameter)
        }
    }

    /// The lines of the `series` argument (parameter `parameter`), each at x = 0, 1, 2, ... (a run's at its epochs).
    static func plotSeries(_ source: Value, _ a: BuiltinArguments, parameter: Int) throws -> [PlotSeries] {
        func indexed(_ name: String, _ ys: [Double]) -> PlotSeries { PlotSeries(name: name, xs: ys.indices.map(Double.init), ys: ys) }
        switch source {
        case .object(let run as RunValue):
            return try runSeries(run.run, parameter: parameter)
        case .object(let t as TensorValue):
            guard t.shape.count == 2, case .list(let rows) = try t.nestedLists() else {
                return [indexed("", try plotNumbers(try vectorItems(t, "the series", parameter: parameter), "the series", parameter: parameter))]
            }
            return try rows.enumerated().map { i, row in
                guard case .list(let line) = row else { throw RuntimeError(Messages.plotMixedList(i, row.typeName), parameter: parameter) }
                return indexed("", try plotNumbers(line, "series \(i + 1)", parameter: parameter))
            }
        case .record(let r):
            guard !r.keys.isEmpty else { throw RuntimeError(Messages.plotNoSeries, parameter: parameter) }
            return try r.fields.map { field in
                if case .object(let t as TensorValue) = field.value {
                    return indexed(field.key, try plotNumbers(try vectorItems(t, seriesLabel(field.key), parameter: parameter),
                                                              seriesLabel(field.key), parameter: parameter))
                }
                if case .number = field.value { throw RuntimeError(Messages.plotFieldIsNumber(field.key), parameter: parameter) }
                guard let items = listItems(field.value, a) else {
                    throw RuntimeError(Messages.argumentType("plot", "series." + field.key, "a list of numbers", field.value.typeName),
                                       parameter: parameter)
                }
                return indexed(field.key, try plotNumbers(items, seriesLabel(field.key), parameter: parameter))
            }
        case .list, .range:
            // Read as any list argument is: a range gives its elements, within the size limit.
            let items = try ArgumentKind<[Value]>.list.read(source, a) ?? []
            guard !items.isEmpty else { throw RuntimeError(Messages.plotEmpty("the series"), parameter: parameter) }
            guard case .list = items[0] else { return [indexed("", try plotNumbers(items, "the series", parameter: parameter))] }
            return try items.enumerated().map { i, item in
                guard case .list(let inner) = item else { throw RuntimeError(Messages.plotMixedList(i, item.typeName), parameter: parameter) }
                return indexed("", try plotNumbers(inner, "series \(i + 1)", parameter: parameter))
            }
        default:
            throw RuntimeError(Messages.plotSeriesType(source.typeName), parameter: parameter)
        }
    }

    /// A run's per-epoch curves: training loss and accuracy, and the held-out ones when it had them.
    static func runSeries(_ run: Run, parameter: Int) throws -> [PlotSeries] {
        guard !run.epochs.isEmpty else { throw RuntimeError(Messages.plotRunEmpty, parameter: parameter) }
        let epochs = run.epochs.map { Double($0.epoch) }
        var series = [PlotSeries(name: "loss", xs: epochs, ys: run.epochs.map(\.trainLoss)),
                      PlotSeries(name: "accuracy", xs: epochs, ys: run.epochs.map(\.trainAccuracy))]
        if !run.evaluations.isEmpty {
            let at = run.evaluations.map { Double($0.epoch) }
            series.append(PlotSeries(name: "eval loss", xs: at, ys: run.evaluations.map(\.loss)))
            series.append(PlotSeries(name: "eval accuracy", xs: at, ys: run.evaluations.map(\.accuracy)))
        }
        return series
    }

    /// The elements of a list or range value, or nil for anything else.
    static func listItems(_ v: Value, _ a: BuiltinArguments) -> [Value]? {
        switch v {
        case .list(let items): return items
        case .range(let r) where (try? a.evaluator.checkRangeSize(r)) != nil: return (0..<r.count).map { .number(Double(r.element($0))) }
        default: return nil
        }
    }

    /// The elements of a rank-1 tensor given as `label`; a tensor of another rank is refused.
    static func vectorItems(_ t: TensorValue, _ label: String, parameter: Int) throws -> [Value] {
        guard t.shape.count == 1 else { throw RuntimeError(Messages.plotTensorRank(label, TensorShape.describe(t.shape)), parameter: parameter) }
        guard case .list(let items) = try t.nestedLists() else { return [] }
        return items
    }

    /// The numbers of one series, refusing an empty series and naming the first element that is not a number.
    static func plotNumbers(_ items: [Value], _ label: String, parameter: Int) throws -> [Double] {
        guard !items.isEmpty else { throw RuntimeError(Messages.plotEmpty(label), parameter: parameter) }
        return try items.enumerated().map { i, v in
            guard case .number(let x) = v else { throw RuntimeError(Messages.plotNotNumber(label, i, v.typeName), parameter: parameter) }
            return x
        }
    }

    static func seriesLabel(_ name: String) -> String { name.isEmpty ? "the series" : "series '\(name)'" }
}
