import Probes

/// The run's printed history as a table, shared by the text form and `run.save(path)`.
extension RunValue {
    /// Whether some probe was measured before the first step: the table then starts at epoch 0.
    var measuredAtStart: Bool {
        columnProbeNames.contains { run.probes[$0]?.first?.step == 0 }
    }

    /// The epochs the table has a row for: 0 when measured at the start, then every epoch trained.
    var shownEpochs: [Int] {
        (measuredAtStart ? [0] : []) + run.epochs.map(\.epoch)
    }

    /// Per epoch of `epochs`, the probe's last value measured by the end of that epoch (at its
    /// start for epoch 0), empty where it was not measured.
    func probeColumn(_ name: String, epochs: [Int]) -> [ProbeCell] {
        let points = run.probes[name] ?? []
        return epochs.map { epoch in points.last { $0.epoch == epoch }.map { .number($0.value) } ?? .empty }
    }

    /// What the run prints: one row per shown epoch, the columns named as the members they come
    /// from (`loss`, `accuracy`, `eval_accuracy`, each probe), the summary line as the title.
    var table: ProbeTable {
        let epochs = shownEpochs
        let records = Dictionary(run.epochs.map { ($0.epoch, $0) }, uniquingKeysWith: { _, last in last })
        let probeColumns = columnProbeNames.map { probeColumn($0, epochs: epochs) }
        let rows: [[ProbeCell]] = epochs.enumerated().map { r, epoch in
            let e = records[epoch]
            return [.number(Double(epoch)), e.map { .number($0.trainLoss) } ?? .empty, e.map { .share($0.trainAccuracy) } ?? .empty,
                    e?.evalAccuracy.map(ProbeCell.share) ?? .empty] + probeColumns.map { $0[r] }
        }
        return ProbeTable(title: summaryLine, settings: [], columns: ["epoch", "loss", "accuracy", "eval_accuracy"] + columnProbeNames, rows: rows)
    }

    /// `run.save(path)`: the printed history and every member (see `ResultFile`).
    var saveFunction: BuiltinFunction {
        let doc = BuiltinDoc(signature: "run.save(path)", summary: "write the run's history to a .csv or .json file",
                             description: "CSV: one row per epoch as printed (epoch, loss, accuracy, eval_accuracy, each probe) "
                                 + "at full precision. JSON: the same rows and every member (eval_loss, lr, wall_time, the probes' "
                                 + "series with every measurement).",
                             example: "train(net, on: data, epochs: 1).save(\"run.csv\")", category: "training")
        return ResultFile.saveFunction("save", doc: doc) { [self] in resultFile }
    }
}

extension RunValue: SavedResult {
    var resultFile: ResultFile { ResultFile(table: table, members: dataMembers(except: ["save"])) }
}
