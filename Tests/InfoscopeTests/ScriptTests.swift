import XCTest

/// Scripts, snippets and standard input run through the executable: output, diagnostics and the
/// exit status of each outcome.
final class ScriptTests: XCTestCase {
    func testSnippetRuns() throws {
        let result = try InfoscopeProcess.run(["-e", "let x = 40\nprint x + 2"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "42\n")
        XCTAssertEqual(result.standardError, "")
    }

    func testCompileErrorExits65WithDiagnostic() throws {
        let result = try InfoscopeProcess.run(["-e", "print 1\nlet = 1"])
        XCTAssertEqual(result.status, 65)
        XCTAssertEqual(result.standardOutput, "", "nothing runs when the script does not compile")
        XCTAssertTrue(result.standardError.hasPrefix("<command line>:2:5: error: "), result.standardError)
    }

    func testRuntimeErrorExits70KeepingEarlierOutput() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("fails.isc", "print \"before\"\nprint 1 / 0\nprint \"after\"\n")
        let result = try InfoscopeProcess.run([script])
        XCTAssertEqual(result.status, 70)
        XCTAssertEqual(result.standardOutput, "before\n")
        XCTAssertTrue(result.standardError.hasPrefix("\(script):2:"), result.standardError)
        XCTAssertTrue(result.standardError.contains("division by zero"), result.standardError)
    }

    func testScriptFileRuns() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("ok.isc", "fn triple(n) {\n    return n * 3\n}\nprint triple(14)\n")
        let result = try InfoscopeProcess.run(["--seed", "5", "--threads", "2", "--quiet", "--color", "off", script])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "42\n")
    }

    func testStandardInputRunsAsScriptWithoutPrompt() throws {
        for arguments in [[], ["-"]] {
            let result = try InfoscopeProcess.run(arguments, input: "let x = 6\nx\nprint x * 7\n")
            XCTAssertEqual(result.status, 0, "\(arguments)")
            // A script prints only what it prints: no prompt, no banner, no echoed values.
            XCTAssertEqual(result.standardOutput, "42\n", "\(arguments)")
            XCTAssertEqual(result.standardError, "")
        }
    }

    func testStandardInputErrorsUseItsName() throws {
        let compile = try InfoscopeProcess.run([], input: "let = 1\n")
        XCTAssertEqual(compile.status, 65)
        XCTAssertTrue(compile.standardError.hasPrefix("<stdin>:1:5: error: "), compile.standardError)
        let runtime = try InfoscopeProcess.run([], input: "print 1 / 0\n")
        XCTAssertEqual(runtime.status, 70)
    }

    func testCheckRunsNothing() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("sound.isc", "fn f(n) {\n    return n\n}\nprint \"ran\"\nprint 1 / 0\n")
        let result = try InfoscopeProcess.run(["check", script])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertFalse(result.standardOutput.contains("ran"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.hasPrefix("\(script): ok"), result.standardOutput)
    }

    func testCheckReportsCompileErrors() throws {
        let scratch = try ScratchDirectory()
        let script = try scratch.write("broken.isc", "print 1\nprint undefined_name\n")
        let result = try InfoscopeProcess.run(["check", script])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.standardError.hasPrefix("\(script):2:7: error: "), result.standardError)
        XCTAssertEqual(result.standardOutput, "")
    }

    func testCheckSnippetAndStandardInput() throws {
        XCTAssertEqual(try InfoscopeProcess.run(["check", "-e", "let x = 1"]).status, 0)
        XCTAssertEqual(try InfoscopeProcess.run(["check", "-e", "let = 1"]).status, 65)
        XCTAssertEqual(try InfoscopeProcess.run(["check", "-"], input: "let = 1\n").status, 65)
        let fine = try InfoscopeProcess.run(["check", "-"], input: "print 1 / 0\n")
        XCTAssertEqual(fine.status, 0, "check must not run the division")
    }

    func testColorOnKeepsEscapesAndAutoStripsThemFromPipes() throws {
        let on = try InfoscopeProcess.run(["--color", "on", "-e", "let = 1"])
        let auto = try InfoscopeProcess.run(["-e", "let = 1"], environment: ["NO_COLOR": ""])
        XCTAssertEqual(on.status, 65)
        XCTAssertEqual(auto.status, 65)
        XCTAssertTrue(on.standardError.contains("\u{1B}["), "--color on printed no colour: \(on.standardError)")
        XCTAssertFalse(auto.standardError.contains("\u{1B}["), auto.standardError)
        XCTAssertEqual(TerminalOutputProbe.strip(on.standardError), auto.standardError)
    }
}

/// Colour removal as the tests see it, to compare coloured and plain diagnostics.
enum TerminalOutputProbe {
    static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
