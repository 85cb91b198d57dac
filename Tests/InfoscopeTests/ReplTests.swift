import XCTest
@testable import infoscope

/// The REPL driven through a pseudo-terminal, keystroke by keystroke.
final class ReplTests: XCTestCase {
    private func startSession(_ arguments: [String] = ["--quiet"], environment: [String: String] = [:])
        throws -> TerminalSession
    {
        let session = try TerminalSession(arguments, environment: environment)
        try session.expect(Repl.prompt)
        return session
    }

    func testBannerValueAndQuit() throws {
        let session = try TerminalSession([])
        try session.expect("Type :help for help")
        try session.expect(Repl.prompt)
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlCAtPromptClearsLineAndKeepsSession() throws {
        let session = try startSession()
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.send("garbage that is never run")
        try session.expect("never run")
        session.send("\u{3}")
        try session.expect("^C\r\n" + Repl.prompt)
        session.send("\u{3}")
        try session.expect("^C\r\n" + Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.send("\u{4}")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlCInterruptsComputationAndKeepsState() throws {
        let session = try startSession()
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        // The loop announces itself, so Ctrl-C surely lands while it runs.
        session.sendLine(Snippet.announceThenLoopEntry)
        try session.expect(Snippet.announcement + "\r\n")
        session.send("\u{3}")
        // The terminal echoes ^C; the report starts on a line of its own.
        try session.expect("^C\r\ninterrupted\r\n")
        try session.expect(Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    /// The session is its own orphaned process group, so the kernel discards the stop itself,
    /// but readline's Ctrl-Z handling (terminal reset, signal mask changes) all runs. The redraw
    /// after a real stop and `fg` needs a job-control shell, so it is checked by hand.
    func testCtrlZRedrawsLineAndCtrlCStillWorks() throws {
        let session = try startSession()
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.send("x")
        try session.expect("x")
        session.send("\u{1A}")
        try session.expect("^Z")
        // The half-typed line survives; typing carries on where it was.
        session.send("\n")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        // Readline unblocks signals around Ctrl-Z; Ctrl-C must still interrupt, not kill.
        session.sendLine(Snippet.announceThenLoopEntry)
        try session.expect(Snippet.announcement + "\r\n")
        session.send("\u{3}")
        try session.expect("interrupted")
        try session.expect(Repl.prompt)
        session.send("\u{3}")
        try session.expect("^C\r\n" + Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testEditingMovesByCharacterNotByte() throws {
        // A C locale would make readline move through "é" one byte at a time.
        let session = try startSession(environment: ["LANG": "C", "LC_ALL": "", "LC_CTYPE": ""])
        // Ctrl-B twice steps back over the closing quote and one "é"; X lands between the two.
        session.send("print \"éé\"\u{2}\u{2}X\n")
        try session.expectLine("éXé")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testMultiLineEntryUsesContinuationPrompt() throws {
        let session = try startSession()
        session.sendLine(Snippet.multiLine[0])
        for line in Snippet.multiLine.dropFirst() {
            try session.expect(Repl.continuationPrompt)
            session.sendLine(line)
        }
        try session.expect(Repl.prompt)
        session.sendLine(Snippet.multiLineResultQuery)
        try session.expectLine(Snippet.multiLineResult)
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testErrorThenSessionContinuesWithStateIntact() throws {
        let session = try startSession()
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.sendLine(Snippet.compileError)
        try session.expect("[2]:1:")
        try session.expect("error")
        try session.expect(Repl.prompt)
        session.sendLine(Snippet.runtimeError)
        try session.expect("error")
        try session.expect(Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testATensorPrintsAbbreviatedAndListsByItsShape() throws {
        let session = try startSession()
        session.sendLine("let t = tensor(0..<2000)")
        try session.expect(Repl.prompt)
        session.sendLine("t * 2")
        try session.expectLine("tensor [2000]")
        try session.expect("[   0,    2,    4,    6,    8,   10,   12,   14,   16,   18, … 1,980 more …, 3980,")
        try session.expect(Repl.prompt)
        session.sendLine(":vars")
        try session.expect("tensor [2000]")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testVarsResetAndUnknownCommand() throws {
        let session = try startSession()
        session.sendLine(":vars")
        try session.expectLine("no variables yet")
        try session.expect(Repl.prompt)
        session.sendLine("let answer = 42")
        try session.expect(Repl.prompt)
        session.sendLine(":vars")
        try session.expect("answer")
        try session.expect("42")
        try session.expect(Repl.prompt)
        session.sendLine(":reset")
        try session.expect("session reset")
        try session.expect(Repl.prompt)
        session.sendLine(":vars")
        try session.expectLine("no variables yet")
        try session.expect(Repl.prompt)
        session.sendLine(":frobnicate")
        try session.expect("unknown command ':frobnicate'; the commands are:")
        try session.expect(":quit")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testHelp() throws {
        let session = try startSession()
        session.sendLine(":help")
        try session.expect("REPL commands:")
        try session.expect(":load FILE")
        try session.expect(Repl.prompt)
        session.sendLine(":help :load")
        try session.expect("run a script in this session")
        try session.expect(Repl.prompt)
        session.sendLine(":help \(Snippet.helpTopic)")
        try session.expect(Snippet.helpTopicText)
        try session.expect(Repl.prompt)
        session.sendLine(":help no_such_topic_anywhere")
        try session.expect("no help on 'no_such_topic_anywhere'")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testLoadRunsFileInTheSession() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("defs.isc", "let loaded_value = 42\n")
        let broken = try scratch.write("broken.isc", Snippet.compileError + "\n")
        let session = try startSession()
        session.sendLine(":load \(script)")
        try session.expect(Repl.prompt)
        session.sendLine("loaded_value")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":load \(broken)")
        try session.expect("\(broken):1:")
        try session.expect(Repl.prompt)
        session.sendLine(":load \(scratch.path)/absent.isc")
        try session.expect("error: cannot open '\(scratch.path)/absent.isc': no such file or directory")
        try session.expect(Repl.prompt)
        session.sendLine(":load")
        try session.expect("':load' needs a file")
        try session.expect(Repl.prompt)
        session.sendLine("loaded_value")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlDExitsAndCtrlDInContinuationSubmits() throws {
        let session = try startSession()
        session.sendLine(Snippet.multiLine[0])
        try session.expect(Repl.continuationPrompt)
        session.send("\u{4}")
        try session.expect("error")
        try session.expect(Repl.prompt)
        session.send("\u{4}")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testTabCompletesNamesCommandsAndPaths() throws {
        let scratch = try ScratchDirectory()
        try scratch.write("zebra_unique_name.isc", "let zebra = 42\n")
        let session = try startSession()
        session.sendLine("let alphabet_soup = 42")
        try session.expect(Repl.prompt)
        session.send("alphabet_s\t\n")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.send(":va\t\n")
        try session.expect("alphabet_soup")
        try session.expect(Repl.prompt)
        session.send("let p = \"\(scratch.path)/zebra\t\n")
        try session.expect(Repl.prompt)
        session.sendLine("p")
        try session.expect("zebra_unique_name.isc\"")
        try session.expect(Repl.prompt)
        session.send(":load \(scratch.path)/zeb\t\n")
        try session.expect(Repl.prompt)
        session.sendLine("zebra")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testHistoryPersistsAcrossSessions() throws {
        let scratch = try ScratchDirectory()
        let historyPath = scratch.path + "/history"
        let first = try startSession(environment: ["INFOSCOPE_HISTORY": historyPath])
        first.sendLine("let remembered = 42")
        try first.expect(Repl.prompt)
        first.sendLine(":quit")
        XCTAssertEqual(try first.waitForExit(), 0)
        let saved = try String(contentsOfFile: historyPath, encoding: .utf8)
        XCTAssertTrue(saved.contains("let remembered = 42"), saved)
        let second = try startSession(environment: ["INFOSCOPE_HISTORY": historyPath])
        // Ctrl-P recalls the previous history entry (":quit"), again the one before it.
        second.send("\u{10}\u{10}\n")
        try second.expect(Repl.prompt)
        second.sendLine("remembered")
        try second.expectLine("42")
        try second.expect(Repl.prompt)
        second.sendLine(":quit")
        XCTAssertEqual(try second.waitForExit(), 0)
    }

    func testUnwritableHistoryIsIgnored() throws {
        let session = try startSession(environment: ["INFOSCOPE_HISTORY": "/nonexistent-dir/history"])
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        try session.expect(Repl.prompt)
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlCInterruptsScriptWithStatus130() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("loop.isc", Snippet.announceThenLoop)
        let session = try TerminalSession([script])
        try session.expect(Snippet.announcement)
        session.send("\u{3}")
        try session.expect("^C\r\ninterrupted\r\n")
        XCTAssertEqual(try session.waitForExit(), 130)
    }
}

/// Source snippets the REPL tests type, in one place so a grammar change touches one place.
enum Snippet {
    /// An entry over several lines; braces keep it open until the last.
    static let multiLine = ["fn triple(n) {", "return n * 3", "}"]
    /// What to type after `multiLine`, and the line it prints.
    static let multiLineResultQuery = "triple(14)"
    static let multiLineResult = "42"
    /// A line that does not compile.
    static let compileError = "let = 1"
    /// A line that compiles but fails when run.
    static let runtimeError = "print 1 / 0"
    /// A keyword with help, and words from that help.
    static let helpTopic = "print"
    static let helpTopicText = "prints values separated by spaces"
    /// A script that prints `announcement` and then never ends by itself.
    static let announcement = "loop started"
    static let announceThenLoop = "print \"loop started\"\nwhile true {}\n"
    /// A REPL entry that prints `announcement` and then loops until interrupted.
    static let announceThenLoopEntry = "print \"loop started\"; while true {}"
}
