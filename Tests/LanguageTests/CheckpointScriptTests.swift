import Foundation
import Language
import XCTest

/// Checkpoint files written and resumed by scripts, damaged between the two; and the scratch
/// directory scripts write them to.
final class CheckpointScriptTests: XCTestCase {
    func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func script(_ path: String, resume: Bool) -> String {
        """
        network m { input [2]; dense(2) }
        let run = train(m(), on: moons(60, seed: 0), epochs: 2, batch: 20, seed: 3, \(resume ? "resume" : "checkpoint"): "\(path)")
        print run.steps
        """
    }

    func testADamagedCheckpointIsRefusedNamingTheFile() throws {
        let path = try directory() + "/run.ckpt"
        let (written, sink) = runScript(script(path, resume: false))
        XCTAssertEqual(written, .success, sink.standardError)
        let (resumed, again) = runScript(script(path, resume: true))
        XCTAssertEqual(resumed, .success, again.standardError)
        XCTAssertEqual(again.standardOutput, "6\n", "a finished run resumes to its end")

        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 40] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let (outcome, damaged) = runScript(script(path, resume: true), path: "resume.isc")
        XCTAssertEqual(outcome, .runtimeError)
        XCTAssertTrue(damaged.standardError.hasPrefix("resume.isc:2:"), damaged.standardError)
        XCTAssertTrue(damaged.standardError.contains("error: checkpoint file '\(path)': checksum mismatch"), damaged.standardError)

        try Data(bytes.prefix(100)).write(to: URL(fileURLWithPath: path))
        let (_, truncated) = runScript(script(path, resume: true))
        XCTAssertTrue(truncated.standardError.contains("checkpoint file '\(path)': truncated"), truncated.standardError)
    }

    func testEachRunHasItsOwnScratchDirectoryRemovedAtTheEnd() throws {
        let source = "let d = temp_dir()\nprint d == temp_dir()\nprint d\n"
        let (first, one) = runScript(source)
        let (_, two) = runScript(source)
        XCTAssertEqual(first, .success, one.standardError)
        let a = one.standardOutput.split(separator: "\n").map(String.init)
        let b = two.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(a.first, "true", "one directory for the whole run")
        XCTAssertNotEqual(a.last, b.last, "runs side by side never share it")
        XCTAssertTrue(a.last?.contains("/infoscope-") ?? false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: a.last ?? ""), "removed when the run ends")
    }
}
