import Foundation
import TensorRuntime

/// `plot(points, labels: ...)`: a scatter of 2-D points coloured by class, as classification
/// data (`d.inputs` and `d.labels` of a two-feature data set) is usually looked at.
extension BuiltinRegistry {
    /// One marker series per distinct label, named by it ("class 3" for a number): numeric labels in ascending order,
    /// others in order of first appearance.
    static func labelledPoints(_ source: Value, labels: [Value], _ a: BuiltinArguments, parameter: Int, labelsParameter: Int) throws -> [PlotSeries] {
        let points = try pointPairs(source, a, parameter: parameter)
        guard labels.count == points.count else {
            throw RuntimeError(Messages.plotLabelCount(labels.count, points.count), parameter: labelsParameter)
        }
        var order: [String] = [], numeric: [String: Double] = [:], groups: [String: [(Double, Double)]] = [:]
        for (i, label) in labels.enumerated() {
            let name: String
            switch label {
            // A bare "0" beside a marker reads as a value; "class 0" says what it is.
            case .number(let x): name = "class " + formatNumber(x); numeric[name] = x
            case .string(let s): name = s
            default: throw RuntimeError(Messages.plotLabelType(i, label.typeName), parameter: labelsParameter)
            }
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(points[i])
        }
        if numeric.count == order.count { order.sort { (numeric[$0] ?? 0) < (numeric[$1] ?? 0) } }
        return order.map { name in
            let group = groups[name] ?? []
            return PlotSeries(name: name, xs: group.map(\.0), ys: group.map(\.1))
        }
    }

    /// The [x, y] pairs of a tensor of shape [n, 2] or a list of two-number lists.
    private static func pointPairs(_ source: Value, _ a: BuiltinArguments, parameter: Int) throws -> [(Double, Double)] {
        let rows: [Value]
        switch source {
        case .object(let t as TensorValue):
            guard t.shape.count == 2, t.shape[1] == 2, case .list(let items) = try t.nestedLists() else {
                throw RuntimeError(Messages.plotPointsShape(TensorShape.describe(t.shape)), parameter: parameter)
            }
            rows = items
        case .list(let items):
            rows = items
        default:
            throw RuntimeError(Messages.plotPointsType(source.typeName), parameter: parameter)
        }
        guard !rows.isEmpty else { throw RuntimeError(Messages.plotEmpty("the points"), parameter: parameter) }
        return try rows.enumerated().map { i, row in
            guard case .list(let pair) = row, pair.count == 2 else { throw RuntimeError(Messages.plotPointNotPair(i, row.typeName), parameter: parameter) }
            let xy = try plotNumbers(pair, "point \(i)", parameter: parameter)
            return (xy[0], xy[1])
        }
    }
}
