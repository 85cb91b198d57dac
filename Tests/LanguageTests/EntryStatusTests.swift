import XCTest
@testable import Language

/// When an interactive entry can run: the parser decides, so the REPL accepts what a script does.
final class EntryStatusTests: XCTestCase {
    private let interpreter = Interpreter(options: InterpreterOptions(), output: CaptureSink())

    func testCompleteEntries() {
        XCTAssertEqual(interpreter.entryStatus("let x = 1"), .complete)
        XCTAssertEqual(interpreter.entryStatus("fn f() { return 1 }"), .complete)
        XCTAssertEqual(interpreter.entryStatus(""), .complete)
        XCTAssertEqual(interpreter.entryStatus("if x {\n}\nelse {\n}"), .complete, "else on the next line, pasted")
        XCTAssertEqual(interpreter.entryStatus("if x {\n} \nelse {\n}"), .complete)
        XCTAssertEqual(interpreter.entryStatus("data\n|> f"), .complete, "a pipe starting the next line")
        XCTAssertEqual(interpreter.entryStatus("let x = 1 +\n2"), .complete)
    }

    func testUnfinishedEntries() {
        XCTAssertEqual(interpreter.entryStatus("fn f() {"), .incomplete(indent: "    "))
        XCTAssertEqual(interpreter.entryStatus("fn f() {\n  if x {"), .incomplete(indent: "        "))
        XCTAssertEqual(interpreter.entryStatus("let xs = [1,"), .incomplete(indent: ""))
        XCTAssertEqual(interpreter.entryStatus("print \"abc"), .incomplete(indent: ""), "an unclosed string")
        XCTAssertEqual(interpreter.entryStatus("print \"a {x"), .incomplete(indent: ""), "an open interpolation")
        XCTAssertEqual(interpreter.entryStatus("let x = 1 +"), .incomplete(indent: ""), "a trailing operator")
        XCTAssertEqual(interpreter.entryStatus("data |>"), .incomplete(indent: ""))
        XCTAssertEqual(interpreter.entryStatus("let x = 1 + # more below"), .incomplete(indent: ""))
        XCTAssertEqual(interpreter.entryStatus("if x {\n}\nelse {"), .incomplete(indent: "    "))
    }

    func testAnIfWithoutElseWaitsForOneMoreLine() {
        XCTAssertEqual(interpreter.entryStatus("if x {\n}"), .awaitingElse)
        XCTAssertEqual(interpreter.entryStatus("if x { print 1 } else if y {\n}"), .awaitingElse)
        XCTAssertEqual(interpreter.entryStatus("if x {\n}\n"), .complete, "an empty line after it runs it")
        XCTAssertEqual(interpreter.entryStatus("if x {\n} else {\n}"), .complete)
        XCTAssertEqual(interpreter.entryStatus("for i in xs {\n}"), .complete, "only if takes an else")
    }

    func testInvalidEntriesAreNotWaitedOn() {
        XCTAssertEqual(interpreter.entryStatus("print )"), .invalid)
        XCTAssertEqual(interpreter.entryStatus("print ) {"), .invalid, "an error before the open brace")
        XCTAssertEqual(interpreter.entryStatus("let = 1"), .invalid)
        XCTAssertEqual(interpreter.entryStatus("1 2"), .invalid)
        XCTAssertEqual(interpreter.entryStatus("else {"), .invalid)
        XCTAssertEqual(interpreter.entryStatus("print @ \"abc"), .invalid, "a bad character before an open string")
    }

    func testLeadingElseAndPipeSayWhatTheyContinue() {
        let (elseOutcome, elseSink) = runScript("else {\n}\n")
        XCTAssertEqual(elseOutcome, .compileError)
        XCTAssertTrue(elseSink.standardError.contains("'else' must follow the closing '}' of an if"), elseSink.standardError)
        XCTAssertEqual(elseSink.standardError.components(separatedBy: "error:").count, 2, "one error, no cascade")
        let (pipeOutcome, pipeSink) = runScript("fn f() {\n}\n|> str\n")
        XCTAssertEqual(pipeOutcome, .compileError)
        XCTAssertTrue(pipeSink.standardError.contains("'|>' must follow the value it pipes"), pipeSink.standardError)
    }
}
