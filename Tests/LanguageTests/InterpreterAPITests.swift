import Foundation
import Language
import XCTest

/// The public surface the command line uses: interactive chunks, completion, help, outcomes.
final class InterpreterAPITests: XCTestCase {
    var sink = CaptureSink()
    lazy var interpreter = Interpreter(options: InterpreterOptions(), output: sink)

    func testExitCodes() {
        XCTAssertEqual(RunOutcome.success.exitCode, 0)
        XCTAssertEqual(RunOutcome.compileError.exitCode, 65)
        XCTAssertEqual(RunOutcome.runtimeError.exitCode, 70)
        XCTAssertEqual(RunOutcome.interrupted.exitCode, 130)
    }

    func testInteractiveStatePersistsAndValuesPrint() {
        XCTAssertEqual(interpreter.evaluateInteractive("let x = 2", inputName: "<repl>"), .success)
        XCTAssertEqual(interpreter.evaluateInteractive("fn sq(v) { return v * v }", inputName: "<repl>"), .success)
        XCTAssertEqual(interpreter.evaluateInteractive("sq(x) + 1", inputName: "<repl>"), .success)
        XCTAssertEqual(interpreter.evaluateInteractive("\"text\"", inputName: "<repl>"), .success)
        XCTAssertEqual(interpreter.evaluateInteractive("none", inputName: "<repl>"), .success)
        XCTAssertEqual(sink.standardOutput, "5\n\"text\"\n")
    }

    func testInteractiveErrorKeepsEarlierState() {
        _ = interpreter.evaluateInteractive("let a = 1", inputName: "<repl>")
        XCTAssertEqual(interpreter.evaluateInteractive("let b = nope", inputName: "<repl>"), .compileError)
        XCTAssertEqual(interpreter.evaluateInteractive("let c = [][0]", inputName: "<repl>"), .runtimeError)
        XCTAssertEqual(interpreter.evaluateInteractive("a", inputName: "<repl>"), .success)
        XCTAssertEqual(sink.standardOutput, "1\n")
        // Names whose declaration failed are not left half-defined.
        XCTAssertEqual(interpreter.evaluateInteractive("c", inputName: "<repl>"), .compileError)
        XCTAssertEqual(interpreter.evaluateInteractive("b", inputName: "<repl>"), .compileError)
        XCTAssertEqual(interpreter.variables().map(\.name), ["a"])
    }

    func testRedeclarationInLaterChunkShadows() {
        _ = interpreter.evaluateInteractive("let a = 1", inputName: "<repl>")
        _ = interpreter.evaluateInteractive("let a = a + 1", inputName: "<repl>")
        _ = interpreter.evaluateInteractive("a", inputName: "<repl>")
        XCTAssertEqual(sink.standardOutput, "2\n")
    }

    func testReset() {
        _ = interpreter.evaluateInteractive("let a = 1", inputName: "<repl>")
        interpreter.reset()
        XCTAssertEqual(interpreter.evaluateInteractive("a", inputName: "<repl>"), .compileError)
        XCTAssertTrue(interpreter.variables().isEmpty)
    }

    func testNeedsMoreInput() {
        XCTAssertTrue(interpreter.needsMoreInput("fn f() {"))
        XCTAssertTrue(interpreter.needsMoreInput("let xs = [1,"))
        XCTAssertTrue(interpreter.needsMoreInput("print \"abc"))
        XCTAssertTrue(interpreter.needsMoreInput("let x = 1 +"))
        XCTAssertTrue(interpreter.needsMoreInput("data |>"))
        XCTAssertFalse(interpreter.needsMoreInput("let x = 1"))
        XCTAssertFalse(interpreter.needsMoreInput("fn f() { return 1 }"))
        XCTAssertFalse(interpreter.needsMoreInput(""))
        XCTAssertFalse(interpreter.needsMoreInput("print )"))
    }

