import Foundation
import Learning

/// The result of a critical-period experiment: per deficit length, tr F per epoch (total and per
/// layer) and the accuracies; `table` is the per-epoch series, `summary` the final accuracy
/// against the deficit length (with controls, windows or seeds: per deficit and length, the mean
/// over seeds and its spread).
public struct CriticalPeriodResult: ProbeResult {
    /// One run.
    public struct Entry {
        /// Epochs trained with the deficit (with a window: the epoch the deficit starts).
        public let deficitEpochs: Int
        /// The run.
        public let run: ExperimentRun
        /// Its deficit (the experiment's, or a control).
        public let deficit: Deficit
        /// Its seed, when the experiment repeats over seeds.
        public let seed: UInt64?
        /// The name of each of its phases ("deficit" or "clean"), by phase index.
        public let phaseNames: [String]
    }

    /// The deficit.
    public let deficit: Deficit
    /// Clean epochs after each deficit.
    public let cleanEpochs: Int
    /// How tr F was estimated.
    public let estimator: FisherEstimator
    /// The training seed.
    public let seed: UInt64
    /// One entry per run: deficit (then the controls), length, seed.
    public let runs: [Entry]
    /// The control deficits.
    public let controls: [Deficit]
    /// The deficit window, when the lengths are onsets.
    public let window: Int?
    /// The seeds of the repeats, if any.
    public let seeds: [UInt64]?

    /// Whether this is the plain experiment (one deficit, lengths, one run each), whose tables
    /// keep their original columns.
    var isPlain: Bool { controls.isEmpty && window == nil && seeds == nil }

    /// The final accuracy of each deficit length (test accuracy when there was test data).
    public var finalAccuracies: [(deficitEpochs: Int, accuracy: Double)] { runs.map { ($0.deficitEpochs, $0.run.finalAccuracy) } }

    /// The runs of one deficit and length, over the seeds.
    public struct Group {
        public let deficit: Deficit
        /// The length, or the onset with a window.
        public let epochs: Int
        public let runs: [ExperimentRun]

        /// Mean final accuracy over the seeds.
        public var meanAccuracy: Double { runs.map(\.finalAccuracy).reduce(0, +) / Double(max(runs.count, 1)) }
        /// The sample standard deviation of the final accuracies; nil for one run.
        public var spread: Double? {
            guard runs.count > 1 else { return nil }
            let mean = meanAccuracy
            return (runs.map { ($0.finalAccuracy - mean) * ($0.finalAccuracy - mean) }.reduce(0, +) / Double(runs.count - 1)).squareRoot()
        }
        /// tr F per epoch, averaged over the seeds.
        public var meanFisher: [Double] {
            let length = runs.map(\.fisher.count).min() ?? 0
            return (0..<length).map { e in runs.map { $0.fisher[e] }.reduce(0, +) / Double(runs.count) }
        }
    }

    /// The runs grouped by deficit and length, in run order.
    public var groups: [Group] {
        var order: [(String, Int)] = []
        var members: [String: [Entry]] = [:]
        for entry in runs {
            let key = "\(entry.deficit.label)|\(entry.deficitEpochs)"
            if members[key] == nil { order.append((entry.deficit.label, entry.deficitEpochs)) }
            members[key, default: []].append(entry)
        }
        return order.compactMap { label, epochs in
            guard let entries = members["\(label)|\(epochs)"], let first = entries.first else { return nil }
            return Group(deficit: first.deficit, epochs: epochs, runs: entries.map(\.run))
        }
    }

    var settings: [(key: String, value: String)] {
        var list: [(key: String, value: String)] = [("deficit", deficit.label)]
        if !controls.isEmpty { list.append(("controls", controls.map(\.label).joined(separator: "; "))) }
        if let window {
            list.append(("window", "the deficit lasts \(window) epoch\(window == 1 ? "" : "s") from each onset; every run trains "
                + "\((runs.map(\.deficitEpochs).max() ?? 0) + window + cleanEpochs) epochs"))
        }
        list += [("clean epochs after", "\(cleanEpochs)"), ("Fisher", estimator.label),
                 ("tr F on", "the data of the epoch just trained (deficit or clean), after each epoch; epoch 0: initial weights on the first epoch's data")]
        if let seeds {
            list.append(("seeds", seeds.map(String.init).joined(separator: ", ")
                + " (each draws its initial weights and its training; spread: the sample standard deviation over them)"))
        } else {
            list.append(("seed", "\(seed)"))
        }
        list.append(("unit", "none (Fisher scales with the parameterisation)"))
        return list
    }

