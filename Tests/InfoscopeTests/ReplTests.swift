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
        session.send("\u{4}")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlCInterruptsComputationAndKeepsState() throws {
        let session = try startSession()
        session.sendLine("let x = 42")
        try session.expect(Repl.prompt)
        session.sendLine("while true {}")
        try session.expect("while true {}\r\n")
        session.send("\u{3}")
        try session.expect("interrupted")
        try session.expect(Repl.prompt)
        session.sendLine("x")
        try session.expectLine("42")
        session.sendLine(":quit")
        XCTAssertEqual(try session.waitForExit(), 0)
    }
}