    func testCompletions() {
        _ = interpreter.evaluateInteractive("let run = {accuracy: [1], alpha: 2, beta: 3}", inputName: "<repl>")
        _ = interpreter.evaluateInteractive("fn train_net(width, depth = 2) { return width }", inputName: "<repl>")
        XCTAssertEqual(interpreter.completions(for: "run.a", cursor: 5), ["accuracy", "alpha"])
        XCTAssertEqual(interpreter.completions(for: "wh", cursor: 2), ["while"])
        XCTAssertTrue(interpreter.completions(for: "tra", cursor: 3).contains("train_net"))
        XCTAssertTrue(interpreter.completions(for: "so", cursor: 2).contains("sort"))
        XCTAssertEqual(interpreter.completions(for: "train_net(1, de", cursor: 15).filter { $0.hasSuffix(":") }, ["depth:"])
        XCTAssertTrue(interpreter.completions(for: "glyphs(10, rot", cursor: 14).contains("rotation:"))
        XCTAssertTrue(interpreter.completions(for: "fashion_", cursor: 8).contains("fashion_mnist"))
        XCTAssertTrue(interpreter.completions(for: "round(1, d", cursor: 10).contains("digits:"))
        XCTAssertEqual(interpreter.completions(for: "[1].c", cursor: 5), [])
    }

    func testVariablesDescribeValues() {
        _ = interpreter.evaluateInteractive("let n = 3\nvar s = \"hi\"\nfn f(a, b = 2) { return a }", inputName: "<repl>")
        let vars = interpreter.variables()
        XCTAssertEqual(vars.map(\.name), ["f", "n", "s"])
        XCTAssertEqual(vars.map(\.description), ["fn f(a, b = ...)", "let number = 3", "var string = \"hi\""])
    }

    func testHelp() throws {
        let overview = try XCTUnwrap(interpreter.help(topic: nil))
        XCTAssertTrue(overview.contains("sqrt"))
        let sqrt = try XCTUnwrap(interpreter.help(topic: "sqrt"))
        XCTAssertTrue(sqrt.hasPrefix("sqrt(x)\n"), sqrt)
        XCTAssertTrue(sqrt.contains("example: sqrt(16)"))
        for k in lexerKeywords() { XCTAssertNotNil(interpreter.help(topic: k), "no help for keyword '\(k)'") }
        XCTAssertNil(interpreter.help(topic: "no_such_topic"))
    }

