import Foundation
@testable import Language
import XCTest

/// Every script of `CheckCorpus/` fails when run without the checks made before running, and
/// `check` refuses it with the same message: what the text reveals, `check` finds.
final class CheckCorpusTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("CheckCorpus").path

    /// The first `error:` message of `text`, without its place.
    func firstError(_ text: String) -> String? {
        text.split(separator: "\n").first { $0.contains(": error: ") }
            .map { String($0[$0.range(of: ": error: ")!.upperBound...]) }
    }

    func testCheckRefusesEachScriptWithTheMessageTheRunGives() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".isc") }.sorted()
        XCTAssertGreaterThanOrEqual(scripts.count, 8)
        for script in scripts {
            let path = Self.folder + "/" + script
            let source = try String(contentsOfFile: path, encoding: .utf8)
            var options = InterpreterOptions()
            options.quiet = true
            let runSink = CaptureSink()
            let runner = Interpreter(options: options, output: runSink)
            runner.checksArgumentsBeforeRunning = false
            XCTAssertEqual(runner.run(source: source, path: path), .runtimeError, "\(script): \(runSink.standardError)")
            let checkSink = CaptureSink()
            XCTAssertEqual(Interpreter(options: options, output: checkSink).check(source: source, path: path), .compileError,
                           "\(script): check passed it: \(checkSink.standardOutput)")
            let ran = try XCTUnwrap(firstError(runSink.standardError), script)
            XCTAssertEqual(firstError(checkSink.standardError), ran, script)
        }
    }

    /// A file the script makes before reading it, or reads only when it exists, is not refused:
    /// the text cannot tell it will be missing.
    func testFilesTheScriptMayMakeAreNotRefused() throws {
        let folder = NSTemporaryDirectory() + "corpus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = """
            network m { input [2]; dense(2) }
            let net = m()
            save(net, "\(folder)/a.ckpt")
            load(net, "\(folder)/a.ckpt")
            if file_exists("\(folder)/b.ckpt") { load(net, "\(folder)/b.ckpt") }
            fn restore(n) { load(n, "\(folder)/c.ckpt") }

            """
        let sink = CaptureSink()
        XCTAssertEqual(Interpreter(options: InterpreterOptions(), output: sink).check(source: source, path: "c.isc"), .success,
                       sink.standardError)
        let (outcome, run) = runScript(source)
        XCTAssertEqual(outcome, .success, run.standardError)
    }
}
