import Language
import TensorKernels
import XCTest
@testable import infoscope

/// `infoscope` run as a subprocess: what each form of the command line prints and exits with.
final class CommandLineTests: XCTestCase {
    private let usageLine = "Usage: infoscope"

    /// `infoscope help NAME` prints what `:help NAME` prints; an unknown name is a usage error.
    func testHelpFromTheShell() throws {
        let known = try InfoscopeProcess.run(["help", "moons"])
        XCTAssertEqual(known.status, 0, known.standardError)
        XCTAssertTrue(known.standardOutput.hasPrefix("moons(n, noise: 0.1, seed: none)\n"), known.standardOutput)
        let overview = try InfoscopeProcess.run(["help"])
        XCTAssertEqual(overview.status, 0)
        XCTAssertTrue(overview.standardOutput.contains("Builtins"), overview.standardOutput)
        let unknown = try InfoscopeProcess.run(["help", "mons"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.standardError.contains("no help on 'mons'; 'infoscope help' lists the topics"), unknown.standardError)
        let two = try InfoscopeProcess.run(["help", "a", "b"])
        XCTAssertEqual(two.status, 64)
        XCTAssertTrue(two.standardError.contains("'help' takes one name at most"), two.standardError)
    }

    func testVersion() throws {
        let result = try InfoscopeProcess.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.standardOutput.hasPrefix("infoscope \(infoscopeVersion)\n\(KernelPath.description)\nMPI: "),
                      result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("cpu: \(CPUModel.name); kernels: \(KernelPath.best().rawValue)"))
        XCTAssertEqual(result.standardError, "")
    }

    func testVersionNamesAForcedKernelPathAndAnUnusableOneIsRefused() throws {
        let portable = try InfoscopeProcess.run(["--version"], environment: ["INFOSCOPE_KERNELS": "portable"])
        XCTAssertEqual(portable.status, 0)
        XCTAssertTrue(portable.standardOutput.contains("; kernels: portable\n"), portable.standardOutput)
        let unknown = try InfoscopeProcess.run(["-e", "print 1"], environment: ["INFOSCOPE_KERNELS": "sse9"])
        XCTAssertEqual(unknown.status, 70)
        XCTAssertTrue(unknown.standardError.contains("INFOSCOPE_KERNELS=sse9 is not a kernel path"), unknown.standardError)
        if let missing = KernelPath.allCases.first(where: { !$0.runs(on: .current()) }) {
            let refused = try InfoscopeProcess.run(["-e", "print 1"], environment: ["INFOSCOPE_KERNELS": missing.rawValue])
            XCTAssertEqual(refused.status, 70)
            XCTAssertTrue(refused.standardError.contains("this CPU"), refused.standardError)
        }
    }

    func testHelpListsEveryFormAndOption() throws {
        for flag in ["--help", "-h"] {
            let result = try InfoscopeProcess.run([flag])
            XCTAssertEqual(result.status, 0)
            for expected in ["infoscope check", "-e <code>", "--seed", "--threads", "--quiet", "--color",
                             "--version", "64 usage error", "66 cannot open input", "130 interrupted"] {
                XCTAssertTrue(result.standardOutput.contains(expected),
                              "help lacks \(expected):\n\(result.standardOutput)")
            }
        }
    }

    func testUsageErrorsExit64WithMessageOnStandardError() throws {
        let cases: [([String], String)] = [
            (["--bogus"], "Unknown option '--bogus'"),
            (["--seed", "abc", "-e", "1"], "The value 'abc' is invalid for '--seed <n>'"),
            (["--seed", "-3", "-e", "1"],
             "The value '-3' is invalid for '--seed <n>': seeds are whole numbers from 0 to 18446744073709551615 (never negative)"),
            (["--seed", "99999999999999999999", "-e", "1"], "is invalid for '--seed <n>'"),
            (["--seed"], "Missing value for '--seed <n>'"),
            (["--threads", "0", "-e", "1"], "The value '0' is invalid for '--threads <n>': thread counts are whole numbers from 1 to 1024"),
            (["--threads", "-2", "-e", "1"], "The value '-2' is invalid for '--threads <n>'"),
            (["--color", "sometimes", "-e", "1"], "'auto', 'on' or 'off'"),
            (["a.isc", "b.isc"], "unexpected argument 'b.isc'"),
            (["a.isc", "-e", "1"], "give either a script file or -e <code>, not both"),
            (["check"], "'check' needs a script"),
            (["-e"], "Missing value for '-e <code>'"),
        ]
        for (arguments, message) in cases {
            let result = try InfoscopeProcess.run(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertTrue(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains(usageLine), "\(arguments): \(result.standardError)")
            XCTAssertEqual(result.standardOutput, "", "\(arguments)")
        }
    }

    func testUnopenableInputsExit66NamingThePath() throws {
        let scratch = try ScratchDirectory()
        let invalid = try scratch.write("latin1.isc", bytes: Array("print 1\n# caf".utf8) + [0xE9, 0x0A])
        let unreadable = try scratch.write("secret.isc", "print 1\n")
        chmod(unreadable, 0)
        let missing = scratch.path + "/missing.isc"
        var cases: [([String], String)] = [
            ([missing], "cannot open '\(missing)': no such file or directory"),
            (["check", missing], "cannot open '\(missing)': no such file or directory"),
            ([scratch.path], "cannot open '\(scratch.path)': it is a directory, not a script"),
            (["check", scratch.path], "cannot open '\(scratch.path)': it is a directory, not a script"),
            ([invalid], "cannot read '\(invalid)': not UTF-8 text (invalid byte at line 2, byte offset 13)"),
        ]
        // Root reads any file, so the permission case only means something for other users.
        if geteuid() != 0 {
            cases.append(([unreadable], "cannot open '\(unreadable)': permission denied"))
        }
        for (arguments, message) in cases {
            let result = try InfoscopeProcess.run(arguments)
            XCTAssertEqual(result.status, 66, "\(arguments)")
            XCTAssertEqual(result.standardError, "infoscope: error: \(message)\n", "\(arguments)")
        }
    }

    func testInvalidUTF8OnStandardInputExits66() throws {
        for arguments in [[], ["-"], ["check", "-"]] {
            let result = try InfoscopeProcess.run(arguments, bytes: [0x70, 0x0A, 0xFF, 0xFE])
            XCTAssertEqual(result.status, 66, "\(arguments)")
            XCTAssertEqual(result.standardError, "infoscope: error: cannot read '<stdin>': "
                           + "not UTF-8 text (invalid byte at line 2, byte offset 2)\n")
        }
    }
}
