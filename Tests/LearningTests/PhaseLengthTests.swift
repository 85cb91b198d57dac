import XCTest
import TensorRuntime
@testable import Learning

/// Phases counted in optimizer steps: where their epochs end, and that resuming inside one is exact.
final class PhaseLengthTests: XCTestCase {
    typealias S = LayerTestSupport

    /// `steps` steps on 90 rows (3 batches of 30 per pass), then one epoch on 60 rows (2 batches).
    func configuration(steps: Int) throws -> TrainingConfiguration {
        TrainingConfiguration(
            phases: [TrainingPhase(name: "deficit", steps: steps, data: try TrainingFixtures.blobs(count: 90, seed: 1)),
                     TrainingPhase(name: "clean", epochs: 1, data: try TrainingFixtures.blobs(count: 60, seed: 2))],
            optimizer: try SGD(learningRate: 0.05, momentum: 0.9), schedule: .exponential(base: 0.05, factor: 0.5, unit: .epoch),
            batchSize: 30, seed: 4)
    }

    func testAStepPhaseEndsWithAPartialEpoch() throws {
        var totals: Set<Int> = []
        let run = try Trainer(try configuration(steps: 7)).fit(try TrainingFixtures.mlp(seed: 3),
                                                              progress: { totals.insert($0.totalEpochs) })
        XCTAssertEqual(run.epochs.map(\.step), [3, 6, 7, 9])
        XCTAssertEqual(run.epochs.map(\.phase), [0, 0, 0, 1])
        XCTAssertEqual(run.epochs.map(\.learningRate), [0.05, 0.025, 0.0125, 0.00625], "the rate follows the epoch clock")
        XCTAssertEqual(run.steps.count, 9)
        XCTAssertEqual(totals, [4])
        XCTAssertEqual(try configuration(steps: 7).totalEpochs, 4)
    }

    func testWholePassesAndZeroSteps() throws {
        let whole = try Trainer(try configuration(steps: 6)).fit(try TrainingFixtures.mlp(seed: 3))
        XCTAssertEqual(whole.epochs.map(\.step), [3, 6, 8])
        let skipped = try Trainer(try configuration(steps: 0)).fit(try TrainingFixtures.mlp(seed: 3))
        XCTAssertEqual(skipped.epochs.map(\.phase), [1])
        XCTAssertEqual(skipped.finalStep, 2)
    }

    func testResumingInsideAStepPhaseIsExact() throws {
        let straightModel = try TrainingFixtures.mlp(seed: 3)
        let straight = try Trainer(try configuration(steps: 8)).fit(straightModel)
        for stopAt in [2, 7, 8] {
            let model = try TrainingFixtures.mlp(seed: 3)
            var step = 0
            let first = try Trainer(try configuration(steps: 8)).fit(model, progress: { step = $0.step },
                                                                    shouldStop: { step >= stopAt })
            XCTAssertEqual(first.finalStep, stopAt)
            let rest = try Trainer(try configuration(steps: 8)).fit(model, from: try TrainingState(record: try first.state.record()))
            XCTAssertEqual(TrainingFixtures.bits(model), TrainingFixtures.bits(straightModel), "stopped at step \(stopAt)")
            XCTAssertEqual(first.epochs + rest.epochs, straight.epochs, "stopped at step \(stopAt)")
        }
    }

    func testBadStepPhasesAreRefused() throws {
        var config = try configuration(steps: -1)
        XCTAssertEqual(S.errorMessage { _ = try Trainer(config) }, "phase 1 has -1 steps; it needs 0 or more")
        config = try configuration(steps: 5)
        config.phases[0].data = try TensorBatchSource(inputs: Tensor<Float>.zeros([0, 2]), labels: [])
        XCTAssertEqual(S.errorMessage { _ = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3)) },
                       "phase 1 'deficit': its data has no samples")
    }
}
