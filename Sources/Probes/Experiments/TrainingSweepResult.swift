import Learning

/// The result of a batch-size or class-count sweep: per value, the final tr F (total and per
/// layer), its peak, the final accuracy and optionally the information in the weights.
public struct TrainingSweepResult: ProbeResult {
    /// One value's run.
    public struct Entry {
        /// The batch size or class count.
        public let value: Int
        /// The run, with tr F per epoch.
        public let run: ExperimentRun
        /// Information in the weights (nats, Fisher-diagonal upper bound) when a code was given.
        public let weightNats: Double?
        /// Its quadratic assumption checked by sampling from Σ* (`QuadraticCheck`).
        public let weightCheck: QuadraticCheck?
    }

    /// What varied.
    public let variable: TrainingSweep.Variable
    /// Epochs per run (unless `steps`).
    public let epochs: Int
    /// Optimizer steps per run, when the runs were counted in steps.
    public let steps: Int?
    /// How tr F was estimated.
    public let estimator: FisherEstimator
    /// The training seed.
    public let seed: UInt64
    /// The Gaussian code of `weightNats`, if any.
    public let code: GaussianCode?
    /// One entry per value, in the order given.
    public let entries: [Entry]
    /// The batch whose run kept the optimizer's rate, when the rate scaled with the batch.
    public var rateScaledFrom: Int? = nil

    /// One row per value: final tr F, peak tr F, per-layer final tr F, accuracy, nats.
    public var table: ProbeTable {
        let layers = entries.first?.run.fisherPerLayer.map(\.layer) ?? []
        let rows: [[ProbeCell]] = entries.map { entry in
            let f = entry.run.fisher
            var row: [ProbeCell] = [.number(Double(entry.value)), f.last.map { .number($0) } ?? .empty,
                                    entry.run.fisherPeak.map { .number($0.value) } ?? .empty]
            row += entry.run.fisherPerLayer.map { $0.values.last.map { .number($0) } ?? .empty }
            row += [.share(entry.run.finalAccuracy), entry.weightNats.map { .number($0) } ?? .empty]
            if code != nil { row.append(entry.weightCheck.map { .text($0.agrees ? "yes" : "no") } ?? .empty) }
            return row
        }
        var settings: [(key: String, value: String)] = [
            steps.map { ("steps", "\($0) per run: every run takes as many optimizer steps") } ?? ("epochs", "\(epochs)"),
            ("Fisher", estimator.label), ("tr F on", "the training data of each run, after its last epoch"),
            ("seed", "\(seed)"), ("peak tr F", ExperimentRun.peakRule),
            ("unit", "none for tr F; nats for the information in the weights")]
        if let base = rateScaledFrom {
            settings.insert(("learning rate", "scaled with the batch: the optimizer's rate × batch / \(base) (linear scaling rule)"), at: 1)
        }
        if let code {
            settings.append(("information in the weights", "Fisher diagonal (upper bound), λ = \(code.lambda), β = \(code.beta)"))
            settings.append(("quadratic ok", "E_Q L_D sampled from Σ* (\(2 * QuadraticCheck.pairs) draws) agrees with the quadratic prediction"))
        }
        return ProbeTable(title: "tr F and accuracy against the \(variable.name)", settings: settings,
                          columns: [variable.name, "final tr F", "peak tr F"] + layers.map { "final tr F \($0)" }
                              + ["final accuracy", "weights nats"] + (code == nil ? [] : ["quadratic ok"]), rows: rows,
                          notes: weightNote.map { [$0] } ?? [])
    }

    /// The note when some run's weights nats rest on a quadratic loss its sampled loss contradicts.
    var weightNote: String? {
        let failed = entries.filter { $0.weightCheck.map { !$0.agrees } ?? false }
        guard let worst = failed.compactMap(\.weightCheck).max(by: { $0.sampled / $0.predicted < $1.sampled / $1.predicted }) else { return nil }
        let values = failed.map { "\($0.value)" }.joined(separator: ", ")
        return "weights nats at \(variable.name) \(values) assume a loss quadratic over Σ* that sampling contradicts ("
            + "E_Q L_D \(NumberColumn.estimate(worst.sampled, standardError: worst.standardError).text) against "
            + "\(NumberColumn.plain(worst.predicted, decimals: nil)) predicted at worst); information_lagrangian measures without it"
    }

    /// The per-epoch tr F of every run, one row per value and epoch.
    public var series: ProbeTable {
        let rows: [[ProbeCell]] = entries.flatMap { entry in
            entry.run.fisher.enumerated().map { [.number(Double(entry.value)), .number(Double($0)), .number($1)] }
        }
        return ProbeTable(title: "tr F per epoch for each \(variable.name)", settings: [("Fisher", estimator.label), ("seed", "\(seed)")],
                          columns: [variable.name, "epoch", "tr F"], rows: rows)
    }
}
