import Foundation
import Learning

/// The outcome of `train` as a language value: the per-epoch history (`run.loss`,
/// `run.accuracy`, `run.eval_accuracy`, each a list, so `.last` gives the final value), wall time
/// and throughput. An interrupted run keeps the history up to where it stopped.
final class RunValue: ObjectValue {
    let run: Run
    /// The names of the probes measured during the run, in the order given (`run.NAME`).
    let probeNames: [String]

    init(_ run: Run, probes: [String] = []) {
        self.run = run
        self.probeNames = probes
    }

    var typeName: String { "run" }

    func describe() -> String {
        let epochs = run.epochs
        var lines = ["run: \(epochs.count) epoch\(epochs.count == 1 ? "" : "s"), \(TextFormat.groupedThousands(run.finalStep)) steps, "
                     + "\(formatFixed(run.wallSeconds, digits: run.wallSeconds < 10 ? 2 : 1)) s, \(TextFormat.groupedThousands(Int(run.samplesPerSecond.rounded()))) samples/s"
                     + (run.interrupted ? " (interrupted)" : "")]
        guard !epochs.isEmpty else { return lines[0] }
        let probes = probeNames.map { (name: $0, points: run.probes[$0] ?? []) }
        lines.append("  epoch  loss    acc     eval  " + probes.map { "  " + $0.name }.joined())
        if probes.contains(where: { $0.points.first?.step == 0 }) {
            lines.append("  " + pad("0", 5) + "  " + pad("-", 6) + "  " + pad("-", 6) + "  " + pad("-", 6) + probeCells(probes, epoch: 0))
        }
        for e in epochs {
            let eval = e.evalAccuracy.map(TextFormat.percent) ?? "-"
            lines.append("  " + pad(String(e.epoch), 5) + "  " + pad(formatFixed(e.trainLoss, digits: 3), 6)
                         + "  " + pad(TextFormat.percent(e.trainAccuracy), 6) + "  " + (probes.isEmpty ? eval : pad(eval, 6) + probeCells(probes, epoch: e.epoch)))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    /// Each probe's last value measured by the end of `epoch` (at its start for epoch 0).
    private func probeCells(_ probes: [(name: String, points: [SeriesPoint])], epoch: Int) -> String {
        probes.map { probe in
            let value = probe.points.last { $0.epoch == epoch }.map { formatSignificant($0.value) } ?? "-"
            return "  " + pad(value, probe.name.count)
        }.joined()
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    /// The members every run has; a probe cannot take one of these names.
    static let ownMembers = ["loss", "accuracy", "eval_loss", "eval_accuracy", "lr", "epochs", "steps", "wall_time",
                             "samples_per_second", "interrupted", "probes"]

    var memberNames: [String] { Self.ownMembers + probeNames }

    func member(_ name: String) -> Value? {
        func series(_ values: [Double]) -> Value { .list(values.map { .number($0) }) }
        switch name {
        case "loss": return series(run.epochs.map(\.trainLoss))
        case "accuracy": return series(run.epochs.map(\.trainAccuracy))
        case "eval_loss": return series(run.evaluations.map(\.loss))
        case "eval_accuracy": return series(run.evaluations.map(\.accuracy))
        case "lr": return series(run.epochs.map(\.learningRate))
        case "epochs": return .number(Double(run.finalEpoch))
        case "steps": return .number(Double(run.finalStep))
        case "wall_time": return .number(run.wallSeconds)
        case "samples_per_second": return .number(run.samplesPerSecond)
        case "interrupted": return .bool(run.interrupted)
        case "probes":
            var r = Record()
            for key in run.probes.keys.sorted() { r[key] = series(run.series(key)) }
            return .record(r)
        default: return probeNames.contains(name) ? series(run.series(name)) : nil
        }
    }
}
