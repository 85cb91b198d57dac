import XCTest
@testable import infoscope

/// How the REPL cuts typed and pasted lines into entries, and which entries its history keeps.
final class ReplEntryTests: XCTestCase {
    private func startSession(environment: [String: String] = [:]) throws -> TerminalSession {
        let session = try TerminalSession(["--quiet"], environment: environment)
        try session.expect(Repl.prompt)
        return session
    }

    private func quit(_ session: TerminalSession) throws {
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testPastedScriptWithElseAndPipeOnTheirOwnLinesRuns() throws {
        let session = try startSession()
        // Sent at once, as a terminal without bracketed paste delivers a paste: line by line.
        session.send("if 1 > 2 {\nprint \"then\"\n}\nelse {\nprint \"otherwise\"\n}\n")
        let shown = try session.expectLine("otherwise")
        XCTAssertFalse(shown.contains("error"), shown)
        try session.expect(Repl.prompt)
        session.send("let xs = [3, 1, 2]\n|> sort\nxs\n")
        let sorted = try session.expectLine("[1, 2, 3]")
        XCTAssertFalse(sorted.contains("error"), sorted)
        try session.expect(Repl.prompt)
        try quit(session)
    }

    /// Errors name the entry they are in, as a notebook names its cell: `[2]:1:7`.
    func testErrorsNameTheirEntry() throws {
        let session = try startSession()
        session.sendLine("let a = 1")
        try session.expect(Repl.prompt)
        session.sendLine("print nope")
        try session.expectLine("[2]:1:7: error: unknown name 'nope'")
        try session.expect(Repl.prompt)
        try quit(session)
    }

    /// `:help` wraps to the terminal's width and lists the names containing an unknown topic.
    func testHelpWrapsAndFindsNamesContainingTheTopic() throws {
        let session = try startSession(environment: ["COLUMNS": "60"])
        session.sendLine(":help hess")
        try session.expectLine("nothing is named 'hess'; these names contain it (:help NAME for details):")
        try session.expect("  hessian_eigenvalues  the k largest eigenvalues of the\r\n")
        try session.expect(Repl.prompt)
        try quit(session)
    }

    func testTypedIfWaitsOneLineForElse() throws {
        let session = try startSession()
        for line in ["if 1 > 2 {", "print \"then\"", "}", "else {", "print \"otherwise\""] {
            session.sendLine(line)
            try session.expect(Repl.continuationPrompt)
        }
        session.sendLine("}")
        try session.expectLine("otherwise")
        try session.expect(Repl.prompt)
        // An empty line runs an if that has no else.
        session.sendLine("if true { print \"ran\" }")
        try session.expect(Repl.continuationPrompt)
        session.sendLine("")
        try session.expectLine("ran")
        try session.expect(Repl.prompt)
        // Any other line runs it too, then starts the next entry.
        session.sendLine("if true { print \"first\" }")
        try session.expect(Repl.continuationPrompt)
        session.sendLine("print \"second\"")
        try session.expectLine("first")
        try session.expect("second\r\n")
        try session.expect(Repl.prompt)
        try quit(session)
    }

    func testUnfinishedEntriesContinueAndInvalidOnesAreReportedAtOnce() throws {
        let session = try startSession()
        session.sendLine("let n = 40 +")
        try session.expect(Repl.continuationPrompt)
        session.sendLine("2")
        try session.expect(Repl.prompt)
        session.sendLine("print \"n is")
        try session.expect(Repl.continuationPrompt)
        session.sendLine("{n}\"")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        // The mistake comes before the open brace: no number of lines could repair it.
        session.sendLine("print ) {")
        let report = try session.expect(Repl.prompt)
        XCTAssertTrue(report.contains("error: expression expected near ')'"), report)
        XCTAssertFalse(report.contains(Repl.continuationPrompt), report)
        session.sendLine("else {")
        let late = try session.expect(Repl.prompt)
        XCTAssertTrue(late.contains("'else' must follow the closing '}' of an if"), late)
        try quit(session)
    }

    func testHistoryKeepsWholeEntriesAndNotAbandonedOnes() throws {
        let scratch = try ScratchDirectory()
        let historyPath = scratch.path + "/history"
        let first = try startSession(environment: ["INFOSCOPE_HISTORY": historyPath])
        for line in Snippet.multiLine {
            first.sendLine(line)
            try first.expect(line == Snippet.multiLine.last ? Repl.prompt : Repl.continuationPrompt)
        }
        first.sendLine("fn abandoned_entry() {")
        try first.expect(Repl.continuationPrompt)
        first.send("\u{3}")
        try first.expect("^C\r\n" + Repl.prompt)
        try quit(first)
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertTrue(saved.contains(Snippet.multiLine.joined(separator: "\n")), saved)
        XCTAssertFalse(saved.contains("abandoned_entry"), saved)
        // Ctrl-P twice recalls the whole function (":quit" is the newest entry) in one go.
        let second = try startSession(environment: ["INFOSCOPE_HISTORY": historyPath])
        second.send("\u{10}\u{10}\n")
        try second.expect(Repl.prompt)
        second.sendLine(Snippet.multiLineResultQuery)
        try second.expectLine(Snippet.multiLineResult)
        try second.expect(Repl.prompt)
        try quit(second)
    }

    func testHistoryWrittenBeforeTimeLinesIsStillRead() throws {
        let scratch = try ScratchDirectory()
        let historyPath = try scratch.write("history", "let old_one = 1\nlet old_two = 42\n")
        let session = try startSession(environment: ["INFOSCOPE_HISTORY": historyPath])
        session.send("\u{10}\n")
        try session.expect(Repl.prompt)
        session.sendLine("old_two")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        try quit(session)
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertTrue(saved.contains("let old_one = 1\n"), saved)
    }
}
