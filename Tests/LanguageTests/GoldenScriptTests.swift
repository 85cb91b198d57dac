import Foundation
import Language
import XCTest

/// Runs every `Scripts/<feature>/<behaviour>.isc` and every `examples/*.isc` in-process and
/// checks their `# expect` directives. Failures name the script and the directive's line.
final class GoldenScriptTests: XCTestCase {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The feature folders, one test each (kept in step with the directory by the test below).
    static let folders = ["booleans", "builtins", "comments", "control", "datasets", "declarations", "design", "experiments", "functions", "imports", "interpolation", "lists", "loaders", "names", "networks", "none", "numbers", "operators", "pipe", "plot", "print", "probes", "random", "ranges", "records", "runtime", "schedules", "strings", "syntax", "tensors", "training", "transforms", "variables"]

    func testEveryFeatureFolderHasATest() throws {
        let root = Self.testsDirectory.appendingPathComponent("Scripts")
        let present = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
        XCTAssertEqual(present, Self.folders)
        XCTAssertGreaterThan(try Self.scripts(under: root).count, 150, "the golden suite seems to be missing")
    }

    func testBooleans() throws { try checkFolder("booleans") }
    func testBuiltins() throws { try checkFolder("builtins") }
    func testComments() throws { try checkFolder("comments") }
    func testControl() throws { try checkFolder("control") }
    func testDatasets() throws { try checkFolder("datasets") }
    func testDeclarations() throws { try checkFolder("declarations") }
    /// DESIGN.md's example script, run as written at toy size.
    func testDesign() throws { try checkFolder("design") }
    func testExperiments() throws { try checkFolder("experiments") }
    func testFunctions() throws { try checkFolder("functions") }
    func testImports() throws { try checkFolder("imports") }
    func testInterpolation() throws { try checkFolder("interpolation") }
    func testLists() throws { try checkFolder("lists") }
    func testLoaders() throws {
        // The loaders find the real data through INFOSCOPE_DATA and fixtures by paths relative
        // to the package root.
        setenv("INFOSCOPE_DATA", try Self.sharedData(), 1)
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Self.packageRoot.path))
        try checkFolder("loaders")
    }
    func testNames() throws { try checkFolder("names") }
    func testNetworks() throws { try checkFolder("networks") }
    func testNone() throws { try checkFolder("none") }
    func testNumbers() throws { try checkFolder("numbers") }
    func testOperators() throws { try checkFolder("operators") }
    func testPipe() throws { try checkFolder("pipe") }
    func testPlot() throws { try checkFolder("plot") }
    func testPrint() throws { try checkFolder("print") }
    func testProbes() throws { try checkFolder("probes") }
    func testRandom() throws { try checkFolder("random") }
    func testRanges() throws { try checkFolder("ranges") }
    func testRecords() throws { try checkFolder("records") }
    func testRuntime() throws { try checkFolder("runtime") }
    func testSchedules() throws { try checkFolder("schedules") }
    func testStrings() throws { try checkFolder("strings") }
    func testSyntax() throws { try checkFolder("syntax") }
    func testTensors() throws { try checkFolder("tensors") }
    func testTraining() throws { try checkFolder("training") }
    func testTransforms() throws { try checkFolder("transforms") }
    func testVariables() throws { try checkFolder("variables") }

    /// The shared real datasets: `$INFOSCOPE_TEST_DATA`, else `../shared/data` beside the main
    /// checkout (one level further up from a worktree); the test is skipped without them.
    static func sharedData() throws -> String {
        if let path = ProcessInfo.processInfo.environment["INFOSCOPE_TEST_DATA"], !path.isEmpty { return path }
        let candidates = ["../shared/data", "../../shared/data"].map {
            packageRoot.appendingPathComponent($0).standardizedFileURL.path
        }
        var isDirectory: ObjCBool = false
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }) else {
            throw XCTSkip("real datasets not found at \(candidates.joined(separator: " or "))")
        }
        return found
    }

    func checkFolder(_ name: String) throws {
        let scripts = try Self.scripts(under: Self.testsDirectory.appendingPathComponent("Scripts/" + name))
        XCTAssertFalse(scripts.isEmpty, "no scripts in \(name)")
        for script in scripts { check(script) }
    }

    func testExamples() throws {
        let scripts = try Self.scripts(under: Self.packageRoot.appendingPathComponent("examples"))
        XCTAssertTrue(scripts.contains { $0.lastPathComponent == "quickstart.isc" })
        XCTAssertTrue(scripts.contains { $0.lastPathComponent == "mnist_mlp.isc" }, "the real-data examples are checked too")
        for script in scripts { check(script) }
    }

    static func scripts(under root: URL) throws -> [URL] {
        guard let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return e.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "isc" && !$0.path.contains("/_imports/") }
            .sorted { $0.path < $1.path }
    }

    func check(_ url: URL) {
        let name = url.path.replacingOccurrences(of: Self.packageRoot.path + "/", with: "")
        guard let source = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("\(name): cannot read")
        }
        let expect = ScriptExpectations(source: source)
        for p in expect.problems { XCTFail("\(name): \(p)") }
        if expect.isEmpty { return XCTFail("\(name): no '# expect' directives (a test that cannot fail)") }
        if expect.checkOnly != nil {
            let sink = CaptureSink()
            let outcome = Interpreter(options: InterpreterOptions(), output: sink).check(source: source, path: url.path)
            if outcome != .success || !sink.standardError.isEmpty {
                XCTFail("\(name): check only: outcome \(outcome); stderr:\n\(sink.standardError)")
            }
            return
        }
        let (outcome, sink) = runScript(source, path: url.path)
        let failures = compare(expect, outcome, sink)
        for f in failures { XCTFail("\(name):\(f)") }
    }

    private func compare(_ expect: ScriptExpectations, _ outcome: RunOutcome, _ sink: CaptureSink) -> [String] {
        var failures: [String] = []
        var lines = sink.standardOutput.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for (i, (line, expected)) in expect.output.enumerated() {
            guard i < lines.count else {
                failures.append("\(line): expected output \(expected) but output ended")
                break
            }
            switch expected {
            case .exact(let text) where text != lines[i]:
                failures.append("\(line): expected '\(text)', got '\(lines[i])'")
            case .approx(let v, let t):
                if let x = Double(lines[i]), abs(x - v) <= t { break }
                failures.append("\(line): expected \(v) ± \(t), got '\(lines[i])'")
            case .matching(let regex):
                let text = lines[i]
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { break }
                failures.append("\(line): expected a line matching /\(regex.pattern)/, got '\(text)'")
            default: break
            }
        }
        if lines.count > expect.output.count {
            failures.append("\(expect.output.last?.line ?? 1): unexpected extra output '\(lines[expect.output.count])'")
        }
        // Warnings must each be expected; what else goes to standard error is judged below.
        let errorLines = sink.standardError.components(separatedBy: "\n")
        let warned = errorLines.filter { $0.hasPrefix("warning: ") }
        let standardError = errorLines.filter { !$0.hasPrefix("warning: ") }.joined(separator: "\n")
        for w in expect.warnings where !warned.contains(where: { $0.contains(w.text) }) {
            failures.append("\(w.line): expected warning '\(w.text)'; got:\n\(sink.standardError)")
        }
        for w in warned where !expect.warnings.contains(where: { w.contains($0.text) }) {
            failures.append("1: unexpected '\(w)'")
        }
        let reported = ReportedError.parse(standardError)
        for note in expect.notes where !sink.standardError.contains("note: " + note.text) {
            failures.append("\(note.line): expected note '\(note.text)'; got:\n\(sink.standardError)")
        }
        if !expect.compileErrors.isEmpty {
            if outcome != .compileError { failures.append("1: expected a compile error, outcome \(outcome); stderr: \(sink.standardError)") }
            for e in expect.compileErrors where !reported.contains(where: { matches($0, e) }) {
                failures.append("\(e.directiveLine): expected error '\(e.message)'\(e.line.map { " on line \($0)" } ?? ""); got:\n\(sink.standardError)")
            }
            for r in reported where !expect.compileErrors.contains(where: { matches(r, $0) }) {
                failures.append("\(r.line ?? 0): unexpected error '\(r.message)'")
            }
        } else if let e = expect.runtimeError {
            if outcome != .runtimeError { failures.append("\(e.directiveLine): expected a runtime error, outcome \(outcome); stderr: \(sink.standardError)") }
            if let first = reported.first, !matches(first, e) {
                failures.append("\(e.directiveLine): expected runtime error '\(e.message)', got line \(first.line ?? 0) '\(first.message)'")
            }
        } else if outcome != .success || !standardError.isEmpty {
            failures.append("1: expected success, outcome \(outcome); stderr:\n\(sink.standardError)")
        }
        return failures
    }

    private func matches(_ r: ReportedError, _ e: ScriptExpectations.ExpectedError) -> Bool {
        r.message.contains(e.message) && (e.line == nil || e.line == r.line)
    }
}
