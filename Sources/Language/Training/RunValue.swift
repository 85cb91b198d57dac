import Learning

/// The outcome of `train` as a language value: the per-epoch history (`run.loss`,
/// `run.accuracy`, `run.eval_accuracy`, each a list, so `.last` gives the final value), wall time
/// and throughput. An interrupted run keeps the history up to where it stopped.
final class RunValue: ObjectValue {
    let run: Run

    init(_ run: Run) { self.run = run }

    var typeName: String { "run" }

    func describe() -> String {
        let epochs = run.epochs
        var lines = ["run: \(epochs.count) epoch\(epochs.count == 1 ? "" : "s"), \(TextFormat.groupedThousands(run.finalStep)) steps, "
                     + "\(formatFixed(run.wallSeconds, digits: 1)) s, \(TextFormat.groupedThousands(Int(run.samplesPerSecond.rounded()))) samples/s"
                     + (run.interrupted ? " (interrupted)" : "")]
        guard !epochs.isEmpty else { return lines[0] }
        lines.append("  epoch  loss    acc     eval")
        for e in epochs {
            let eval = e.evalAccuracy.map(Self.percent) ?? "-"
            lines.append("  " + pad(String(e.epoch), 5) + "  " + pad(formatFixed(e.trainLoss, digits: 3), 6)
                         + "  " + pad(Self.percent(e.trainAccuracy), 6) + "  " + eval)
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ x: Double) -> String { formatFixed(x * 100, digits: 1) + "%" }

    private func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - s.count))
    }

    var memberNames: [String] {
        ["loss", "accuracy", "eval_loss", "eval_accuracy", "lr", "epochs", "steps", "wall_time",
         "samples_per_second", "interrupted"]
    }

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
        default: return nil
        }
    }
}
