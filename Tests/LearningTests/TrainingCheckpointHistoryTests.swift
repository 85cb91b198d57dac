import Foundation
import XCTest
import TensorRuntime
@testable import Learning

/// A resumed run's whole history (epoch, evaluation and step records, every probe series) equals
/// the uninterrupted run's; other evaluation data is refused; a probe or evaluation failing
/// mid-run leaves the last good checkpoint on disk and says so.
final class TrainingCheckpointHistoryTests: XCTestCase {
    typealias S = LayerTestSupport
    static let seriesPointBytes = TrainingCheckpoint.seriesPointBytes

    struct Broken: Error, CustomStringConvertible {
        var description: String { "the probe broke" }
    }

    /// The sum of squares of every weight: a number that changes with every step.
    static func squares(_ model: any TrainableModel) -> Double {
        model.parameters.reduce(0) { sum, p in sum + p.value.scalars.reduce(0) { $0 + Double($1) * Double($1) } }
    }

    /// An epoch probe with two keys measured at the start too, and a step probe every 2 steps
    /// that throws at step `failingAt`.
    static func probes(failingAt: Int? = nil) -> [TrainingProbe] {
        [TrainingProbe(name: "norm", every: .epochs(1), atStart: true) { context in
            ["": squares(context.model), "first": Double(context.model.parameters[0].value.scalars[0])]
         },
         TrainingProbe(name: "pulse", every: .steps(2)) { context in
            if context.step == failingAt { throw Broken() }
            return squares(context.model) * Double(context.step)
         }]
    }

    /// Two phases (3 + 1 epochs of 3 batches, then 2 batches), Adam then SGD, evaluation every
    /// epoch, the probes above.
    func configuration(checkpoint: String? = nil, every: TrainingInterval = .epochs(1), evaluationCount: Int = 30,
                       failingAt: Int? = nil) throws -> TrainingConfiguration {
        var config = TrainingConfiguration(
            phases: [TrainingPhase(epochs: 3, data: try TrainingFixtures.blobs(count: 90, seed: 1)),
                     TrainingPhase(epochs: 1, data: try TrainingFixtures.blobs(count: 60, seed: 2),
                                   optimizer: try SGD(learningRate: 0.02, momentum: 0.9))],
            optimizer: try Adam(learningRate: 0.01), schedule: .exponential(base: 0.01, factor: 0.9, unit: .epoch),
            batchSize: 30, seed: 7,
            evaluation: try TrainingFixtures.blobs(count: evaluationCount, seed: 3, shuffles: false),
            probes: Self.probes(failingAt: failingAt))
        config.checkpoint = checkpoint.map { CheckpointSaving(path: $0, every: every) }
        return config
    }

    func assertSameHistory(_ resumed: Run, _ straight: Run, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(resumed.epochs, straight.epochs, file: file, line: line)
        XCTAssertEqual(resumed.evaluations, straight.evaluations, file: file, line: line)
        XCTAssertEqual(resumed.steps, straight.steps, file: file, line: line)
        XCTAssertEqual(resumed.probes, straight.probes, file: file, line: line)
        XCTAssertEqual(resumed.state, straight.state, file: file, line: line)
    }

    /// Trains with a checkpoint at `every` until `shouldStop` says so after `counter` reaches `limit`.
    func stoppedRun(_ path: String, every: TrainingInterval, stepLimit: Int) throws -> Run {
        var steps = 0
        return try Trainer(try configuration(checkpoint: path, every: every)).fit(
            try TrainingFixtures.mlp(seed: 3), progress: { if $0.kind == .step { steps = $0.step } },
            shouldStop: { steps >= stepLimit })
    }

    func testEpochCheckpointResumesTheWholeHistory() throws {
        let straight = try Trainer(try configuration()).fit(try TrainingFixtures.mlp(seed: 3))
        XCTAssertEqual(straight.steps.count, 11)
        XCTAssertEqual(straight.probes["pulse"]?.count, 5)
        XCTAssertEqual(straight.probes["norm.first"]?.count, 5, "at the start and after 4 epochs")

        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        let partial = try stoppedRun(path, every: .epochs(1), stepLimit: 6)
        XCTAssertTrue(partial.interrupted)
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual(saved.state.epoch, 2)
        XCTAssertEqual(saved.steps, Array(straight.steps.prefix(6)))
        // Each epoch's training time is recorded and read back as written (timing is not part of
        // a record's equality: a resumed run equals the uninterrupted one).
        XCTAssertEqual(saved.epochs.map(\.seconds), partial.epochs.prefix(2).map(\.seconds))
        XCTAssertTrue(straight.epochs.allSatisfy { ($0.seconds ?? -1) >= 0 }, "\(straight.epochs.map(\.seconds))")
        XCTAssertEqual(saved.probes["pulse"]?.map(\.step), [2, 4, 6])

        let resumed = try Trainer(try configuration(checkpoint: path)).fit(
            try TrainingFixtures.mlp(seed: 99), resuming: saved, file: path)
        assertSameHistory(resumed, straight)
        // The file written at the end holds the whole history too.
        let final = try TrainingCheckpoint.read(path)
        XCTAssertEqual(final.steps, straight.steps)
        XCTAssertEqual(final.probes, straight.probes)
    }

