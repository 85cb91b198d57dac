import XCTest
@testable import infoscope

/// The REPL's pure parts: completion contexts, meta-command parsing, input decoding, colour removal.
final class ComponentTests: XCTestCase {
    func testCompletionContexts() {
        let cases: [(String, Completion.Context)] = [
            ("let x = fish", .code),
            ("net.lay", .code),
            ("let p = \"data/tr", .stringPath),
            ("let p = \"a\" + \"b", .stringPath),
            ("let p = \"done\" + x", .code),
            ("print \"value {net.lay", .code),
            ("print \"value {f({1})} and ex", .stringPath),
            ("print \"quote \\\" still in", .stringPath),
            ("x # a \"comment", .comment),
            ("let s = \"# not a comment", .stringPath),
            (":he", .command),
            ("  :lo", .command),
            (":load exam", .commandPath),
            (":help fish", .code),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(Completion.context(before: Substring(line)), expected, line)
        }
        XCTAssertEqual(Completion.context(before: ":x", continuing: true), .code)
    }

    func testCompletionMatchesAndCommonPrefix() {
        XCTAssertEqual(Completion.matches(of: "fi", among: ["fisher_trace", "for", "fisher_info", "fisher_info"]),
                       ["fisher_info", "fisher_trace"])
        XCTAssertEqual(Completion.commonPrefix(of: ["fisher_info", "fisher_trace"]), "fisher_")
        XCTAssertEqual(Completion.commonPrefix(of: ["abc", "xyz"]), "")
        XCTAssertEqual(Completion.commonPrefix(of: []), "")
        XCTAssertEqual(Completion.matches(of: ":l", among: Completion.commandNames), [":load"])
    }

    func testCodeWordBreaksKeepIdentifiersWhole() {
        let breaks = Completion.wordBreakCharacters(for: .code)
        XCTAssertFalse(breaks.contains("_"))
        XCTAssertTrue(breaks.contains("."))
        XCTAssertFalse(Completion.wordBreakCharacters(for: .stringPath).contains("/"))
    }

    func testMetaCommands() {
        XCTAssertEqual(try MetaCommand.parse(":help").get(), .help(topic: nil))
        XCTAssertEqual(try MetaCommand.parse("  :help  dense ").get(), .help(topic: "dense"))
        XCTAssertEqual(try MetaCommand.parse(":load a b.isc").get(), .load(path: "a b.isc"))
        XCTAssertEqual(try MetaCommand.parse(":load \"a b.isc\"").get(), .load(path: "a b.isc"))
        XCTAssertEqual(try MetaCommand.parse(":vars").get(), .vars)
        XCTAssertEqual(try MetaCommand.parse(":reset").get(), .reset)
        XCTAssertEqual(try MetaCommand.parse(":quit").get(), .quit)
    }

    func testMetaCommandErrors() {
        XCTAssertEqual(message(":load"), "':load' needs a file, as in ':load examples/quickstart.isc'")
        XCTAssertEqual(message(":vars x"), "':vars' takes no argument, got 'x'")
        let unknown = message(":frobnicate")
        XCTAssertTrue(unknown.hasPrefix("unknown command ':frobnicate'; the commands are:"), unknown)
        for name in Completion.commandNames {
            XCTAssertTrue(unknown.contains(name), "\(name) missing from: \(unknown)")
        }
    }

    private func message(_ line: String) -> String {
        if case .failure(let error) = MetaCommand.parse(line) { return error.message }
        return "(parsed)"
    }

    func testDecodingInput() {
        XCTAssertEqual(try SourceLoader.decode(Array("let x = 1\n".utf8), name: "a").get(), "let x = 1\n")
        XCTAssertEqual(try SourceLoader.decode([0xEF, 0xBB, 0xBF] + Array("x".utf8), name: "a").get(), "x")
        XCTAssertEqual(try SourceLoader.decode(Array("é".utf8), name: "a").get(), "é")
        let bad = Array("ok\nok\n".utf8) + [0xC3, 0x28]
        guard case .failure(let error) = SourceLoader.decode(bad, name: "s.isc") else {
            return XCTFail("invalid UTF-8 was accepted")
        }
        XCTAssertEqual(error.message, "cannot read 's.isc': not UTF-8 text (invalid byte at line 3, byte offset 6)")
    }

    func testReadingMissingFileAndDirectory() {
        guard case .failure(let missing) = SourceLoader.read(path: "/nonexistent/x.isc") else {
            return XCTFail("a missing file was read")
        }
        XCTAssertEqual(missing.message, "cannot open '/nonexistent/x.isc': no such file or directory")
        guard case .failure(let directory) = SourceLoader.read(path: "/") else {
            return XCTFail("a directory was read")
        }
        XCTAssertEqual(directory.message, "cannot open '/': it is a directory, not a script")
    }

    func testRemovingColor() {
        XCTAssertEqual(TerminalOutput.removingColor("\u{1B}[1;31merror\u{1B}[0m: x"), "error: x")
        XCTAssertEqual(TerminalOutput.removingColor("plain [text] m"), "plain [text] m")
        // Only colour sequences go; another escape sequence is left as it was written.
        XCTAssertEqual(TerminalOutput.removingColor("a\u{1B}[2Kb"), "a\u{1B}[2Kb")
    }

    func testHistoryFileLocation() {
        XCTAssertEqual(HistoryFile.fromEnvironment(["INFOSCOPE_HISTORY": "/tmp/h", "HOME": "/home/u"])?.path, "/tmp/h")
        XCTAssertEqual(HistoryFile.fromEnvironment(["HOME": "/home/u"])?.path, "/home/u/.infoscope_history")
        XCTAssertNil(HistoryFile.fromEnvironment(["INFOSCOPE_HISTORY": "", "HOME": "/home/u"]))
        XCTAssertNil(HistoryFile.fromEnvironment([:]))
    }
}