    var lengthColumn: String { window == nil ? "deficit epochs" : "onset" }

    /// One row per run and epoch: tr F, tr F per layer, loss and accuracies.
    public var table: ProbeTable {
        let layers = runs.first?.run.fisherPerLayer.map(\.layer) ?? []
        var rows: [[ProbeCell]] = []
        for entry in runs {
            let run = entry.run
            for (epoch, trace) in run.fisher.enumerated() {
                let record = epoch > 0 && epoch <= run.epochs.count ? run.epochs[epoch - 1] : nil
                let phase = record.map { $0.phase < entry.phaseNames.count ? entry.phaseNames[$0.phase] : "clean" } ?? "start"
                var row: [ProbeCell] = isPlain ? [] : [.text(entry.deficit.label), entry.seed.map { .number(Double($0)) } ?? .empty]
                row += [.number(Double(entry.deficitEpochs)), .number(Double(epoch)), .text(phase), .number(trace)]
                row += run.fisherPerLayer.map { epoch < $0.values.count ? .number($0.values[epoch]) : .empty }
                row += [record.map { .number($0.trainLoss) } ?? .empty, record.map { .share($0.trainAccuracy) } ?? .empty,
                        record?.evalAccuracy.map { .share($0) } ?? .empty]
                rows.append(row)
            }
        }
        return ProbeTable(title: "Critical learning periods — tr F per epoch, \(deficit.label)", settings: settings,
                          columns: (isPlain ? [] : ["deficit", "seed"]) + [lengthColumn, "epoch", "phase", "tr F"]
                              + layers.map { "tr F \($0)" } + ["train loss", "train accuracy", "test accuracy"], rows: rows)
    }

    /// Final accuracy, final and peak tr F (and the epoch of the peak) per deficit length; with
    /// controls, windows or seeds, per deficit and length: the mean over the seeds and its spread,
    /// and the peak of the mean tr F.
    public var summary: ProbeTable {
        let title = "Critical learning periods — final accuracy against deficit \(window == nil ? "length" : "onset"), \(deficit.label)"
        let settings = self.settings + [("peak tr F", ExperimentRun.peakRule)]
        guard !isPlain else {
            let rows: [[ProbeCell]] = runs.map { entry in
                let peak = entry.run.fisherPeak
                return [.number(Double(entry.deficitEpochs)), .share(entry.run.finalAccuracy),
                        entry.run.fisher.last.map { .number($0) } ?? .empty,
                        peak.map { .number($0.value) } ?? .empty, peak.map { .number(Double($0.epoch)) } ?? .empty]
            }
            return ProbeTable(title: title, settings: settings,
                              columns: ["deficit epochs", "final accuracy", "final tr F", "peak tr F", "peak epoch"], rows: rows)
        }
        let rows: [[ProbeCell]] = groups.map { group in
            let fisher = group.meanFisher
            let peak = ExperimentRun.risePeak(fisher)
            return [.text(group.deficit.label), .number(Double(group.epochs)), .number(Double(group.runs.count)),
                    .share(group.meanAccuracy), group.spread.map { .share($0) } ?? .empty,
                    fisher.last.map { .number($0) } ?? .empty, peak.map { .number($0.value) } ?? .empty,
                    peak.map { .number(Double($0.epoch)) } ?? .empty]
        }
        return ProbeTable(title: title, settings: settings,
                          columns: ["deficit", lengthColumn, "runs", "final accuracy", "spread", "final tr F", "peak tr F", "peak epoch"],
                          rows: rows)
    }
}
