import Foundation
import XCTest

/// `mpirun -np N infoscope script.isc`: N ranks run one script (docs/distributed.md). These tests
/// need the build with the MPI trait (`MPILauncher`).
final class MPIJobTests: XCTestCase {
    /// Training with dropout, batch norm, evaluation, a Fisher probe and a checkpoint; the weights
    /// are saved so two runs can be compared byte for byte.
    static func trainingScript(_ directory: String, replicas: Int? = nil, epochs: Int = 2) -> String {
        """
        let data = glyphs(600, seed: 0) |> normalize
        let test = glyphs(200, seed: 1) |> normalize(like: data)
        network mlp {
            input [1, 28, 28]
            flatten
            dense(32) batchnorm relu
            dropout(0.1)
            dense(10)
        }
        let net = mlp()
        probe fisher = fisher_trace(on: test, samples: 50, seed: 0)
        let run = train(net, on: data, eval: test, epochs: \(epochs), batch: 50, seed: 3, probes: [fisher],
                        checkpoint: "\(directory)/run.ckpt"\(replicas.map { ", replicas: \($0)" } ?? ""))
        print run.steps, run.loss.last, run.eval_accuracy.last
        save(net, "\(directory)/weights.safetensors")
        print evaluate(net, test).loss
        print run.fisher.last
        """
    }

    func weights(_ directory: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory + "/weights.safetensors"))
    }

    func testTwoRanksTrainTheWeightsOfOneProcessWithTwoReplicasBitForBit() throws {
        try assertRanksMatchReplicas(2)
    }

    func testThreeRanksTrainTheWeightsOfOneProcessWithThreeReplicasBitForBit() throws {
        try assertRanksMatchReplicas(3)
    }

    /// Two replicas on each rank: each rank sends both, and the sum keeps the replica order.
    func testTwoRanksOfTwoReplicasEachTrainTheWeightsOfOneProcessWithFour() throws {
        try assertRanksMatchReplicas(2, replicas: 4)
    }

    func assertRanksMatchReplicas(_ ranks: Int, replicas: Int? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let one = try ScratchDirectory(), many = try ScratchDirectory()
        let single = try MPILauncher.alone(["--quiet", try one.write("t.isc", Self.trainingScript(one.path, replicas: replicas ?? ranks))])
        XCTAssertEqual(single.status, 0, single.standardError, file: file, line: line)
        let job = try MPILauncher.run(ranks, ["--quiet", try many.write("t.isc", Self.trainingScript(many.path, replicas: replicas))])
        XCTAssertEqual(job.status, 0, job.standardError, file: file, line: line)
        // The training numbers are the same bits; the recorded Fisher probe splits its inputs over
        // the ranks and so agrees to float rounding (MPIProbeTests).
        let (jobLines, singleLines) = (job.standardOutput.split(separator: "\n"), single.standardOutput.split(separator: "\n"))
        XCTAssertEqual(jobLines.count, 3, job.standardOutput, file: file, line: line)
        XCTAssertEqual(jobLines.prefix(2), singleLines.prefix(2), "rank 0 alone prints, the same numbers", file: file, line: line)
        let (fisher, reference) = (Double(jobLines.last ?? "") ?? .nan, Double(singleLines.last ?? "") ?? .nan)
        XCTAssertEqual(fisher, reference, accuracy: 1e-5 * reference, file: file, line: line)
        XCTAssertEqual(try weights(many.path), try weights(one.path), file: file, line: line)
        XCTAssertTrue(single.standardOutput.hasPrefix("24 "), single.standardOutput, file: file, line: line)
    }

    func testTheMPIBuildAloneRunsLikeThePlainBuild() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("t.isc", Self.trainingScript(scratch.path))
        let mpiBuild = try MPILauncher.alone(["--quiet", path])
        let plain = try InfoscopeProcess.run(["--quiet", path])
        XCTAssertEqual(mpiBuild.status, 0, mpiBuild.standardError)
        XCTAssertEqual(mpiBuild.standardOutput, plain.standardOutput)
        XCTAssertTrue(try MPILauncher.alone(["--version"]).standardOutput.contains("MPI: Open MPI"))
    }

    func testAnErrorIsReportedOnceByRankZero() throws {
        let scratch = try ScratchDirectory()
        let result = try MPILauncher.run(2, [try scratch.write("e.isc", "let xs = [1, 2]\nprint 1\nprint xs[5]\n")])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.standardOutput, "1\n", "printed once, by rank 0")
        XCTAssertEqual(result.standardError.components(separatedBy: "e.isc:3:").count, 2, result.standardError)
    }

    func testStandardInputAndTheKernelAreRefusedUnderMpirun() throws {
        let stdin = try MPILauncher.run(2, ["-"])
        XCTAssertEqual(stdin.status != 0, true)
        XCTAssertTrue(stdin.standardError.contains("under mpirun a script must be a file"), stdin.standardError)
        let kernel = try MPILauncher.run(2, ["--kernel"])
        XCTAssertTrue(kernel.standardError.contains("the REPL and the kernel run as one process"), kernel.standardError)
    }

    /// Replicas that the ranks cannot share evenly are refused at the argument.
    func testReplicasMustBeAMultipleOfTheRanks() throws {
        let scratch = try ScratchDirectory()
        let result = try MPILauncher.run(2, ["--quiet", try scratch.write("t.isc", Self.trainingScript(scratch.path, replicas: 3))])
        XCTAssertTrue(result.standardError.contains("replicas: 3 is not a multiple of the 2 ranks"), result.standardError)
    }

    /// check under mpirun prices one rank's share and says what it sends.
    func testCheckUnderMpirunGivesOneRanksCostAndItsTraffic() throws {
        let scratch = try ScratchDirectory()
        let result = try MPILauncher.run(2, ["check", try scratch.write("t.isc", Self.trainingScript(scratch.path))])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("one rank of 2: 2 replicas of about 25 rows"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("sent and as much received per step"), result.standardOutput)
        XCTAssertEqual(result.standardOutput.components(separatedBy: "estimated cost").count, 2, "printed once")
    }
}
