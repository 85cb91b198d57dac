import Foundation

/// The `band:` argument of `plot`: half-widths around each line (standard errors, spreads over
/// seeds), drawn as a translucent area from y - h to y + h.
extension BuiltinRegistry {
    /// `series` with the half-widths of `band` attached. A record gives bands to the lines it
    /// names (others get none); a list, range or tensor gives them by position, one per line.
    static func withBands(_ series: [PlotSeries], band: Value, _ a: BuiltinArguments, parameter: Int) throws -> [PlotSeries] {
        var result = series
        if case .record(let r) = band {
            for field in r.fields {
                guard let i = series.firstIndex(where: { $0.name == field.key }) else {
                    throw RuntimeError(Messages.plotBandNoLine(field.key, lines: series.map(\.name)), parameter: parameter)
                }
                let label = "band '\(field.key)'"
                result[i].band = try halfWidths(try bandItems(field.value, label, a, parameter: parameter), label, of: series[i],
                                                seriesLabel(field.key), parameter: parameter)
            }
            return result
        }
        let lines = try bandLines(band, a, parameter: parameter)
        guard lines.count == series.count else { throw RuntimeError(Messages.plotBandCount(lines.count, series.count), parameter: parameter) }
        let several = series.count > 1
        for (i, items) in lines.enumerated() {
            let label = several ? "band \(i + 1)" : "the band"
            let line = several ? (series[i].name.isEmpty ? "series \(i + 1)" : seriesLabel(series[i].name)) : seriesLabel(series[i].name)
            result[i].band = try halfWidths(items, label, of: series[i], line, parameter: parameter)
        }
        return result
    }

    /// The elements of each band given by position: one list (or rank-1 tensor) for one line, a
    /// list of lists (or rank-2 tensor) for several.
    private static func bandLines(_ band: Value, _ a: BuiltinArguments, parameter: Int) throws -> [[Value]] {
        switch band {
        case .object(let t as TensorValue):
            guard t.shape.count == 2, case .list(let rows) = try t.nestedLists() else { return [try vectorItems(t, "the band", parameter: parameter)] }
            return rows.map { row in if case .list(let items) = row { return items } else { return [row] } }
        case .list, .range:
            let items = try ArgumentKind<[Value]>.list.read(band, a) ?? []
            guard let first = items.first, case .list = first else { return [items] }
            return try items.enumerated().map { i, item in
                guard case .list(let inner) = item else { throw RuntimeError(Messages.plotBandMixed(i, item.typeName), parameter: parameter) }
                return inner
            }
        default:
            throw RuntimeError(Messages.plotBandType(band.typeName), parameter: parameter)
        }
    }

    /// The elements of one named band: a list, range or rank-1 tensor.
    private static func bandItems(_ value: Value, _ label: String, _ a: BuiltinArguments, parameter: Int) throws -> [Value] {
        if case .object(let t as TensorValue) = value { return try vectorItems(t, label, parameter: parameter) }
        guard let items = listItems(value, a) else { throw RuntimeError(Messages.plotBandType(value.typeName), parameter: parameter) }
        return items
    }

    /// The half-widths of one band, one per point of `line` (called `lineLabel` in errors). A
    /// negative half-width is refused; nan or inf leaves that point without a band.
    private static func halfWidths(_ items: [Value], _ label: String, of line: PlotSeries, _ lineLabel: String,
                                   parameter: Int) throws -> [Double] {
        let widths = try plotNumbers(items, label, parameter: parameter)
        guard widths.count == line.ys.count else {
            throw RuntimeError(Messages.plotBandLength(label, widths.count, lineLabel, line.ys.count), parameter: parameter)
        }
        if let i = widths.firstIndex(where: { $0 < 0 }) {
            throw RuntimeError(Messages.plotBandNegative(label, i, widths[i]), parameter: parameter)
        }
        return widths
    }
}
