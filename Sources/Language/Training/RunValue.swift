import Foundation
import Learning
import Probes

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

    /// The probes with a column in the printed history: those recorded as one number per
    /// measurement (a function probe's lists and records are members only).
    var columnProbeNames: [String] { probeNames.filter { run.probes[$0] != nil } }

    var typeName: String { "run" }

    func describe() -> String {
        let epochs = run.epochs
        var lines = [summaryLine]
        guard !epochs.isEmpty else { return lines[0] }
        lines.append("  epoch  loss    acc     eval  " + columnProbeNames.map { "  " + $0 }.joined())
        let atStart = measuredAtStart
        let cells = probeCells(shownEpochs)
        if atStart {
            lines.append("  " + pad("0", 5) + "  " + pad("-", 6) + "  " + pad("-", 6) + "  " + pad("-", 6) + cells[0])
        }
        for (i, e) in epochs.enumerated() {
            let eval = e.evalAccuracy.map(TextFormat.percent) ?? "-"
            lines.append("  " + pad(String(e.epoch), 5) + "  " + pad(TextFormat.loss(e.trainLoss), 6)
                         + "  " + pad(TextFormat.percent(e.trainAccuracy), 6) + "  " + (columnProbeNames.isEmpty ? eval : pad(eval, 6) + cells[i + (atStart ? 1 : 0)]))
        }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }

    /// The first printed line: epochs, steps, wall time, throughput.
    var summaryLine: String {
        "run: \(run.epochs.count) epoch\(run.epochs.count == 1 ? "" : "s"), \(TextFormat.groupedThousands(run.finalStep)) steps, "
            + "\(formatFixed(run.wallSeconds, digits: run.wallSeconds < 10 ? 2 : 1)) s, \(TextFormat.groupedThousands(Int(run.samplesPerSecond.rounded()))) samples/s"
            + (run.interrupted ? " (interrupted)" : "")
    }

    /// Per shown epoch, the probes' cells: each probe's last value measured by the end of that
    /// epoch (at its start for epoch 0), a column rounded and aligned on the decimal point as the
    /// probe tables are, "-" where the probe was not measured.
    private func probeCells(_ epochs: [Int]) -> [String] {
        var rows = Array(repeating: "", count: epochs.count)
        for name in columnProbeNames {
            let parts = NumberColumn(probeColumn(name, epochs: epochs)).parts
            let whole = parts.compactMap { $0?.whole.count }.max() ?? 0
            let fraction = parts.compactMap { $0?.fraction.count }.max() ?? 0
            let width = max(name.count, whole + fraction)
            for (r, part) in parts.enumerated() {
                let text = part.map { String(repeating: " ", count: whole - $0.whole.count) + $0.text
                    + String(repeating: " ", count: fraction - $0.fraction.count) } ?? String(repeating: " ", count: max(0, whole - 1)) + "-"
                rows[r] += "  " + String(repeating: " ", count: max(0, width - max(text.count, whole + fraction))) + pad(text, whole + fraction)
            }
        }
        return rows
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    /// The members every run has; a probe cannot take one of these names.
    static let ownMembers = ["loss", "accuracy", "eval_loss", "eval_accuracy", "lr", "epochs", "steps", "wall_time",
                             "epoch_seconds", "samples_per_second", "communication_seconds", "interrupted", "probes", "save"]

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
        // Training time per epoch (none for epochs read from a checkpoint that did not record it).
        case "epoch_seconds": return .list(run.epochs.map { $0.seconds.map(Value.number) ?? Value.none })
        case "samples_per_second": return .number(run.samplesPerSecond)
        case "communication_seconds": return .number(run.communicationSeconds)
        case "interrupted": return .bool(run.interrupted)
        case "save": return .builtin(saveFunction)
        case "probes":
            var r = Record()
            for key in run.probes.keys.sorted() { r[key] = series(run.series(key)) }
            return .record(r)
        default:
            guard probeNames.contains(name) else { return nil }
            return run.probes[name] == nil ? FunctionProbeValue.series(name, in: run) ?? series([]) : series(run.series(name))
        }
    }
}