    func testStepCheckpointResumesTheWholeHistoryMidEpoch() throws {
        let straight = try Trainer(try configuration()).fit(try TrainingFixtures.mlp(seed: 3))
        let path = try TestFiles.temporaryDirectory(self) + "/steps.ckpt"
        // Stopped after step 5 (inside epoch 2, after the step-4 checkpoint); the stop writes step 5.
        _ = try stoppedRun(path, every: .steps(4), stepLimit: 5)
        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual(saved.state.step, 5)
        XCTAssertEqual(saved.state.batch, 2)
        let resumed = try Trainer(try configuration()).fit(try TrainingFixtures.mlp(seed: 11), resuming: saved, file: path)
        assertSameHistory(resumed, straight)
    }

    func testOtherEvaluationDataIsRefusedByName() throws {
        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        _ = try stoppedRun(path, every: .epochs(1), stepLimit: 3)
        let saved = try TrainingCheckpoint.read(path)
        let model = try TrainingFixtures.mlp(seed: 3)
        let other = S.errorMessage {
            _ = try Trainer(try configuration(evaluationCount: 45)).fit(model, resuming: saved, file: path)
        }
        XCTAssertEqual(other, "checkpoint '\(path)' belongs to another run: it was saved with evaluation data 30 samples "
                       + "every epoch, batches of 1000, but this run has evaluation data 45 samples every epoch, batches of 1000")
        var none = try configuration()
        none.evaluation = nil
        XCTAssertTrue(S.errorMessage { _ = try Trainer(none).fit(model, resuming: saved, file: path) }
            .hasSuffix("but this run has evaluation data none"))
        var fewerProbes = try configuration()
        fewerProbes.probes.removeLast()
        XCTAssertTrue(S.errorMessage { _ = try Trainer(fewerProbes).fit(model, resuming: saved, file: path) }
            .hasSuffix("but this run has probes norm every epoch and at the start"))
    }

    func testAProbeFailingMidRunLeavesTheLastGoodCheckpoint() throws {
        let straight = try Trainer(try configuration()).fit(try TrainingFixtures.mlp(seed: 3))
        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        var failure: MeasurementFailure?
        XCTAssertThrowsError(try Trainer(try configuration(checkpoint: path, failingAt: 8)).fit(try TrainingFixtures.mlp(seed: 3))) {
            failure = $0 as? MeasurementFailure
        }
        let caught = try XCTUnwrap(failure)
        XCTAssertEqual(caught.description, "probe 'pulse' failed at step 8 (epoch 3): the probe broke; the checkpoint "
                       + "'\(path)' holds the run up to step 6 (2 epochs completed) and can be resumed")
        XCTAssertEqual(caught.run.steps, Array(straight.steps.prefix(8)), "the history up to the failure comes with it")

        let saved = try TrainingCheckpoint.read(path)
        XCTAssertEqual(saved.state.step, 6)
        XCTAssertEqual(saved.probes["pulse"]?.map(\.step), [2, 4, 6])
        let model = try TrainingFixtures.mlp(seed: 5)
        let resumed = try Trainer(try configuration(checkpoint: path)).fit(model, resuming: saved, file: path)
        assertSameHistory(resumed, straight)
    }

    func testAFailureBeforeAnyCheckpointSaysNoneWasWritten() throws {
        let path = try TestFiles.temporaryDirectory(self) + "/run.ckpt"
        let message = S.errorMessage {
            _ = try Trainer(try configuration(checkpoint: path, failingAt: 2)).fit(try TrainingFixtures.mlp(seed: 3))
        }
        XCTAssertEqual(message, "probe 'pulse' failed at step 2 (epoch 1): the probe broke; "
                       + "no checkpoint was written to '\(path)' before the failure")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(S.errorMessage { _ = try Trainer(try configuration(failingAt: 4)).fit(try TrainingFixtures.mlp(seed: 3)) },
                       "probe 'pulse' failed at step 4 (epoch 2): the probe broke")
    }

