import Foundation
import XCTest
import TensorRuntime
@testable import Learning

/// Resuming from checkpoint files: bit-identical continuation, and refusal of files that belong to
/// another run, another model, or are damaged.
final class TrainingCheckpointTests: XCTestCase {
    typealias S = LayerTestSupport

    /// Two phases (Adam on one data set, Nesterov SGD on another) with a decaying rate, 30 rows
    /// per batch, so the checkpoint carries two optimizers' buffers and a schedule position.
    func configuration(batchSize: Int = 30, firstEpochs: Int = 3, checkpoint: String? = nil) throws -> TrainingConfiguration {
        var config = TrainingConfiguration(
            phases: [TrainingPhase(epochs: firstEpochs, data: try TrainingFixtures.blobs(count: 90, seed: 1)),
                     TrainingPhase(epochs: 1, data: try TrainingFixtures.blobs(count: 60, seed: 2),
                                   optimizer: try SGD(learningRate: 0.02, momentum: 0.9, nesterov: true))],
            optimizer: try Adam(learningRate: 0.01), schedule: .exponential(base: 0.01, factor: 0.9, unit: .epoch),
            batchSize: batchSize, seed: 7, evaluation: try TrainingFixtures.blobs(count: 30, seed: 3, shuffles: false))
        config.checkpoint = checkpoint.map { CheckpointSaving(path: $0) }
        return config
    }

    /// Trains until `epochs` epochs are done, saving a checkpoint after every epoch.
    func partialRun(_ path: String, epochs: Int) throws -> Run {
        let model = try TrainingFixtures.mlp(seed: 3)
        var done = 0
        return try Trainer(try configuration(checkpoint: path)).fit(
            model, progress: { if $0.kind == .epoch { done = $0.epoch } }, shouldStop: { done >= epochs })
    }

    func testResumingFromTheFileMatchesTheUninterruptedRunBitForBit() throws {
        let straightModel = try TrainingFixtures.mlp(seed: 3)
        let straight = try Trainer(try configuration()).fit(straightModel)

        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        let partial = try partialRun(path, epochs: 2)
        XCTAssertTrue(partial.interrupted)
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual(saved.state.epoch, 2)
        XCTAssertEqual(saved.epochs, Array(straight.epochs.prefix(2)))

        // Another initialisation: every weight must come from the file.
        let model = try TrainingFixtures.mlp(seed: 99)
        let resumed = try Trainer(try configuration(checkpoint: path)).fit(model, resuming: saved, file: path)
        XCTAssertEqual(TrainingFixtures.bits(model), TrainingFixtures.bits(straightModel))
        XCTAssertEqual(resumed.epochs, straight.epochs, "the history includes the saved epochs")
        XCTAssertEqual(resumed.evaluations, straight.evaluations)
        XCTAssertEqual(resumed.state, straight.state)
        // The end of the run was written too, and resuming a finished run trains nothing more.
        let final = try TrainingCheckpoint.read(path)
        XCTAssertEqual(final.state, straight.state)
        let again = try Trainer(try configuration()).fit(try TrainingFixtures.mlp(seed: 5), resuming: final, file: path)
        XCTAssertEqual(again.epochs, straight.epochs)
        XCTAssertEqual(again.finalStep, straight.finalStep)
    }

    func testStepIntervalCheckpointResumesMidEpoch() throws {
        let straightModel = try TrainingFixtures.mlp(seed: 3)
        _ = try Trainer(try configuration()).fit(straightModel)

        let path = try TestFiles.temporaryDirectory(self) + "/steps.ckpt"
        var config = try configuration(checkpoint: path)
        config.checkpoint?.every = .steps(4)
        var steps = 0
        _ = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3), progress: { if $0.kind == .step { steps = $0.step } },
                                    shouldStop: { steps >= 5 })
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual(saved.state.step, 5, "written when interrupted after step 5")
        XCTAssertEqual(saved.state.batch, 2, "3 batches per epoch: inside the second epoch")
        let model = try TrainingFixtures.mlp(seed: 11)
        _ = try Trainer(try configuration()).fit(model, resuming: saved, file: path)
        XCTAssertEqual(TrainingFixtures.bits(model), TrainingFixtures.bits(straightModel))
    }

    func testAnotherRunsCheckpointIsRefusedNamingTheFileAndTheSetting() throws {
        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        _ = try partialRun(path, epochs: 1)
        let saved = try TrainingCheckpoint.read(path)
        let model = try TrainingFixtures.mlp(seed: 3)

        let batch = S.errorMessage { _ = try Trainer(try configuration(batchSize: 15)).fit(model, resuming: saved, file: path) }
        XCTAssertEqual(batch, "checkpoint '\(path)' belongs to another run: it was saved with batch size 30, "
                       + "but this run has batch size 15")
        let phases = S.errorMessage { _ = try Trainer(try configuration(firstEpochs: 4)).fit(model, resuming: saved, file: path) }
        XCTAssertTrue(phases.contains("phase 1 3 epochs on 90 samples, but this run has phase 1 4 epochs"), phases)
        var seeded = try configuration()
        seeded.seed = 8
        XCTAssertTrue(S.errorMessage { _ = try Trainer(seeded).fit(model, resuming: saved, file: path) }
            .contains("saved with seed 7, but this run has seed 8"))

        let wide = try TrainingFixtures.mlp(seed: 3, hidden: 8)
        let before = TrainingFixtures.bits(wide)
        let shape = S.errorMessage { _ = try Trainer(try configuration()).fit(wide, resuming: saved, file: path) }
        XCTAssertEqual(shape, "'\(path)' does not match the network: '0.weight' has shape [2, 16] in the file, "
                       + "the network has [2, 8]")
        XCTAssertEqual(TrainingFixtures.bits(wide), before, "nothing assigned from a mismatched file")
    }

    func testDamagedOrWeightsOnlyFilesAreRefused() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let path = directory + "/run.ckpt"
        _ = try partialRun(path, epochs: 1)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        let corrupt = try TestFiles.write(bytes, directory, "corrupt.ckpt")
        let message = S.errorMessage { _ = try TrainingCheckpoint.read(corrupt) }
        XCTAssertTrue(message.hasPrefix("checkpoint file '\(corrupt)': checksum mismatch"), message)

        let weightsOnly = directory + "/weights.ckpt"
        try Checkpoint(tensors: try TrainingCheckpoint.read(path).network).write(to: weightsOnly)
        XCTAssertEqual(S.errorMessage { _ = try TrainingCheckpoint.read(weightsOnly) },
                       "checkpoint '\(weightsOnly)' cannot be resumed: it holds weights only, no training state "
                       + "(it was written by save, not by a training run)")

        // A well-formed file whose state lacks an entry names the entry.
        var file = try Checkpoint.read(path)
        file.sections[TrainingCheckpoint.valueSection] = try Checkpoint.valueSection(
            integers: ["trainer.step": 3, "trainer.format_version": TrainingCheckpoint.formatVersion])
        let incomplete = directory + "/incomplete.ckpt"
        try file.write(to: incomplete)
        XCTAssertEqual(S.errorMessage { _ = try TrainingCheckpoint.read(incomplete) },
                       "checkpoint '\(incomplete)' cannot be resumed: training state: missing state entry 'trainer.epoch'")
    }
}
