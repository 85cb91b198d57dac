import Language
import XCTest

/// The exact text of diagnostics: location line, source line, caret under the range, notes, trace.
final class DiagnosticFormatTests: XCTestCase {
    func testUnknownNameWithSuggestion() {
        let (outcome, sink) = runScript("let fisher_trace = 1\nfisher_trac(net)\n", path: "<repl>")
        XCTAssertEqual(outcome, .compileError)
        XCTAssertEqual(sink.standardError, """
            <repl>:2:1: error: unknown name 'fisher_trac'
              fisher_trac(net)
              ^~~~~~~~~~~
              note: did you mean 'fisher_trace'?
            <repl>:2:13: error: unknown name 'net'
              fisher_trac(net)
                          ^~~

            """)
        XCTAssertEqual(sink.standardOutput, "")
    }

    func testCaretSpansWholeExpression() {
        let (_, sink) = runScript("print 1 + \"a\" * 2\n", path: "t.isc")
        XCTAssertEqual(sink.standardError, """
            t.isc:1:11: error: cannot apply '*' to string and number
              print 1 + "a" * 2
                        ^~~~~~~

            """)
    }

    func testClosingBracketMessageNamesOpeningLine() {
        let (outcome, sink) = runScript("let xs = [1,\n  2\n", path: "t.isc")
        XCTAssertEqual(outcome, .compileError)
        XCTAssertTrue(sink.standardError.hasPrefix("t.isc:2:4: error: ']' expected (to close '[' at line 1)\n"), sink.standardError)
    }

    func testRuntimeErrorHasCallTrace() {
        let source = "fn inner(x) {\n    return x[3]\n}\nfn outer(x) { return inner(x) }\nouter([1])\n"
        let (outcome, sink) = runScript(source, path: "t.isc")
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertEqual(sink.standardError, """
            t.isc:2:14: error: index 3 out of range for list of length 1
                  return x[3]
                           ^
              in inner at t.isc:4:22
              in outer at t.isc:5:1

            """)
    }

    func testTabsInSourceKeepCaretAligned() {
        let (_, sink) = runScript("\tprint nope\n", path: "t.isc")
        XCTAssertEqual(sink.standardError, "t.isc:1:8: error: unknown name 'nope'\n   print nope\n         ^~~~\n")
    }

    func testColorWrapsSeverityInEscapes() {
        let sink = CaptureSink()
        var options = InterpreterOptions()
        options.color = true
        let outcome = Interpreter(options: options, output: sink).run(source: "print nope\n", path: "t.isc")
        XCTAssertEqual(outcome, .compileError)
        XCTAssertTrue(sink.standardError.contains("\u{1B}[1;31merror: \u{1B}[0m"), sink.standardError)
    }

    func testTooManyErrorsStopsAtTwenty() {
        let source = String(repeating: "let = 1\n", count: 30)
        let (_, sink) = runScript(source, path: "t.isc")
        let reports = sink.standardError.components(separatedBy: "\n").filter { $0.contains(": error: ") }
        XCTAssertEqual(reports.count, 21)
        XCTAssertEqual(reports.last, "t.isc: error: too many errors")
    }

    func testMessagesAreLowerCaseWithoutFinalPeriod() {
        let sources = ["print nope", "let = 1", "print 1 / 0", "print [][1]", "break", "print \"a",
                       "fn f(a, a) { return 1 }", "print len(1, 2)", "network n { dense(1) }"]
        for source in sources {
            let (_, sink) = runScript(source + "\n")
            for r in ReportedErrorLines(sink.standardError) {
                XCTAssertFalse(r.hasSuffix("."), r)
                XCTAssertEqual(r.first.map { String($0).lowercased() }, r.first.map { String($0) }, r)
            }
        }
    }
}

/// The message parts of every `error:` line in rendered output.
func ReportedErrorLines(_ text: String) -> [String] {
    text.components(separatedBy: "\n").compactMap { l in
        l.range(of: ": error: ").map { String(l[$0.upperBound...]) }
    }
}
