import Learning

/// The result of a critical-period experiment: per deficit length, tr F per epoch (total and per
/// layer) and the accuracies; `table` is the per-epoch series, `summary` the final accuracy
/// against the deficit length.
public struct CriticalPeriodResult: ProbeResult {
    /// One deficit length's run.
    public struct Entry {
        /// Epochs trained with the deficit.
        public let deficitEpochs: Int
        /// The run.
        public let run: ExperimentRun
    }

    /// The deficit.
    public let deficit: Deficit
    /// Clean epochs after each deficit.
    public let cleanEpochs: Int
    /// How tr F was estimated.
    public let estimator: FisherEstimator
    /// The training seed.
    public let seed: UInt64
    /// One entry per deficit length, in increasing order.
    public let runs: [Entry]

    /// The final accuracy of each deficit length (test accuracy when there was test data).
    public var finalAccuracies: [(deficitEpochs: Int, accuracy: Double)] { runs.map { ($0.deficitEpochs, $0.run.finalAccuracy) } }

    var settings: [(key: String, value: String)] {
        [("deficit", deficit.label), ("clean epochs after", "\(cleanEpochs)"), ("Fisher", estimator.label),
         ("tr F on", "the data of the epoch just trained (deficit or clean), after each epoch; epoch 0: initial weights on the first epoch's data"),
         ("seed", "\(seed)"), ("unit", "none (Fisher scales with the parameterisation)")]
    }

    /// One row per run and epoch: tr F, tr F per layer, loss and accuracies.
    public var table: ProbeTable {
        let layers = runs.first?.run.fisherPerLayer.map(\.layer) ?? []
        var rows: [[ProbeCell]] = []
        for entry in runs {
            let run = entry.run
            for (epoch, trace) in run.fisher.enumerated() {
                let record = epoch > 0 && epoch <= run.epochs.count ? run.epochs[epoch - 1] : nil
                let phase = record.map { $0.phase == 0 ? "deficit" : "clean" } ?? "start"
                var row: [ProbeCell] = [.number(Double(entry.deficitEpochs)), .number(Double(epoch)), .text(phase), .number(trace)]
                row += run.fisherPerLayer.map { epoch < $0.values.count ? .number($0.values[epoch]) : .empty }
                row += [record.map { .number($0.trainLoss) } ?? .empty, record.map { .share($0.trainAccuracy) } ?? .empty,
                        record?.evalAccuracy.map { .share($0) } ?? .empty]
                rows.append(row)
            }
        }
        return ProbeTable(title: "Critical learning periods — tr F per epoch, \(deficit.label)", settings: settings,
                          columns: ["deficit epochs", "epoch", "phase", "tr F"] + layers.map { "tr F \($0)" }
                              + ["train loss", "train accuracy", "test accuracy"], rows: rows)
    }

    /// Final accuracy, final and peak tr F (and the epoch of the peak) per deficit length.
    public var summary: ProbeTable {
        let rows: [[ProbeCell]] = runs.map { entry in
            let peak = entry.run.fisherPeak
            return [.number(Double(entry.deficitEpochs)), .share(entry.run.finalAccuracy),
                    entry.run.fisher.last.map { .number($0) } ?? .empty,
                    peak.map { .number($0.value) } ?? .empty, peak.map { .number(Double($0.epoch)) } ?? .empty]
        }
        return ProbeTable(title: "Critical learning periods — final accuracy against deficit length, \(deficit.label)",
                          settings: settings + [("peak tr F", ExperimentRun.peakRule)],
                          columns: ["deficit epochs", "final accuracy", "final tr F", "peak tr F", "peak epoch"], rows: rows)
    }
}
