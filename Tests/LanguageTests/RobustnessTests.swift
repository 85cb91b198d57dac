import Foundation
import Language
import XCTest

/// No input may crash or hang the interpreter: random bytes, mutated scripts, deep nesting.
final class RobustnessTests: XCTestCase {
    /// A small deterministic generator (SplitMix64) so every run fuzzes the same inputs.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// Runs `source`; the outcome must be one of the defined ones and errors must be reported.
    func assertFinishes(_ bytes: [UInt8], _ label: String) {
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        let outcome = interpreter.run(bytes: bytes, path: "fuzz.isc")
        switch outcome {
        case .success: break
        case .compileError, .runtimeError:
            XCTAssertTrue(sink.standardError.contains("error: "), "\(label): failure without a diagnostic")
        case .interrupted: XCTFail("\(label): interrupted without a request")
        }
        _ = interpreter.needsMoreInput(String(decoding: bytes, as: UTF8.self))
        _ = interpreter.completions(for: String(decoding: bytes.prefix(80), as: UTF8.self), cursor: 40)
    }

    func testRandomBytes() {
        var rng = SplitMix(state: 1)
        // 300 inputs of up to 200 bytes: enough to reach every lexer path in well under a second.
        for i in 0..<300 {
            let bytes = (0..<rng.below(200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            assertFinishes(bytes, "random input \(i)")
        }
    }

    func testRandomTokenSoup() {
        let pieces = ["let", "var", "fn", "(", ")", "{", "}", "[", "]", "\"", "\"{", "}\"", ",", ":", "=", "|>",
                      "if", "else", "for", "in", "while", "return", "x", "f", "1", "1e", "..", "..<", "\n",
                      "network", "schedule", "probe", "dataset", "phase", "on", "epochs", "+", "-", "*", "^",
                      "not", "and", "or", "print", "import", "#", ";", ".", "break", "=>", "none", "\\"]
        var rng = SplitMix(state: 2)
        for i in 0..<400 {
            let text = (0..<rng.below(40)).map { _ in pieces[rng.below(pieces.count)] }.joined(separator: " ")
            assertFinishes(Array(text.utf8), "token soup \(i): \(text)")
        }
    }

    func testMutatedScripts() throws {
        let scripts = try GoldenScriptTests.scripts(under: GoldenScriptTests.testsDirectory.appendingPathComponent("Scripts"))
        var rng = SplitMix(state: 3)
        // Every 3rd script, 4 mutations each: a bounded sample that still touches every feature folder.
        for (n, url) in scripts.enumerated() where n % 3 == 0 {
            let original = Array(try Data(contentsOf: url))
            for m in 0..<4 {
                var bytes = original
                for _ in 0...rng.below(4) where !bytes.isEmpty {
                    let at = rng.below(bytes.count)
                    switch rng.below(3) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(bytes[rng.below(bytes.count)], at: at)
                    default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    }
                }
                assertFinishes(bytes, "\(url.lastPathComponent) mutation \(m)")
            }
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let cases = [
            String(repeating: "[", count: 100_000),
            "print " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000),
            "print " + String(repeating: "not ", count: 50_000) + "true",
            String(repeating: "fn(x) => ", count: 20_000) + "1",
            "print \"" + String(repeating: "{\"", count: 5_000),
            String(repeating: "{a: ", count: 20_000),
            "let x = " + String(repeating: "-", count: 100_000) + "1",
        ]
        for (i, source) in cases.enumerated() {
            let (outcome, sink) = runScript(source)
            XCTAssertEqual(outcome, .compileError, "case \(i)")
            XCTAssertFalse(sink.standardError.isEmpty, "case \(i)")
        }
    }

    func testDeeplyNestedValuesPrint() {
        let (outcome, sink) = runScript("var x = []\nfor i in 0..<5000 { x = [x] }\nprint len(str(x)) > 0\nprint x == x\n")
        XCTAssertEqual(outcome, .success, sink.standardError)
        XCTAssertEqual(sink.standardOutput, "true\ntrue\n")
    }

    func testLongRecursionChainIsReported() {
        let (outcome, sink) = runScript("fn f(n) { return g(n) }\nfn g(n) { return f(n) }\nf(1)\n")
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(sink.standardError.contains("call depth exceeded"))
        // The trace is cut rather than a thousand lines long.
        XCTAssertLessThan(sink.standardError.components(separatedBy: "\n").count, 25)
    }
}

extension RobustnessTests {
    /// A list nested a million deep must not overflow the stack when the interpreter frees it.
    func testTearingDownDeeplyNestedValues() {
        do {
            let (outcome, sink) = runScript("var x = []\nfor i in 0..<1000000 { x = [x] }\nprint \"built\"\n")
            XCTAssertEqual(outcome, .success)
            XCTAssertEqual(sink.standardOutput, "built\n")
        }
        let sink = CaptureSink()
        let interpreter = Interpreter(options: InterpreterOptions(), output: sink)
        _ = interpreter.evaluateInteractive("var y = []\nfor i in 0..<1000000 { y = [y] }", inputName: "<repl>")
        interpreter.reset()
        XCTAssertTrue(interpreter.variables().isEmpty)
    }
}

extension RobustnessTests {
    /// Recursion whose every level also nests expressions deeply: the stack guard or the call
    /// limit must stop it with an error, in debug builds too.
    func testRecursionThroughDeeplyNestedExpressions() {
        let nested = String(repeating: "(", count: 150) + "f(n + 1)" + String(repeating: " + 0)", count: 150)
        let source = "fn f(n) { return \(nested) }\nprint f(0)\n"
        let (outcome, sink) = runScript(source)
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(sink.standardError.contains("call depth exceeded"), sink.standardError)
    }

    /// Builtins that call back into the language (map, sort...) are covered by the same limits.
    func testRecursionThroughBuiltinCallbacks() {
        let (outcome, sink) = runScript("fn f(xs) { return map(xs, fn(x) => f([x])) }\nprint f([1])\n")
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(sink.standardError.contains("call depth exceeded"), sink.standardError)
    }
}
