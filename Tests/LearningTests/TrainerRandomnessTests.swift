import XCTest
import TensorRuntime
@testable import Learning

/// The random streams the trainer hands out (shuffles, dropout) and clipping inside the loop.
final class TrainerRandomnessTests: XCTestCase {
    /// A model that notes the first draw of the dropout stream of every training forward pass.
    final class DrawRecorder {
        var draws: [UInt64] = []
        var evaluationCalls = 0
    }

    func recordingModel(_ recorder: DrawRecorder) throws -> ClosureModel {
        let inner = try TrainingFixtures.mlp(seed: 3)
        return ClosureModel(parameters: inner.parameters) { input, weights, training, random in
            if training { recorder.draws.append(random.next()) } else { recorder.evaluationCalls += 1 }
            return try inner.logits(input, weights: weights, training: training, random: &random)
        }
    }

    func testDropoutStreamsDependOnTheStepOnlyAndEvaluationIsNotTraining() throws {
        let data = try TrainingFixtures.blobs(count: 60, seed: 1)
        func config() throws -> TrainingConfiguration {
            TrainingConfiguration(phases: [TrainingPhase(epochs: 2, data: data)], optimizer: try SGD(learningRate: 0.1),
                                  batchSize: 20, seed: 5, evaluation: try TrainingFixtures.blobs(count: 20, seed: 2))
        }
        let straight = DrawRecorder()
        _ = try Trainer(config()).fit(try recordingModel(straight))
        XCTAssertEqual(straight.draws.count, 6)
        XCTAssertEqual(Set(straight.draws).count, 6, "every step gets its own stream")
        XCTAssertEqual(straight.evaluationCalls, 2, "one evaluation batch per epoch end")

        let interrupted = DrawRecorder()
        let model = try recordingModel(interrupted)
        let partial = try Trainer(config()).fit(model, shouldStop: { interrupted.draws.count >= 4 })
        _ = try Trainer(config()).fit(model, from: partial.state)
        XCTAssertEqual(interrupted.draws, straight.draws, "a resumed run replays the same streams")
    }

    func testShuffleOrderComesFromTheSeedAndEpoch() throws {
        let source = try TrainingFixtures.blobs(count: 12, seed: 1)
        let root = RandomStream(seed: 9).split(Trainer.shuffleStream)
        let epoch0 = try source.batches(epoch: 0, batchSize: 12, random: root.split(0)).batch(0).labels
        let again = try source.batches(epoch: 0, batchSize: 12, random: root.split(0)).batch(0).labels
        let epoch1 = try source.batches(epoch: 1, batchSize: 12, random: root.split(1)).batch(0).labels
        XCTAssertEqual(epoch0, again)
        XCTAssertNotEqual(epoch0, epoch1)
        XCTAssertEqual(epoch0.sorted(), epoch1.sorted())
    }

    func testGlobalNormClippingBoundsEachStep() throws {
        let model = try TrainingFixtures.mlp(seed: 3)
        let before = model.parameters.flatMap { $0.value.scalars }
        var config = TrainingConfiguration(phases: [TrainingPhase(epochs: 1, data: try TrainingFixtures.blobs(count: 10, seed: 1))],
                                           optimizer: try SGD(learningRate: 1), batchSize: 10)
        config.clipping = .globalNorm(1e-3)
        _ = try Trainer(config).fit(model)
        let after = model.parameters.flatMap { $0.value.scalars }
        let moved = zip(before, after).reduce(0.0) { $0 + Double($1.1 - $1.0) * Double($1.1 - $1.0) }.squareRoot()
        XCTAssertGreaterThan(moved, 1e-4, "one step of lr 1 moves the weights")
        XCTAssertLessThanOrEqual(moved, 1e-3 * (1 + 1e-4), "but by at most the clipped norm")
    }
}
