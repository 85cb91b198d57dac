import Foundation
import Probes

/// The outcome of a probe as a language value: prints as a small table (title with estimator and
/// settings, one row per layer with its share, the total with its standard error for Monte Carlo
/// estimates, notes on what the run found doubtful), answers `.total`, `.stderr`, `.value`, `.unit`,
/// `.layers`, `.notes` and each layer by name,
/// and saves itself with `.save("x.csv")` or `.save("x.json")`.
final class ProbeResultValue: ObjectValue {
    /// One per-layer row.
    struct LayerRow {
        let name: String
        let value: Double
        let share: Double
    }

    /// The probe's builtin name (`fisher_trace`, ...).
    let probe: String
    /// The compact table shown at the prompt.
    let shown: ProbeTable
    /// The probe library's own table (per tensor rows, its settings): saved beside `shown` in
    /// JSON files as "detail" when it differs.
    let exported: ProbeTable
    /// The headline number: tr F, nats, tr H, λ1(H) or the gap.
    let total: Double
    /// Its standard error, for stochastic estimates.
    let standardError: Double?
    /// "nats" for information, nil for curvature (it scales with the parameterisation).
    let unit: String?
    /// Per-layer values (empty for whole-model quantities).
    let layers: [LayerRow]
    /// Further members particular to one probe (eigenvalues, the Fisher diagonal, ...).
    let extras: [(name: String, value: Value)]
    /// The fitted posterior over the weights, for the results that have one (information_lagrangian).
    var posterior: WeightPosterior?

    init(probe: String, shown: ProbeTable, exported: ProbeTable, total: Double, standardError: Double?,
         unit: String?, layers: [LayerRow], extras: [(name: String, value: Value)] = []) {
        self.probe = probe
        self.shown = shown
        self.exported = exported
        self.total = total
        self.standardError = standardError
        self.unit = unit
        self.layers = layers
        self.extras = extras
    }

    var typeName: String { "probe result" }

    func describe() -> String { shown.text }

    var headline: String { "\(probe): \(totalText)" }

    /// The total as the table shows it: with its standard error when estimated, and its unit.
    var totalText: String {
        let number = standardError.map { NumberColumn.estimate(total, standardError: $0).text } ?? NumberColumn.plain(total, decimals: nil)
        return number + (unit.map { " " + $0 } ?? "")
    }

    static let fixedMembers = ["total", "value", "stderr", "unit", "layers", "probe", "title", "notes", "save"]

    var memberNames: [String] { Self.fixedMembers + extras.map(\.name) + layers.map(\.name) }

    func member(_ name: String) -> Value? {
        switch name {
        case "total", "value": return .number(total)
        case "stderr": return standardError.map(Value.number) ?? Value.none
        case "unit": return unit.map(Value.string) ?? Value.none
        case "probe": return .string(probe)
        case "title": return .string(shown.title)
        case "notes": return .list(shown.notes.map(Value.string))
        case "layers":
            return .list(layers.map { row in
                var r = Record()
                r["name"] = .string(row.name)
                r["value"] = .number(row.value)
                r["share"] = .number(row.share)
                return .record(r)
            })
        case "save": return .builtin(saveFunction)
        default:
            if let extra = extras.first(where: { $0.name == name }) { return extra.value }
            return layers.first { $0.name == name }.map { .number($0.value) }
        }
    }

    /// `result.save(path)`: the printed table and every member (see `ResultFile`).
    private var saveFunction: BuiltinFunction {
        let doc = BuiltinDoc(signature: "result.save(path)", summary: "write the probe's table and members to a .csv or .json file",
                             description: "CSV: the printed table (title and settings as # lines, then the rows) at full precision. "
                                 + "JSON: the same table with typed settings, every member (the Fisher diagonal, eigenvalues, ...) "
                                 + "and the per-tensor table where there is one.",
                             example: "fisher_trace(net, on: test).save(\"fisher.csv\")", category: "probes")
        return ResultFile.saveFunction("save", doc: doc) { [self] in resultFile }
    }
}

extension ProbeResultValue: SavedResult {
    var resultFile: ResultFile { ResultFile(table: shown, members: dataMembers(), detail: exported) }
}

/// Six significant digits, for a figure quoted inside a setting (β_PAC).
func formatSignificant(_ x: Double) -> String {
    x.isFinite ? String(format: "%.6g", x) : formatNumber(x)
}
