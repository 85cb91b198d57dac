import Foundation

/// Bar charts of `plot`: a probe result's per-layer values (or shares), or any record of
/// name: number with `style: "bars"`.
extension BuiltinRegistry {
    /// The bar chart the call asks for, or nil when it draws lines or points. Options that only
    /// make sense for lines are refused here rather than silently ignored.
    static func barChart(_ source: Value, _ a: BuiltinArguments, _ p: PlotParameters) throws -> PlotBarChart? {
        let result: ProbeResultValue?
        if case .object(let r as ProbeResultValue) = source { result = r } else { result = nil }
        let bars = try a[p.style] == "bars"
        guard result != nil || bars else {
            if try a[p.share] { throw RuntimeError(Messages.plotShareWithoutLayers, parameter: p.share.index) }
            return nil
        }
        try refuseLineOptions(a, p)
        var chart: PlotBarChart
        if let result {
            guard !result.layers.isEmpty else { throw RuntimeError(Messages.plotNoLayers(result.probe), parameter: p.series.index) }
            let share = try a[p.share]
            chart = PlotBarChart(names: result.layers.map(\.name), values: result.layers.map { share ? $0.share : $0.value },
                                 title: result.probe, yLabel: share ? "share of total" : result.unit ?? "",
                                 note: "total " + result.totalText, shares: share)
        } else {
            if try a[p.share] { throw RuntimeError(Messages.plotShareWithoutLayers, parameter: p.share.index) }
            guard case .record(let r) = source else { throw RuntimeError(Messages.plotBarsType(source.typeName), parameter: p.series.index) }
            guard !r.keys.isEmpty else { throw RuntimeError(Messages.plotNoSeries, parameter: p.series.index) }
            let values = try r.fields.map { field -> Double in
                guard case .number(let x) = field.value else {
                    throw RuntimeError(Messages.plotBarNotNumber(field.key, field.value.typeName), parameter: p.series.index)
                }
                return x
            }
            chart = PlotBarChart(names: r.fields.map(\.key), values: values)
        }
        let title = try a[p.title], yLabel = try a[p.y]
        if !title.isEmpty { chart.title = title }
        if !yLabel.isEmpty { chart.yLabel = yLabel }
        guard chart.values.contains(where: \.isFinite) else { throw RuntimeError(Messages.plotNoBarDrawable, parameter: p.series.index) }
        return chart
    }

    /// Bars grow from zero at named places: log axes, x positions, bands, class labels, markers
    /// and panels have no meaning for them.
    private static func refuseLineOptions(_ a: BuiltinArguments, _ p: PlotParameters) throws {
        if try a[p.logY] { throw RuntimeError(Messages.plotBarsWith("log_y"), parameter: p.logY.index) }
        if try a[p.logX] { throw RuntimeError(Messages.plotBarsWith("log_x"), parameter: p.logX.index) }
        if try a[p.xValues] != nil { throw RuntimeError(Messages.plotBarsWith("x_values"), parameter: p.xValues.index) }
        if try a[p.band] != nil { throw RuntimeError(Messages.plotBarsWith("band"), parameter: p.band.index) }
        if try a[p.labels] != nil { throw RuntimeError(Messages.plotBarsWith("labels"), parameter: p.labels.index) }
        if try a[p.style] == "points" { throw RuntimeError(Messages.plotBarsWith("style: \"points\""), parameter: p.style.index) }
        if try a[p.panels] { throw RuntimeError(Messages.plotBarsWith("panels"), parameter: p.panels.index) }
        if try !a[p.x].isEmpty { throw RuntimeError(Messages.plotBarsWith("x (the bars are labelled by name)"), parameter: p.x.index) }
    }
}
