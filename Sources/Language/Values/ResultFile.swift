import Foundation
import Learning
import Probes

/// What a result's `save` writes: the table as printed (title, settings, columns, rows) and the
/// result's members, so a file holds everything the prompt shows and every number a script can
/// read off the value.
///
/// - CSV: `# title` and `# key: value` lines (one per setting), `# note: ...` lines (warnings
///   printed under the table), then the table's header and rows.
///   A CSV file is one table: members beyond it (the Fisher diagonal, per-epoch lists) are in
///   the JSON file only.
/// - JSON: `{"title", "settings", "columns", "rows", "notes", "members"}` and, when the library has a
///   finer table than the printed one (per tensor rows), `"detail"` in the same layout.
struct ResultFile {
    /// The printed table.
    let table: ProbeTable
    /// The result's members that are data (no functions), in member order.
    let members: [(name: String, value: Value)]
    /// The library's own, finer table, when it differs from the printed one.
    var detail: ProbeTable? = nil

    var csv: String {
        let preamble = ["# " + table.title] + table.settings.map { "# \($0.key): \($0.value)" }
            + table.notes.map { "# note: \($0)" }
        return preamble.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n" + table.csv
    }

    var json: String { document.text + "\n" }

    /// The JSON file's content, for `save` and for `write_json` (also inside a list or record).
    var document: JSONValue {
        var fields = table.jsonFields
        fields.append(("members", .object(members.compactMap { m in m.value.json.map { (m.name, $0) } })))
        if let detail, detail != table { fields.append(("detail", .object(detail.jsonFields))) }
        return .object(fields)
    }

    /// Writes the file as CSV or JSON, chosen by the extension, atomically (a reader sees the old
    /// file or the whole new one). Errors point at the `save` call's path argument, `parameter`.
    func save(toPath path: String, parameter: Int) throws {
        let text: String
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": text = csv
        case "json": text = json
        default: throw RuntimeError(Messages.probeExportFormat(path), parameter: parameter)
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.probeExportFailed(path, reason), parameter: parameter)
        }
    }

    /// `value.NAME(path)` writing the file `make` builds when called, documented by `doc`.
    static func saveFunction(_ name: String, doc: BuiltinDoc, _ make: @escaping () -> ResultFile) -> BuiltinFunction {
        .method(name, doc: doc) { p in
            let path = p.output("path")
            return { a in
                try make().save(toPath: try a[path], parameter: path.index)
                return .none
            }
        }
    }
}

/// A value that saves itself with `.save(path)`: `write_json` and `write_csv` write the same file.
protocol SavedResult: ObjectValue {
    /// What `.save(path)` writes.
    var resultFile: ResultFile { get }
}

extension ObjectValue {
    /// Every member that is data, in `memberNames` order, leaving out `except` and functions.
    func dataMembers(except: Set<String> = []) -> [(name: String, value: Value)] {
        memberNames.filter { !except.contains($0) }.compactMap { name in
            guard let value = member(name), value.json != nil else { return nil }
            return (name, value)
        }
    }
}