    func testEveryBuiltinExampleRuns() throws {
        let overview = try XCTUnwrap(interpreter.help(topic: nil))
        let names = overview.components(separatedBy: "\n").filter { $0.hasPrefix("  ") }
            .flatMap { $0.dropFirst(11).components(separatedBy: ", ") }
        XCTAssertGreaterThan(names.count, 30)
        // The real-data loaders' examples need the shared datasets; the file readers' examples
        // name a file of the reader's own, so here they must be refused cleanly, before running,
        // with "cannot read".
        setenv("INFOSCOPE_DATA", try GoldenScriptTests.sharedData(), 1)
        let fileReaders: Set<String> = ["load_csv", "load_npy"]
        for name in names {
            let doc = try XCTUnwrap(interpreter.help(topic: name), name)
            let example = try XCTUnwrap(doc.components(separatedBy: "example: ").last)
            let code = example.components(separatedBy: "  #").first ?? example
            let (outcome, out) = runScript(code.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
            let expected: RunOutcome = name == "fail" ? .runtimeError : fileReaders.contains(name) ? .compileError : .success
            XCTAssertEqual(outcome, expected, "\(name): \(code) \(out.standardError)")
            if fileReaders.contains(name) { XCTAssertTrue(out.standardError.contains("cannot read"), out.standardError) }
            if let expected = example.components(separatedBy: "  # ").dropFirst().first {
                let (_, printed) = runScript("let v = \(code.trimmingCharacters(in: .whitespacesAndNewlines))\nprint [v]\n")
                XCTAssertEqual(printed.standardOutput, "[\(expected.trimmingCharacters(in: .whitespacesAndNewlines))]\n", name)
            }
        }
    }

    func testCheckPrintsSummaryAndRunsNothing() {
        let source = "fn f() { return 1 }\nlet x = 2\nprint \"ran\"\nnetwork n { dense(1) }\n"
        XCTAssertEqual(interpreter.check(source: source, path: "a.isc"), .success)
        XCTAssertEqual(sink.standardOutput, "a.isc: ok: 1 function (f), 1 variable (x), 1 network (n)\n")
        XCTAssertEqual(interpreter.check(source: "print nope\n", path: "a.isc"), .compileError)
    }

    func testInvalidUTF8IsADiagnostic() {
        let bytes: [UInt8] = Array("print 1\nprint \"".utf8) + [0xFF, 0xFE] + Array("\"\n".utf8)
        XCTAssertEqual(interpreter.run(bytes: bytes, path: "bad.isc"), .compileError)
        XCTAssertTrue(sink.standardError.hasPrefix("bad.isc:2:8: error: invalid UTF-8 byte sequence\n"), sink.standardError)
        XCTAssertEqual(sink.standardOutput, "")
    }

    func testInterruptStopsAnInfiniteLoop() {
        let flag = interpreter.interrupt
        let stopper = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            flag.request()
        }
        stopper.start()
        XCTAssertEqual(interpreter.run(source: "var i = 0\nwhile true { i += 1 }\n", path: "loop.isc"), .interrupted)
        XCTAssertEqual(sink.standardError, "interrupted\n")
        // The flag is cleared when the next run starts.
        XCTAssertEqual(interpreter.run(source: "print 1\n", path: "t.isc"), .success)
    }

    func testInterruptStopsRecursionHeavyCode() {
        let flag = interpreter.interrupt
        Thread { Thread.sleep(forTimeInterval: 0.2); flag.request() }.start()
        let source = "fn f(n) { if n == 0 { return 0 }\n return f(n - 1) + f(n - 1) }\nprint f(60)\n"
        XCTAssertEqual(interpreter.run(source: source, path: "t.isc"), .interrupted)
    }
}

extension InterpreterAPITests {
    /// The same seed gives the same numbers; another seed different ones; reset restarts the sequence.
    func testRandomNumbersFollowTheSeed() {
        func draws(seed: UInt64) -> String {
            var options = InterpreterOptions()
            options.seed = seed
            let out = CaptureSink()
            _ = Interpreter(options: options, output: out).run(source: "print random(), random_int(0, 1000), shuffle(range(5))\n", path: "r.isc")
            return out.standardOutput
        }
        XCTAssertEqual(draws(seed: 1), draws(seed: 1))
        XCTAssertNotEqual(draws(seed: 1), draws(seed: 2))
        _ = interpreter.evaluateInteractive("random()", inputName: "<repl>")
        interpreter.reset()
        _ = interpreter.evaluateInteractive("random()", inputName: "<repl>")
        let lines = sink.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines.first, lines.last)
    }
}

/// `:vars` shows domain objects by one line each.
final class DomainVariablesTests: XCTestCase {
    func testVariablesShowObjectsByOneLine() {
        let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())
        _ = interpreter.evaluateInteractive("""
            network mlp(width = 16) { input [2]; dense(width) relu; dense(2) }
            let net = mlp()
            let data = moons(10, seed: 0)
            """, inputName: "<repl>")
        let vars = Dictionary(uniqueKeysWithValues: interpreter.variables().map { ($0.name, $0.description) })
        XCTAssertEqual(vars["net"], "let network = mlp: [2] -> [2], 82 parameters")
        XCTAssertTrue(vars["data"]?.hasPrefix("let dataset = moons: 10 samples of [2], 2 classes") ?? false, "\(vars)")
        XCTAssertEqual(vars["mlp"], "fn mlp(width = ...)")
    }
}
