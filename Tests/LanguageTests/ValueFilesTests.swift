import Foundation
import XCTest

/// `write_json`, `write_csv` and `read_json`: Python's json and csv modules read what the first
/// two write, `read_json` gives written values back, objects that save themselves write the same
/// file both ways, and every value or file of the wrong shape is refused saying what and where.
final class ValueFilesTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "value-files-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        addTeardownBlock { [directory] in try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Runs `source` (with `{d}` standing for the test's folder), expecting success; its output.
    func run(_ source: String) -> String {
        let (outcome, sink) = runScript(source.replacingOccurrences(of: "{d}", with: directory))
        XCTAssertEqual(outcome, .success, sink.standardError)
        return sink.standardOutput
    }

    /// The first error of `source`, which must fail at run time.
    func runtimeError(_ source: String) -> String {
        let (outcome, sink) = runScript(source.replacingOccurrences(of: "{d}", with: directory))
        XCTAssertEqual(outcome, .runtimeError, source)
        return sink.standardError
    }

    /// Python's reading of a file: `code` sees `path` and prints what it found.
    func python(_ code: String, _ file: String) throws -> String {
        let output = try SavedFileCheck.python(["-c", "import csv, json, math, sys\npath = sys.argv[1]\n" + code, directory + "/" + file])
        XCTAssertFalse(output.hasPrefix("python3 failed"), output)
        return output
    }

    static let value = """
        let v = {name: "a, \\"b\\"\\n", xs: [1, 2.5, -3e-300, 1e300, exp(1000) - exp(1000)], flags: [true, false, none],
                 r: range(3), nested: {inf: exp(1000), minus: -exp(1000), empty: [], "two words": {}}}

        """

    func testJSONReadsBackInPythonAndThroughReadJSON() throws {
        XCTAssertEqual(run(Self.value + "write_json(v, \"{d}/v.json\")\nprint str(read_json(\"{d}/v.json\")) == str(v)\n"), "true\n")
        let read = try python("""
            doc = json.load(open(path, encoding="utf-8"))
            assert list(doc) == ["name", "xs", "flags", "r", "nested"], list(doc)
            assert doc["name"] == 'a, "b"\\n'
            assert doc["xs"][:4] == [1, 2.5, -3e-300, 1e300] and isinstance(doc["xs"][0], int), doc["xs"]
            assert [float(x) for x in [doc["xs"][4], doc["nested"]["inf"], doc["nested"]["minus"]]][1:] == [math.inf, -math.inf]
            assert math.isnan(float(doc["xs"][4]))
            assert doc["flags"] == [True, False, None] and doc["r"] == [0, 1, 2]
            assert doc["nested"]["empty"] == [] and doc["nested"]["two words"] == {}
            print("ok")
            """, "v.json")
        XCTAssertEqual(read, "ok\n")
    }

    func testObjectsThatSaveThemselvesWriteTheSameFileBothWays() throws {
        _ = run("""
            network m { input [2]; dense(3) relu; dense(2) }
            let net = m()
            let data = moons(40, seed: 0)
            let r = train(net, on: data, epochs: 2, seed: 1)
            write_json(r, "{d}/run.json")
            r.save("{d}/saved.json")
            write_csv(r, "{d}/run.csv")
            r.save("{d}/saved.csv")
            let f = fisher_trace(net, data, samples: 10, seed: 0)
            write_json(f, "{d}/fisher.json")
            f.save("{d}/fisher_saved.json")
            write_json({net: net, data: data, optimizer: sgd(lr: 0.1)}, "{d}/objects.json")
            write_csv(net, "{d}/net.csv")

            """)
        for (a, b) in [("run.json", "saved.json"), ("run.csv", "saved.csv"), ("fisher.json", "fisher_saved.json")] {
            XCTAssertEqual(try String(contentsOfFile: directory + "/" + a, encoding: .utf8),
                           try String(contentsOfFile: directory + "/" + b, encoding: .utf8), a)
        }
        let objects = try python("""
            doc = json.load(open(path, encoding="utf-8"))
            net, data, opt = doc["net"], doc["data"], doc["optimizer"]
            print(net["type"], net["params"], net["parameters"], [(l["kind"], l["params"]) for l in net["layers"]])
            print(data["type"], data["size"], data["shape"], data["class_counts"])
            print(opt["type"])
            """, "objects.json")
        XCTAssertEqual(objects, "network 17 ['0.weight', '0.bias', '2.weight', '2.bias'] [('dense', 9), ('relu', 0), ('dense', 8)]\n"
                       + "dataset 40 [2] [20, 20]\noptimizer\n")
        XCTAssertEqual(try python("print(list(csv.reader(open(path, newline=''))))", "net.csv"),
                       "[['index', 'kind', 'output_shape', 'params'], ['1', 'dense', '[3]', '9'], ['2', 'relu', '[3]', '0'], ['3', 'dense', '[2]', '8']]\n")
    }

    func testCSVShapesReadBackInPython() throws {
        _ = run("""
            write_csv([{epoch: 1, loss: 0.7, note: "a,b"}, {loss: 0.25, note: none, epoch: 2}], "{d}/records.csv")
            write_csv([[1, "#x"], [true, "say \\"hi\\""], []], "{d}/lists.csv")
            write_csv({step: range(1, 4), loss: [0.5, exp(1000), exp(1000) - exp(1000)]}, "{d}/columns.csv")
            write_csv([], "{d}/empty.csv")
            write_csv(tensor([[1, 2.5], [3, -4]]), "{d}/matrix.csv")
            write_csv(tensor([0.5, 2]), "{d}/vector.csv")

            """)
        let read = "print(list(csv.reader(open(path, encoding='utf-8', newline=''))))"
        XCTAssertEqual(try python(read, "records.csv"), "[['epoch', 'loss', 'note'], ['1', '0.7', 'a,b'], ['2', '0.25', '']]\n")
        XCTAssertEqual(try python(read, "lists.csv"), "[['1', '#x'], ['true', 'say \"hi\"'], []]\n")
        XCTAssertEqual(try python(read, "columns.csv"), "[['step', 'loss'], ['1', '0.5'], ['2', 'inf'], ['3', 'nan']]\n")
        XCTAssertEqual(try python(read, "empty.csv"), "[]\n")
        XCTAssertEqual(try python(read, "matrix.csv"), "[['1', '2.5'], ['3', '-4']]\n")
        XCTAssertEqual(try python(read, "vector.csv"), "[['0.5'], ['2']]\n")
    }

    func testValuesOfOtherShapesAreRefusedSayingWhere() {
        let shapes = "write_csv takes a list of records (a header, then a row per record), a list of lists (rows), "
            + "a record of equal-length lists (columns), a tensor of rank 1 or 2, or a run, probe result, experiment result or network"
        let cases: [(String, String)] = [
            ("write_csv(3, \"{d}/x.csv\")", "\(shapes); got a number"),
            ("write_csv([1, 2], \"{d}/x.csv\")", "\(shapes); got a list of numbers"),
            ("write_csv(moons(10, seed: 0), \"{d}/x.csv\")", "\(shapes); got a dataset"),
            ("write_csv(zeros([2, 2, 2]), \"{d}/x.csv\")", "\(shapes); got a tensor"),
            ("write_csv([[1], {a: 1}], \"{d}/x.csv\")",
             "element 1 of the list is a record, but element 0 is a list: the rows of a CSV file are all records or all lists"),
            ("write_csv([{a: 1, b: 2}, {a: 1, c: 2}], \"{d}/x.csv\")",
             "record 1 has the fields a, c, but record 0 has a, b: every row of a CSV file has the same columns"),
            ("write_csv({a: [1, 2], b: [3]}, \"{d}/x.csv\")",
             "column 'b' has 1 value but column 'a' has 2: the columns of a CSV file are equally long"),
            ("write_csv({a: [1, 2], b: 3}, \"{d}/x.csv\")", "field 'b' is a number, not a list: a record written as CSV holds one list per column"),
            ("write_csv([{a: [1]}], \"{d}/x.csv\")",
             "the cell in row 0, column 'a' is a list; a CSV cell holds a number, a string, a boolean or none"),
            ("write_json([1, {f: fn(x) => x}], \"{d}/x.json\")",
             "the value at [1].f is a function, which is not data; JSON holds numbers"),
            ("write_json({\"a b\": [len]}, \"{d}/x.json\")", "the value at [\"a b\"][0] is a function"),
            ("var deep = []\nfor i in range(1100) { deep = [deep] }\nwrite_json(deep, \"{d}/x.json\")",
             "the value is nested more than 1000 lists or records deep"),
        ]
        for (source, message) in cases {
            let error = runtimeError(source + "\n")
            XCTAssertTrue(error.contains("error: " + message), "\(source): \(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/x.csv"), "nothing is written when the value is refused")
    }

    func testReadJSONRefusesWhatIsNotJSONWithItsPlace() throws {
        let cases: [(String, String)] = [
            ("{\"a\": [1, 2,]}", "line 1, column 13: expected a value, found ']'"),
            ("{\"a\": 1,\n \"a\": 2}", "line 2, column 2: the field \"a\" appears twice in one object"),
            ("[NaN]", "line 1, column 2: expected a value, found 'N'"),
            ("", "line 1, column 1: the file is empty; a JSON document holds one value"),
            ("[1] [2]", "line 1, column 5: unexpected text after the end of the document"),
            ("\"open", "line 1, column 6: the document ends inside a string"),
            ("[01]", "line 1, column 3: a number cannot start with 0 followed by more digits"),
            ("[1e999]", "line 1, column 2: the number 1e999 is beyond the range of a number"),
            ("{'a': 1}", "line 1, column 2: expected a field name in double quotes, found '''"),
            ("[\"\\x\"]", "line 1, column 3: \\x is not an escape JSON has"),
            (String(repeating: "[", count: 1500), "line 1, column 1001: arrays and objects nested more than 1000 deep"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = directory + "/bad\(index).json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let error = runtimeError("read_json(\"\(path)\")\n")
            XCTAssertTrue(error.contains("error: '\(path)' is not valid JSON: " + message), "\(text.prefix(40)): \(error)")
        }
        let latin1 = directory + "/latin1.json"
        try Data([0x22, 0xE9, 0x22]).write(to: URL(fileURLWithPath: latin1))
        XCTAssertTrue(runtimeError("read_json(\"\(latin1)\")\n").contains("error: '\(latin1)' is not JSON: it is not UTF-8 text"))
        // What Python writes, escapes and surrogate pairs included, reads as the value it holds.
        _ = try python("json.dump({'é': '\\U0001F600\\t', 'n': [1.5, None, True]}, open(path, 'w'))", "python.json")
        XCTAssertEqual(run("let v = read_json(\"{d}/python.json\")\nprint v[\"é\"] == \"\\u{1F600}\\t\", v.n\n"), "true [1.5, none, true]\n")
    }
}
