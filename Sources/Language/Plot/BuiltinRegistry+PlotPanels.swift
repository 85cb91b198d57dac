import Foundation
import Learning

/// `plot(..., panels: true)`: a run's curves, or each entry of a record, on stacked axes that
/// share the x axis, so quantities of different scales (a loss, an accuracy, a Fisher trace)
/// each get a readable y axis.
extension BuiltinRegistry {
    /// One panel: its name (shown as its y label) and its lines.
    struct PlotPanel {
        let name: String
        var series: [PlotSeries]
    }

    /// Draws the panels of `source` into `path`.
    static func plotPanels(_ source: Value, to path: String, _ a: BuiltinArguments, _ p: PlotParameters) throws {
        if try a[p.labels] != nil { throw RuntimeError(Messages.plotPanelsWith("labels", "labelled points are one scatter"), parameter: p.labels.index) }
        if try !a[p.y].isEmpty { throw RuntimeError(Messages.plotPanelsWith("y", "each panel's y axis is labelled by its name"), parameter: p.y.index) }
        var panels = try panelSeries(source, a, parameter: p.series.index)
        if let xValues = try a[p.xValues] {
            for i in panels.indices { panels[i].series = try withXValues(panels[i].series, xValues, a, parameter: p.xValues.index) }
        }
        if let band = try a[p.band] {
            guard case .record(let r) = band else { throw RuntimeError(Messages.plotPanelBandType(band.typeName), parameter: p.band.index) }
            for field in r.fields {
                guard let i = panels.firstIndex(where: { $0.name == field.key }) else {
                    throw RuntimeError(Messages.plotPanelBandNoPanel(field.key, panels: panels.map(\.name)), parameter: p.band.index)
                }
                // A panel takes its band in the shapes a plot of its own lines would.
                panels[i].series = try withBands(panels[i].series, band: field.value, a, parameter: p.band.index)
            }
        }
        let points = try a[p.style] == "points"
        let figures = try panels.map { panel -> PlotFigure in
            let figure = PlotFigure(series: panel.series, yLabel: panel.name, logY: try a[p.logY], logX: try a[p.logX], points: points)
            guard figure.series.contains(where: { s in zip(s.xs, s.ys).contains { figure.isDrawable(x: $0, y: $1) } }) else {
                throw RuntimeError(Messages.plotPanelNothingDrawable(panel.name, logScale: figure.hasLogAxis), parameter: p.series.index)
            }
            return figure
        }
        var xLabel = try a[p.x]
        if xLabel.isEmpty, case .object(let o) = source, o is RunValue { xLabel = "epoch" }
        try write(PlotPanelsSVG.render(figures, title: try a[p.title], xLabel: xLabel), to: path, a, p)
    }

    /// The panels of a run (loss, accuracy, then each recorded probe) or of a record (one per
    /// entry, holding what plotting the entry alone would draw).
    private static func panelSeries(_ source: Value, _ a: BuiltinArguments, parameter: Int) throws -> [PlotPanel] {
        switch source {
        case .object(let run as RunValue):
            let curves = try runSeries(run.run, parameter: parameter)
            var panels = [PlotPanel(name: "loss", series: curves.filter { $0.name.hasSuffix("loss") }),
                          PlotPanel(name: "accuracy", series: curves.filter { $0.name.hasSuffix("accuracy") })]
            let steps = Double(run.run.finalStep), epochs = Double(run.run.finalEpoch)
            for name in run.probeNames {
                let measured = run.run.probes[name] ?? []
                guard !measured.isEmpty else { continue }
                // Probes measured every few steps sit between epochs, on the same axis as the curves.
                let xs = measured.map { steps > 0 ? Double($0.step) / steps * epochs : Double($0.epoch) }
                panels.append(PlotPanel(name: name, series: [PlotSeries(name: "", xs: xs, ys: measured.map(\.value))]))
            }
            return panels
        case .record(let r):
            guard !r.keys.isEmpty else { throw RuntimeError(Messages.plotNoSeries, parameter: parameter) }
            return try r.fields.map { field in
                if case .object(let o) = field.value, o is RunValue {
                    throw RuntimeError(Messages.argumentType("plot", "series." + field.key, "a series (list, list of lists, record or tensor)", "run"),
                                       parameter: parameter)
                }
                if case .number = field.value { throw RuntimeError(Messages.plotFieldIsNumber(field.key), parameter: parameter) }
                let lines = try plotSeries(field.value, a, parameter: parameter)
                // A lone line is named by its panel already; several keep their own names for the legend.
                return PlotPanel(name: field.key, series: lines)
            }
        default:
            throw RuntimeError(Messages.plotPanelsType(source.typeName), parameter: parameter)
        }
    }
}
