import Foundation
import Language
import Learning
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

    /// One input (twice: two steps an epoch) on which a single relu unit starts on and is pushed
    /// off by training at step 8: the activation probe then finds Σ_z singular and fails, unless
    /// given epsilon. Checkpoints every step, so the last good one is mid-epoch.
    func failingProbeScript(_ path: String, _ call: String, epsilon: Bool) -> String {
        """
        let d = dataset(x: [[1, 1], [1, 1]], y: [0, 0])
        network n { input [2]; dense(1) relu; dense(2) }
        fn fresh() {
            var net = n()
            net.layers[0].weight = [[1, 1]]
            net.layers[0].bias = [0]
            net.layers[2].weight = [[-1], [1]]
            return net
        }
        schedule s { optimizer sgd(lr: 0.1); batch 1 }
        schedule first7 { optimizer sgd(lr: 0.1); batch 1; phase 7 steps on d }
        fn act(eps) { return activation_information(d, layer: "dense1", beta: 0.1, fisher: 1, epsilon: eps) }
        let ref = train(fresh(), with: first7, probes: [act(0)], every: "step", seed: 0)
        let run = train(\(call), on: d, with: s, epochs: 5, probes: [act(\(epsilon ? "1e-6" : "0"))], every: "step", seed: 0, \
        checkpoint: "\(path)", checkpoint_every: "step"\(epsilon ? ", resume: \"\(path)\"" : ""))
        print run.steps, len(run.activation_information)
        print map(range(8), fn(i) => run.activation_information[i]) == ref.activation_information
        """
    }

    func testAProbeFailingMidRunLeavesAResumableCheckpoint() throws {
        let path = try directory() + "/run.ckpt"
        let (failed, sink) = runScript(failingProbeScript(path, "fresh()", epsilon: false), path: "probe.isc")
        XCTAssertEqual(failed, .runtimeError)
        XCTAssertTrue(sink.standardError.hasPrefix("probe.isc:14:"), sink.standardError)
        XCTAssertTrue(sink.standardError.contains(
            "error: probe 'activation_information' failed at step 8 (epoch 4): 'activation_information': the covariance Σ_z of dense1"),
                      sink.standardError)
        XCTAssertTrue(sink.standardError.contains(
            "; the checkpoint '\(path)' holds the run up to step 7 (3 epochs completed) and can be resumed"), sink.standardError)
        XCTAssertTrue(sink.standardError.contains("note: train(..., resume: \"\(path)\") continues from it"), sink.standardError)
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual([saved.state.step, saved.state.batch], [7, 1], "a step checkpoint inside epoch 4")

        // The probe mended (epsilon > 0) under the same name: the run continues from step 7, its
        // series keeps the 8 values measured before the failure.
        let (resumed, rest) = runScript(failingProbeScript(path, "n()", epsilon: true))
        XCTAssertEqual(resumed, .success, rest.standardError)
        XCTAssertEqual(rest.standardOutput, "10 11\ntrue\n")
    }

    func testCheckKnowsCheckpointEveryAndRefusesAMisspelling() {
        func check(_ label: String) -> (RunOutcome, CaptureSink) {
            let sink = CaptureSink()
            let source = "network m { input [2]; dense(2) }\n"
                + "train(m(), on: moons(40, seed: 0), checkpoint: \"run.ckpt\", \(label): \"50 steps\")\n"
            return (Interpreter(options: InterpreterOptions(), output: sink).check(source: source, path: "c.isc"), sink)
        }
        let (known, ok) = check("checkpoint_every")
        XCTAssertEqual(known, .success, ok.standardError)
        let (misspelled, sink) = check("checkpoint_evry")
        XCTAssertEqual(misspelled, .compileError)
        XCTAssertTrue(sink.standardError.contains("c.isc:2:"), sink.standardError)
        XCTAssertTrue(sink.standardError.contains("checkpoint_evry"), sink.standardError)
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
