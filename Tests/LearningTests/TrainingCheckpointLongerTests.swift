import Foundation
import XCTest
@testable import Learning

/// A finished run continued with a longer last phase gives the longer run trained straight: the
/// same weights, optimizer state and every record, bit for bit; a run the saved one cannot be the
/// start of is refused, saying why.
final class TrainingCheckpointLongerTests: XCTestCase {
    /// Two phases with their own optimizers and a decaying rate (as `TrainingCheckpointTests`), the
    /// second lasting `lastEpochs` epochs.
    func configuration(lastEpochs: Int, checkpoint: String? = nil) throws -> TrainingConfiguration {
        var config = TrainingConfiguration(
            phases: [TrainingPhase(epochs: 2, data: try TrainingFixtures.blobs(count: 90, seed: 1)),
                     TrainingPhase(epochs: lastEpochs, data: try TrainingFixtures.blobs(count: 60, seed: 2),
                                   optimizer: try SGD(learningRate: 0.02, momentum: 0.9, nesterov: true))],
            optimizer: try Adam(learningRate: 0.01), schedule: .exponential(base: 0.01, factor: 0.9, unit: .epoch),
            batchSize: 30, seed: 7, evaluation: try TrainingFixtures.blobs(count: 30, seed: 3, shuffles: false))
        config.checkpoint = checkpoint.map { CheckpointSaving(path: $0) }
        return config
    }

    func testAFinishedRunContinuedToMoreEpochsEqualsTheLongerRun() throws {
        let straightModel = try TrainingFixtures.mlp(seed: 3)
        let straight = try Trainer(try configuration(lastEpochs: 3)).fit(straightModel)

        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        let model = try TrainingFixtures.mlp(seed: 3)
        let short = try Trainer(try configuration(lastEpochs: 1, checkpoint: path)).fit(model)
        XCTAssertFalse(short.interrupted)
        XCTAssertEqual(short.finalEpoch, 3)
        let longer = try Trainer(try configuration(lastEpochs: 3)).fit(
            try TrainingFixtures.mlp(seed: 42), resuming: try TrainingCheckpoint.read(path), file: path)
        XCTAssertEqual(longer.epochs, straight.epochs)
        XCTAssertEqual(longer.evaluations, straight.evaluations)
        XCTAssertEqual(longer.steps, straight.steps)
        XCTAssertEqual(longer.state, straight.state, "counters, sums and both optimizers' buffers")
    }

    func testAShorterRunThanTheSavedOneIsRefused() throws {
        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        _ = try Trainer(try configuration(lastEpochs: 3, checkpoint: path)).fit(try TrainingFixtures.mlp(seed: 3))
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertThrowsError(try Trainer(try configuration(lastEpochs: 1)).fit(try TrainingFixtures.mlp(seed: 3), resuming: saved, file: path)) {
            XCTAssertEqual("\($0)", "checkpoint '\(path)' cannot be resumed: its run has already trained 5 epochs (12 steps), past "
                + "the end of this run, whose last phase has 1 epoch; a resumed run can be made longer, not shorter than what it has trained")
        }
        // Another difference beside the length is still another run.
        var other = try configuration(lastEpochs: 4)
        other.batchSize = 15
        XCTAssertThrowsError(try Trainer(other).fit(try TrainingFixtures.mlp(seed: 3), resuming: saved, file: path)) {
            XCTAssertTrue("\($0)".contains("belongs to another run: it was saved with batch size 30"), "\($0)")
        }
    }
}
