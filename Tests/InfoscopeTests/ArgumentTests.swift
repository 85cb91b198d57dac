import XCTest
@testable import infoscope

/// The command line parsed in-process: which action each form asks for, and what is refused.
final class ArgumentTests: XCTestCase {
    private func action(_ arguments: [String]) throws -> Infoscope.Action {
        try Infoscope.parse(arguments).action()
    }

    func testBareCommandIsInteractive() throws {
        XCTAssertEqual(try action([]), .interactive)
    }

    func testFileRunsIt() throws {
        XCTAssertEqual(try action(["a.isc"]), .execute(input: .file("a.isc"), check: false))
    }

    func testDashReadsStandardInput() throws {
        XCTAssertEqual(try action(["-"]), .execute(input: .standardInput, check: false))
        XCTAssertEqual(try action(["check", "-"]), .execute(input: .standardInput, check: true))
    }

    func testSnippet() throws {
        XCTAssertEqual(try action(["-e", "1 + 1"]), .execute(input: .snippet("1 + 1"), check: false))
        XCTAssertEqual(try action(["check", "-e", "1 + 1"]), .execute(input: .snippet("1 + 1"), check: true))
    }

    func testCheckTakesOptionsOnEitherSide() throws {
        let before = try Infoscope.parse(["--seed", "7", "check", "a.isc"])
        let after = try Infoscope.parse(["check", "a.isc", "--seed", "7", "--quiet"])
        XCTAssertEqual(try before.action(), .execute(input: .file("a.isc"), check: true))
        XCTAssertEqual(try after.action(), .execute(input: .file("a.isc"), check: true))
        XCTAssertEqual(before.options.seed, 7)
        XCTAssertEqual(after.options.seed, 7)
        XCTAssertTrue(after.options.quiet)
    }

    func testScriptNamedCheckNeedsAPath() throws {
        XCTAssertEqual(try action(["./check"]), .execute(input: .file("./check"), check: false))
    }

    func testOptionsReachTheInterpreter() throws {
        let command = try Infoscope.parse(["--seed", "18446744073709551615", "--threads", "3", "--quiet",
                                           "--color", "on", "a.isc"])
        let options = command.options.interpreterOptions(environment: [:])
        XCTAssertEqual(options.seed, UInt64.max)
        XCTAssertEqual(options.threads, 3)
        XCTAssertTrue(options.quiet)
        XCTAssertTrue(options.color)
    }

    func testDefaults() throws {
        let options = try Infoscope.parse([]).options.interpreterOptions(environment: [:])
        XCTAssertEqual(options.seed, 0)
        XCTAssertNil(options.threads)
        XCTAssertFalse(options.quiet)
    }

    func testRefusals() {
        let refused: [[String]] = [
            ["--seed", "abc"], ["--seed", "-1"], ["--seed", "18446744073709551616"], ["--seed"],
            ["--threads", "0"], ["--threads", "1025"], ["--threads", "two"],
            ["--color", "sometimes"], ["--bogus"], ["-x"],
            ["a.isc", "b.isc"], ["check"], ["check", "a.isc", "b.isc"], ["a.isc", "-e", "1"],
        ]
        for arguments in refused {
            XCTAssertThrowsError(try action(arguments), "\(arguments)")
        }
    }

    func testColorModes() {
        XCTAssertTrue(ColorMode.on.colors(descriptor: -1, environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(ColorMode.off.colors(descriptor: -1, environment: [:]))
        // Descriptor -1 is no terminal, so automatic colour is off whatever NO_COLOR says.
        XCTAssertFalse(ColorMode.auto.colors(descriptor: -1, environment: [:]))
    }
}
