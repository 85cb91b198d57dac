import Foundation
import Probes
import XCTest
@testable import Language

/// Reads a result's saved CSV and JSON files back with Python's csv and json modules and lists
/// where they differ from the printed table and from the value's members: every setting, column
/// and cell (numbers at full precision, integers without a decimal point, settings that are
/// numbers as JSON numbers) and every member in the JSON file.
enum SavedFileCheck {
    /// The differences, one per line; empty when the files hold the table and the members.
    static func problems(csv: String, json: String, table: ProbeTable, members: [(name: String, value: Value)]) throws -> String {
        let expected: [String: Any] = [
            "title": table.title,
            "settings": table.settings.map { [$0.key, $0.value] },
            "columns": table.columns,
            "rows": table.rows.map { $0.map(cellObject) },
            "notes": table.notes,
            "members": Dictionary(members.compactMap { m in jsonObject(m.value).map { (m.name, $0) } }, uniquingKeysWith: { a, _ in a }),
        ]
        let expectedPath = FileManager.default.temporaryDirectory.appendingPathComponent("expected-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: expectedPath) }
        try JSONSerialization.data(withJSONObject: expected).write(to: URL(fileURLWithPath: expectedPath))
        return try python(["-c", checker, csv, json, expectedPath])
    }

    /// Runs python3 with `arguments`; skips the test when there is no python3.
    static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw XCTSkip("python3 is not installed") }
        guard process.terminationStatus == 0 else { return "python3 failed: " + errors }
        return text
    }

    /// A cell as the checker reads it.
    private static func cellObject(_ cell: ProbeCell) -> Any {
        switch cell {
        case .text(let s): return ["text": s]
        case .number(let v), .share(let v): return v.isFinite ? ["number": v] : ["text": nonFinite(v)]
        case .estimate(let v, let se): return ["estimate": [v, se].map { $0.isFinite ? $0 as Any : nonFinite($0) }]
        case .empty: return ["empty": true]
        }
    }

    /// How both files spell a number JSON lacks: "nan", "inf", "-inf".
    private static func nonFinite(_ v: Double) -> String { v.isNaN ? "nan" : v > 0 ? "inf" : "-inf" }

    /// A member as JSONSerialization writes it; nil for functions and objects, which are not data.
    private static func jsonObject(_ value: Value) -> Any? {
        switch value {
        case .none: return NSNull()
        case .bool(let b): return b
        case .number(let v): return v.isFinite ? v as Any : nonFinite(v)
        case .string(let s): return s
        case .list(let items): return items.compactMap(jsonObject)
        case .range(let r): return (0..<r.count).map { r.element($0) }
        case .record(let r): return Dictionary(r.fields.compactMap { f in jsonObject(f.value).map { (f.key, $0) } }, uniquingKeysWith: { a, _ in a })
        case .function, .builtin, .object: return nil
        }
    }

    /// The Python side: reads the files with csv and json only and prints each difference.
    private static let checker = #"""
import csv, json, math, re, sys
csv_path, json_path, expected_path = sys.argv[1:4]
want = json.load(open(expected_path, encoding="utf-8"))
problems = []
DECIMAL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
INTEGER = re.compile(r"-?\d+")

def same(read, expected, where):
    if expected is None or isinstance(expected, bool):
        if type(read) is not type(expected) or read != expected:
            problems.append(f"{where}: read {read!r}, expected {expected!r}")
    elif isinstance(expected, (int, float)):
        if isinstance(read, bool) or not isinstance(read, (int, float)):
            problems.append(f"{where}: read {read!r}, expected the number {expected!r}")
        elif not math.isclose(read, expected, rel_tol=1e-12, abs_tol=1e-300):
            problems.append(f"{where}: read {read!r}, expected {expected!r}")
        elif float(expected).is_integer() and abs(expected) < 2**53 and not isinstance(read, int):
            problems.append(f"{where}: the integer {expected!r} was written as {read!r}")
    elif isinstance(expected, str):
        if read != expected:
            problems.append(f"{where}: read {read!r}, expected {expected!r}")
    elif isinstance(expected, list):
        if not isinstance(read, list) or len(read) != len(expected):
            problems.append(f"{where}: read {read!r}, expected {len(expected)} items")
        else:
            for i, (r, e) in enumerate(zip(read, expected)):
                same(r, e, f"{where}[{i}]")
    else:
        if not isinstance(read, dict) or sorted(read) != sorted(expected):
            problems.append(f"{where}: read keys {sorted(read) if isinstance(read, dict) else read!r}, expected {sorted(expected)}")
        else:
            for k in expected:
                same(read[k], expected[k], f"{where}.{k}")

