import Foundation
import Probes
import XCTest
@testable import Language

/// Every result type's `save`: the CSV and JSON files, read back with Python, hold the printed
/// table (title, typed settings, every row) and, in JSON, every member of the value.
final class SavedResultRoundTripTests: XCTestCase {
    static let small = """
        network small { input [2]; dense(3) relu; dense(2) }
        let net = small()
        let d = moons(40, seed: 0)

        """

    /// Runs `script`, saves its value `r` with `r.<save>(path)` as CSV and JSON, and checks both
    /// files against `table` (of the value) and the value's data members but `textMembers`.
    private func assertRoundTrip(_ script: String, save: String = "save", textMembers: Set<String> = [],
                                 table: (ObjectValue) throws -> ProbeTable, file: StaticString = #filePath, line: UInt = #line) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("saved-\(UUID().uuidString)").path
        let csv = base + ".csv", json = base + ".json"
        defer { for path in [csv, json] { try? FileManager.default.removeItem(atPath: path) } }
        let sink = CaptureSink()
        var options = InterpreterOptions()
        options.quiet = true
        let interpreter = Interpreter(options: options, output: sink)
        let outcome = interpreter.run(source: script + "r.\(save)(\"\(csv)\")\nr.\(save)(\"\(json)\")\n", path: "<test>")
        XCTAssertEqual(outcome, .success, sink.standardError, file: file, line: line)
        let slot = try XCTUnwrap(interpreter.state.globals.names["r"]?.slot, file: file, line: line)
        guard case .object(let object) = interpreter.globals.get(slot) else { return XCTFail("r is not an object", file: file, line: line) }
        let members = object.memberNames.filter { !textMembers.contains($0) }.compactMap { name -> (name: String, value: Value)? in
            guard let value = object.member(name) else { return nil }
            if case .builtin = value { return nil }
            return (name, value)
        }
        let problems = try SavedFileCheck.problems(csv: csv, json: json, table: try table(object), members: members)
        XCTAssertEqual(problems, "", file: file, line: line)
    }

    /// A probe result saves the table it prints.
    private func assertProbe(_ call: String, setup: String = small, file: StaticString = #filePath, line: UInt = #line) throws {
        try assertRoundTrip(setup + "let r = \(call)\n", table: { object in
            let result = try XCTUnwrap(object as? ProbeResultValue)
            XCTAssertEqual(result.describe(), result.shown.text, file: file, line: line)
            return result.shown
        }, file: file, line: line)
    }

    func testFisherDiagonalSavesItsTableAndTheDiagonal() throws {
        try assertProbe("fisher_diagonal(net, on: d, exact: true)")
        // The diagonal itself, with the shapes to lay it out, and the "max diag F" it prints.
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("fd-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: json) }
        let (outcome, sink) = runScript(Self.small + "fisher_diagonal(net, on: d, exact: true).save(\"\(json)\")\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        let read = try SavedFileCheck.python(["-c", """
            import json, math, sys
            doc = json.load(open(sys.argv[1]))
            m = doc["members"]
            for name, values in m["diagonal"].items():
                assert len(values) == math.prod(m["shapes"][name]), name
            largest = max(max(v) for v in m["diagonal"].values())
            print(doc["title"].split(" — ")[0], "|", doc["rows"][-1]["max diag F"] == largest, "|", m["shapes"]["dense1.weight"])
            """, json])
        XCTAssertEqual(read, "Fisher information, diagonal | True | [3, 2]\n")
    }

    func testFisherTraceWithStandardErrors() throws {
        try assertProbe("fisher_trace(net, on: d, seed: 0)")
    }

    func testEmpiricalFisher() throws {
        try assertProbe("empirical_fisher(net, on: d)")
    }

    func testInfoInWeightsSettingsAreTyped() throws {
        try assertProbe("info_in_weights(net, d, beta: 0.1, lambda: 1.0, seed: 0)")
    }

    func testHessianProbes() throws {
        try assertProbe("hessian_trace(net, on: d, probes: 4, seed: 0)")
        try assertProbe("hessian_eigenvalues(net, on: d, k: 2, seed: 0)")
        try assertProbe("hessian_fisher_gap(net, on: d, seed: 0)")
    }

    func testVariationalProbes() throws {
        try assertProbe("information_lagrangian(net, d, beta: 0.01, steps: 20, seed: 0)")
        try assertProbe("beta_sweep(net, d, betas: [0.01, 0.1], steps: 20, seed: 0)")
        try assertProbe("pac_bayes_bound(net, d, test: moons(20, seed: 1), beta: 0.1, steps: 20, draws: 5, seed: 0)")
    }

    func testInvarianceAndActivationInformation() throws {
        try assertProbe("invariance(net, d, layer: \"dense1\", nuisance: map(range(40), fn(i) => i % 3), seed: 0)")
        try assertProbe("activation_information(net, d, layer: \"dense1\", beta: 0.1, fisher: 1, epsilon: 1e-6)")
    }

    func testShannonInformation() throws {
        try assertProbe("shannon_information([[[0.9, 0.1]], [[0.1, 0.9]]], prior: [0.7, 0.3])", setup: "")
    }

    /// An experiment saves every epoch (`save`) or its printed rows (`save_summary`), with its members.
    private func assertExperiment(_ call: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = "network m { input [2]; dense(3) }\nlet r = \(call)\n"
        for save in ["save", "save_summary"] {
            try assertRoundTrip(script, save: save, textMembers: ["summary", "table"], table: { object in
                let result = try XCTUnwrap(object as? ExperimentResultValue)
                XCTAssertEqual(result.describe(), result.summary.text, file: file, line: line)
                return save == "save" ? result.epochs : result.summary
            }, file: file, line: line)
        }
    }

    func testCriticalPeriod() throws {
        try assertExperiment("critical_period(m, on: moons(40, seed: 0), deficit: \"label_permutation\", lengths: [0, 1], clean: 1, fisher_samples: 10, seed: 0)")
    }

    func testBatchSizeAndClassCountSweeps() throws {
        try assertExperiment("batch_size_sweep(m, on: blobs(40, classes: 3, seed: 0), sizes: [10, 20], epochs: 1, fisher_samples: 10, seed: 0)")
        try assertExperiment("class_count_sweep(m, on: blobs(60, classes: 3, seed: 0), classes: [2, 3], epochs: 1, fisher_samples: 10, seed: 0)")
    }

    func testRunSavesItsHistoryAndProbeSeries() throws {
        let script = Self.small + "probe fisher = fisher_trace(on: d, exact: true)\n"
            + "let r = train(net, on: d, eval: moons(20, seed: 1), epochs: 2, probes: [fisher], seed: 0)\n"
        try assertRoundTrip(script, table: { object in
            let run = try XCTUnwrap(object as? RunValue)
            XCTAssertEqual(run.describe().split(separator: "\n").first.map(String.init), run.table.title)
            XCTAssertEqual(run.table.rows.count, 3)  // epoch 0 (the probe before training), 1 and 2
            return run.table
        })
    }
}
