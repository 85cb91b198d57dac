import Foundation
import Probes

/// The outcome of an experiment runner as a language value: prints its summary table (one row
/// per run), answers members such as `.final_accuracy` and `.fisher` (one entry per run, in the
/// order the runs were given), and saves the per-epoch table with `.save("x.csv" or "x.json")`.
final class ExperimentResultValue: SavedResult {
    /// The runner's builtin name.
    let experiment: String
    /// The table printed for the value: one row per run.
    let summary: ProbeTable
    /// Every epoch of every run: what `save` writes.
    let epochs: ProbeTable
    /// The members, in completion order.
    let members: [(name: String, value: Value)]

    init(experiment: String, summary: ProbeTable, epochs: ProbeTable, members: [(name: String, value: Value)]) {
        self.experiment = experiment
        self.summary = summary
        self.epochs = epochs
        self.members = members
    }

    var typeName: String { "experiment result" }

    func describe() -> String { summary.text }

    var headline: String { "\(experiment): \(summary.rows.count) runs" }

    var memberNames: [String] { members.map(\.name) + ["summary", "table", "save", "save_summary"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "summary": return .string(summary.text)
        case "table": return .string(epochs.text)
        case "save": return .builtin(saveFunction("save", epochs, "every epoch of every run: tr F in total and per layer, loss and accuracies"))
        case "save_summary": return .builtin(saveFunction("save_summary", summary, "one row per run, as printed"))
        default: return members.first { $0.name == name }?.value
        }
    }

    /// `result.save(path)` / `result.save_summary(path)`: a table and every member as CSV or JSON
    /// (see `ResultFile`), chosen by the extension, written atomically.
    private func saveFunction(_ name: String, _ table: ProbeTable, _ what: String) -> BuiltinFunction {
        let doc = BuiltinDoc(signature: "result.\(name)(path)", summary: "write the experiment's table to a .csv or .json file",
                             description: "The file holds \(what), at full precision, with the settings (as # lines in CSV); "
                                 + "a JSON file also holds every member (per run: tr F per epoch, per layer, losses, accuracies).",
                             example: "critical_period(net, on: data, lengths: [0, 2], clean: 3).\(name)(\"critical.csv\")",
                             category: "runners")
        return ResultFile.saveFunction(name, doc: doc) { [members] in ResultFile(table: table, members: members) }
    }

    /// What `save` writes: every epoch of every run and the members.
    var resultFile: ResultFile { ResultFile(table: epochs, members: members) }

    /// A list of numbers as a value.
    static func numbers(_ xs: [Double]) -> Value { .list(xs.map { .number($0) }) }

    /// One run as a record: tr F per epoch (from epoch 0) in total and per layer, and the
    /// per-epoch loss and accuracies.
    static func record(_ run: ExperimentRun) -> Record {
        var r = Record()
        r["final_accuracy"] = .number(run.finalAccuracy)
        r["fisher"] = numbers(run.fisher)
        r["fisher_layers"] = layers(run)
        r["loss"] = numbers(run.epochs.map(\.trainLoss))
        r["accuracy"] = numbers(run.epochs.map(\.trainAccuracy))
        r["eval_accuracy"] = .list(run.epochs.map { $0.evalAccuracy.map(Value.number) ?? Value.none })
        return r
    }

    /// tr F per epoch of each layer of a run, as a record by layer name.
    static func layers(_ run: ExperimentRun) -> Value {
        var r = Record()
        for layer in run.fisherPerLayer { r[layer.layer] = numbers(layer.values) }
        return .record(r)
    }

    /// Each layer's share of tr F per epoch (its trace over the total; none where the total is 0):
    /// where the information sits, and whether a deficit moves it.
    static func layerShares(_ run: ExperimentRun) -> Value {
        var r = Record()
        for layer in run.fisherPerLayer {
            r[layer.layer] = .list(zip(layer.values, run.fisher).map { value, total in total > 0 ? .number(value / total) : Value.none })
        }
        return .record(r)
    }
}