def typed(setting):
    if setting in ("true", "false"):
        return setting == "true"
    return float(setting) if DECIMAL.fullmatch(setting) else setting

# JSON: the table with typed settings and cells, then the members.
doc = json.load(open(json_path, encoding="utf-8"))
same(doc.get("title"), want["title"], "json title")
same(list(doc.get("settings", {})), [k for k, _ in want["settings"]], "json setting names")
for k, v in want["settings"]:
    same(doc["settings"].get(k), typed(v), f"json setting {k}")
same(doc.get("columns"), want["columns"], "json columns")
rows = doc.get("rows", [])
same(len(rows), len(want["rows"]), "json row count")
for r, (row, cells) in enumerate(zip(rows, want["rows"])):
    same(list(row), want["columns"], f"json row {r} columns")
    for column, cell in zip(want["columns"], cells):
        where = f"json row {r} {column}"
        if "text" in cell: same(row.get(column), cell["text"], where)
        elif "number" in cell: same(row.get(column), cell["number"], where)
        elif "estimate" in cell: same(row.get(column), {"value": cell["estimate"][0], "standard_error": cell["estimate"][1]}, where)
        else: same(row.get(column), None, where)
same(doc.get("notes"), want["notes"], "json notes")
same(doc.get("members"), want["members"], "json members")

# CSV: the title, settings and notes as # lines, then the header and the rows.
lines = open(csv_path, encoding="utf-8", newline="").read().split("\n")
comments = [line for line in lines if line.startswith("#")]
same(comments, ["# " + want["title"]] + [f"# {k}: {v}" for k, v in want["settings"]]
     + [f"# note: {n}" for n in want["notes"]], "csv comments")
table = list(csv.reader(line for line in lines[len(comments):] if line))
with_error = [any("estimate" in row[c] for row in want["rows"]) for c in range(len(want["columns"]))]
header = [name for c, name in enumerate(want["columns"]) for name in ([name, name + " standard error"] if with_error[c] else [name])]
same(table[0] if table else None, header, "csv header")
same(len(table) - 1, len(want["rows"]), "csv row count")
def number(text, expected, where):
    if expected is None:
        return
    if isinstance(expected, str):  # nan, inf, -inf: spelled the same in both files
        same(text, expected, where); return
    try:
        read = float(text)
    except ValueError:
        problems.append(f"{where}: {text!r} is not a number"); return
    if not math.isclose(read, expected, rel_tol=1e-12, abs_tol=1e-300):
        problems.append(f"{where}: read {text!r}, expected {expected!r}")
    if float(expected).is_integer() and abs(expected) < 2**53 and not INTEGER.fullmatch(text):
        problems.append(f"{where}: the integer {expected!r} was written as {text!r}")
for r, (row, cells) in enumerate(zip(table[1:], want["rows"])):
    if len(row) != len(header):
        problems.append(f"csv row {r}: {len(row)} cells, expected {len(header)}"); continue
    i = 0
    for c, cell in enumerate(cells):
        where = f"csv row {r} {want['columns'][c]}"
        if "text" in cell: same(row[i], cell["text"], where)
        elif "number" in cell: number(row[i], cell["number"], where)
        elif "estimate" in cell:
            number(row[i], cell["estimate"][0], where)
            number(row[i + 1], cell["estimate"][1], where + " standard error")
        else: same(row[i], "", where)
        if with_error[c]:
            if "estimate" not in cell: same(row[i + 1], "", where + " standard error")
            i += 1
        i += 1
if problems:
    print("\n".join(problems))
"""#
}
