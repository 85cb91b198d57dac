/// Messages of `write_json`, `write_csv` and `read_json`.
extension Messages {
    /// Where a part of a written value sits: "the value" itself, or "the value at [2].weights".
    static func valuePlace(_ place: String) -> String { place.isEmpty ? "the value" : "the value at \(place)" }

    static func jsonNotData(_ place: String, _ got: String) -> String {
        "\(valuePlace(place)) is a \(got), which is not data; JSON holds numbers, strings, booleans, none, lists and records "
            + "(and runs, probe results, datasets, networks, schedules and optimizers as their data)"
    }
    static func valueTooDeep(_ limit: Int) -> String { "the value is nested more than \(limit) lists or records deep" }

    static let csvShapes = "write_csv takes a list of records (a header, then a row per record), a list of lists (rows), "
        + "a record of equal-length lists (columns), a tensor of rank 1 or 2, or a run, probe result, experiment result or network"
    static func csvShape(_ got: String) -> String { "\(csvShapes); got a \(got)" }
    static func csvMixedRows(_ index: Int, _ got: String, _ first: String) -> String {
        "element \(index) of the list is a \(got), but element 0 is a \(first): the rows of a CSV file are all records or all lists"
    }
    static func csvRecordKeys(_ index: Int, _ keys: [String], _ first: [String]) -> String {
        "record \(index) has the fields \(fieldList(keys)), but record 0 has \(fieldList(first)): every row of a CSV file has the same columns"
    }
    static func csvColumnNotList(_ key: String, _ got: String) -> String {
        "field '\(key)' is a \(got), not a list: a record written as CSV holds one list per column"
    }
    static func csvColumnLengths(_ key: String, _ count: Int, _ first: String, _ firstCount: Int) -> String {
        "column '\(key)' has \(count) value\(count == 1 ? "" : "s") but column '\(first)' has \(firstCount): the columns of a CSV file are equally long"
    }
    static func csvCell(_ row: Int, _ column: String, _ got: String) -> String {
        "the cell in row \(row), column \(column) is a \(got); a CSV cell holds a number, a string, a boolean or none"
    }

    static func jsonNotUTF8(_ path: String) -> String { "'\(path)' is not JSON: it is not UTF-8 text" }
    static func jsonSyntax(_ path: String, line: Int, column: Int, _ problem: String) -> String {
        "'\(path)' is not valid JSON: line \(line), column \(column): \(problem)"
    }

    private static func fieldList(_ keys: [String]) -> String {
        keys.isEmpty ? "none" : keys.joined(separator: ", ")
    }
}