    func testAFailureAfterAResumeNamesTheFileResumedFrom() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let path = directory + "/run.ckpt"
        _ = try stoppedRun(path, every: .epochs(1), stepLimit: 6)
        let saved = try TrainingCheckpoint.read(path)
        let other = directory + "/other.ckpt"
        let message = S.errorMessage {
            _ = try Trainer(try configuration(checkpoint: other, failingAt: 8)).fit(
                try TrainingFixtures.mlp(seed: 3), resuming: saved, file: path)
        }
        XCTAssertEqual(message, "probe 'pulse' failed at step 8 (epoch 3): the probe broke; the checkpoint '\(path)' "
                       + "holds the run up to step 6 (2 epochs completed) and can be resumed")
    }

    func testAnEvaluationFailingNamesTheEpoch() throws {
        var config = try configuration()
        config.evaluation = FailingSource(try TrainingFixtures.blobs(count: 30, seed: 3, shuffles: false), failingCall: 3)
        XCTAssertEqual(S.errorMessage { _ = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3)) },
                       "evaluation failed at step 9 (epoch 3): training state: no evaluation batches today")
    }

    func testDamagedRecordSectionsAreRefusedOnce() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let path = directory + "/run.ckpt"
        _ = try stoppedRun(path, every: .epochs(1), stepLimit: 3)
        let damaged = directory + "/damaged.ckpt"
        func refusal(_ change: (inout Checkpoint) -> Void) throws -> String {
            var file = try Checkpoint.read(path)
            change(&file)
            try file.write(to: damaged)
            return S.errorMessage { _ = try TrainingCheckpoint.read(damaged) }
        }
        let prefix = "checkpoint '\(damaged)' cannot be resumed: training state: "
        XCTAssertEqual(try refusal { $0.sections[TrainingCheckpoint.seriesSection] = nil }, prefix + "the probe series are missing")
        XCTAssertEqual(try refusal { $0.sections[TrainingCheckpoint.stepsSection]?.removeLast() },
                       prefix + "the step records are truncated or have trailing bytes")
        XCTAssertEqual(try refusal { $0.sections[TrainingCheckpoint.stepsSection]?[0] = 200 },
                       prefix + "the step records are truncated or have trailing bytes")
        XCTAssertEqual(try refusal { $0.sections[TrainingCheckpoint.seriesSection]?.append(0) },
                       prefix + "the probe series are truncated or have trailing bytes")
        // Two series of one name: the second copy of the only series "norm" (4-byte count, then the
        // first series starts with its name).
        let twice = try refusal { file in
            guard var bytes = file.sections[TrainingCheckpoint.seriesSection] else { return }
            let first = 2 + 4 + 8 + 2 * Self.seriesPointBytes    // "norm": 4 letters, 2 points
            bytes = [2, 0, 0, 0] + Array(bytes[4..<(4 + first)]) + Array(bytes[4..<(4 + first)])
            file.sections[TrainingCheckpoint.seriesSection] = bytes
        }
        XCTAssertEqual(twice, prefix + "the probe series 'norm' appears twice")
    }

    func testCheckpointsOfAnotherFormatVersionAreRefused() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let path = directory + "/run.ckpt"
        _ = try stoppedRun(path, every: .epochs(1), stepLimit: 3)
        for (version, expected) in [(nil, "it was written in training checkpoint format 1, which kept no step records or "
                                          + "probe series; this build resumes format 2 only, so the run has to be started again"),
                                    (Int64(3), "it was written in training checkpoint format 3 by a newer build; "
                                               + "this build reads format 2")] {
            var file = try Checkpoint.read(path)
            var values = try file.values(inSection: TrainingCheckpoint.valueSection, file: path)
            values.integers["trainer.format_version"] = version
            file.sections[TrainingCheckpoint.valueSection] = try Checkpoint.valueSection(integers: values.integers,
                                                                                         reals: values.reals)
            let other = directory + "/other.ckpt"
            try file.write(to: other)
            XCTAssertEqual(S.errorMessage { _ = try TrainingCheckpoint.read(other) },
                           "checkpoint '\(other)' cannot be resumed: \(expected)")
        }
    }
}

/// A source whose `failingCall`-th request for batches throws (counting from 1).
final class FailingSource: BatchSource {
    let inner: TensorBatchSource
    let failingCall: Int
    private var calls = 0

    init(_ inner: TensorBatchSource, failingCall: Int) {
        self.inner = inner
        self.failingCall = failingCall
    }

    var sampleCount: Int { inner.sampleCount }

    func batches(epoch: Int, batchSize: Int, random: RandomStream) throws -> EpochPlan {
        calls += 1
        if calls == failingCall { throw TrainingError.invalidState("no evaluation batches today") }
        return try inner.batches(epoch: epoch, batchSize: batchSize, random: random)
    }
}
