import Foundation
import Learning

/// `write_json`, `write_csv` and `read_json`: any value out to a file other tools read, and JSON
/// back in as a value. Files are written atomically; the paths are checked before the script runs.
extension BuiltinRegistry {
    static var valueFiles: [BuiltinFunction] {
        [
            def("write_json", "files", "write any value to a JSON file",
                "Numbers (integers without a decimal point, others at full precision), strings, booleans, none (null), "
                    + "lists and ranges (arrays) and records (objects, fields in order). JSON has no NaN or infinity: they "
                    + "are written as the strings \"nan\", \"inf\" and \"-inf\", which read_json turns back into numbers. "
                    + "A run, probe result or experiment result is written as its .save(\"x.json\") file; a network as its "
                    + "summary (shapes, parameter names, the layer table; its weights go to export_npz); a dataset, "
                    + "schedule, optimizer or probe as its type and its members that are data. A function cannot be "
                    + "written: the error says where it sits in the value. The file is replaced atomically.",
                example: "write_json({name: \"run 1\", losses: [0.7, 0.4], best: none}, \"{temp_dir()}/values.json\")") { p in
                let value = p.required("value", .any), path = p.output("path")
                return { a in
                    try write(a, path, value) { try ValueJSON.text($0) }
                }
            },
            def("write_csv", "files", "write a table-shaped value to a CSV file",
                "A list of records: a header of the fields, then one row per record (all with the same fields). "
                    + "A list of lists: one row each, no header. A record of equal-length lists: the field names as the "
                    + "header, the lists as columns. A tensor of rank 1 or 2: its rows (one value per row for rank 1). "
                    + "A run, probe result or experiment result is written as its "
                    + ".save(\"x.csv\") file, a network as its layer table. A cell is a number (full precision; "
                    + "\"nan\", \"inf\", \"-inf\"), a string, true or false, or empty for none; a field holding a comma, a "
                    + "quote, a line break or # is quoted. Any other value is refused, naming the shapes CSV takes. "
                    + "The file is replaced atomically.",
                example: "write_csv([{epoch: 1, loss: 0.7}, {epoch: 2, loss: 0.4}], \"{temp_dir()}/losses.csv\")") { p in
                let value = p.required("value", .any), path = p.output("path")
                return { a in
                    try write(a, path, value) { try ValueCSV.text($0) }
                }
            },
            def("read_json", "files", "read a JSON file as a value",
                "Objects become records (fields in the file's order), arrays lists, numbers numbers, strings strings, "
                    + "true and false booleans, null none; the strings \"nan\", \"inf\" and \"-inf\" become those numbers "
                    + "(write_json writes them so; a string that is exactly one of them therefore reads back as the number), "
                    + "so write_json then read_json gives the value back. A file that is "
                    + "not JSON is refused with the line and column of the first problem.",
                example: "write_json({a: [1, 2.5, true]}, \"{temp_dir()}/v.json\"); print read_json(\"{temp_dir()}/v.json\").a") { p in
                let path = p.input("path")
                return { a in try read(a, path) }
            },
        ]
    }

    /// Writes the text `encode` makes of the value to the path argument, atomically.
    private static func write(_ a: BuiltinArguments, _ pathParameter: Param<String>, _ valueParameter: Param<Value>,
                              _ encode: (Value) throws -> String) throws -> Value {
        let value = try a[valueParameter], path = try a[pathParameter]
        let text: String
        do {
            text = try encode(value)
        } catch let refusal as ValueJSON.Refusal {
            throw RuntimeError(refusal.message, parameter: valueParameter.index)
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.cannotWrite(path, reason), parameter: pathParameter.index)
        }
        return .none
    }

    /// The value of the JSON file at the path argument.
    private static func read(_ a: BuiltinArguments, _ pathParameter: Param<String>) throws -> Value {
        let path = try a[pathParameter]
        let bytes: [UInt8]
        do {
            bytes = try AtomicFile.read(path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.cannotReadFile(path, reason), parameter: pathParameter.index)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RuntimeError(Messages.jsonNotUTF8(path), parameter: pathParameter.index)
        }
        do {
            return try JSONReader.value(of: text)
        } catch let e as JSONReader.SyntaxError {
            throw RuntimeError(Messages.jsonSyntax(path, line: e.line, column: e.column, e.problem), parameter: pathParameter.index)
        }
    }
}
