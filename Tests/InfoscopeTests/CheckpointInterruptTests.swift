import XCTest

/// Ctrl-C during training: the checkpoint written when the run stops lets a later run resume and
/// end with exactly the numbers of a run that was never stopped, wherever the stop fell.
final class CheckpointInterruptTests: XCTestCase {
    /// Long enough that a Ctrl-C sent after the first epoch's progress lands mid-run; the last
    /// line prints every final weight so the comparison is exact.
    func script(_ argument: String) -> String {
        """
        let data = moons(2000, seed: 0)
        network m { input [2]; dense(32) relu; dense(2) }
        let net = m()
        print "training"
        let run = train(net, on: data, epochs: 120, batch: 20, seed: 3\(argument))
        print run.epochs, run.steps, run.loss.last
        print net.layers[0].weight, net.layers[2].bias
        """
    }

    func testInterruptedRunResumesToTheUninterruptedNumbers() throws {
        let scratch = try ScratchDirectory()
        let checkpoint = scratch.path + "/run.ckpt"
        let straight = try InfoscopeProcess.run(["--quiet", try scratch.write("straight.isc", script(""))])
        XCTAssertEqual(straight.status, 0, straight.standardError)

        let session = try TerminalSession([try scratch.write("stopped.isc", script(", checkpoint: \"\(checkpoint)\""))])
        try session.expect("epoch 2/120")
        session.send("\u{3}")
        try session.expect("stopped after epoch")
        XCTAssertEqual(try session.waitForExit(), 130)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint), "written when stopped")

        let resumed = try InfoscopeProcess.run(["--quiet", "--seed", "9",
                                                try scratch.write("resumed.isc", script(", resume: \"\(checkpoint)\""))])
        XCTAssertEqual(resumed.status, 0, resumed.standardError)
        XCTAssertEqual(resumed.standardOutput, straight.standardOutput)
        XCTAssertTrue(straight.standardOutput.hasPrefix("training\n120 12000 "), straight.standardOutput)
    }
}
