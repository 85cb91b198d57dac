import Learning

/// A training schedule as a language value: the optimizer, batch size, rate schedule and phases
/// of a `schedule` declaration.
final class ScheduleValue: ObjectValue {
    /// One `phase N epochs on DATA` or `phase N steps on DATA` line.
    struct Phase {
        var length: PhaseLength
        var data: Dataset

        /// The phase's epochs, or 0 for a phase counted in steps.
        var epochs: Int {
            if case .epochs(let n) = length { return n }
            return 0
        }

        /// The phase's steps, or 0 for a phase counted in epochs.
        var steps: Int {
            if case .steps(let n) = length { return n }
            return 0
        }
    }

    let name: String
    var optimizer: OptimizerValue?
    var batch: Int?
    var epochs: Int?
    var rate: (shape: RateValue, unit: TimeUnit)?
    var phases: [Phase] = []

    init(name: String) { self.name = name }

    var typeName: String { "schedule" }

    func describe() -> String {
        var parts: [String] = []
        if let optimizer { parts.append(optimizer.describe()) }
        if let batch { parts.append("batch \(batch)") }
        if let epochs { parts.append("\(epochs) epochs") }
        if let rate { parts.append("lr \(rate.shape.describe()) per \(rate.unit.rawValue)") }
        var lines = ["schedule \(name): " + (parts.isEmpty ? "defaults" : parts.joined(separator: ", "))]
        for (i, p) in phases.enumerated() {
            lines.append("  phase \(i + 1): \(p.length) on \(p.data.name) "
                         + "(\(TextFormat.groupedThousands(p.data.count)) samples)")
        }
        return lines.joined(separator: "\n")
    }

    /// Epochs over all phases at the schedule's batch size, as training will count them (a phase in
    /// steps has ⌈steps / batches per pass⌉).
    private var phaseEpochs: Int {
        let batch = self.batch ?? TrainingPlan.defaultBatch
        return phases.reduce(0) { total, p in
            total + p.length.epochs(batchesPerPass: TrainingPlan.source(p.data, shuffles: true).batchCount(batchSize: batch))
        }
    }

    static let members = ["optimizer", "batch", "epochs", "lr", "phases", "name"]

    var memberNames: [String] { Self.members }

    func member(_ member: String) -> Value? {
        switch member {
        case "optimizer": return optimizer.map { .object($0) } ?? Value.none
        case "batch": return batch.map { .number(Double($0)) } ?? Value.none
        case "epochs": return .number(Double(epochs ?? phaseEpochs))
        case "lr": return rate.map { .object($0.shape) } ?? Value.none
        case "phases":
            return .list(phases.map { p in
                var r = Record()
                r["epochs"] = .number(Double(p.epochs))
                r["steps"] = .number(Double(p.steps))
                r["data"] = .dataset(p.data)
                return .record(r)
            })
        case "name": return .string(name)
        default: return nil
        }
    }
}
