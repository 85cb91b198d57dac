import XCTest
import TensorRuntime
@testable import Learning

final class DatasetBatchSourceTests: XCTestCase {
    func blobs() throws -> Dataset {
        try Dataset.blobs(count: 240, classes: 3, dimensions: 2, spread: 0.5, box: 4, stream: RandomStream(seed: 11))
    }

    func testDatasetsFromTheDataModuleTrainThroughTheSeam() throws {
        let model = try TrainingFixtures.mlp(seed: 3)
        let config = TrainingConfiguration(
            phases: [TrainingPhase(epochs: 10, data: DatasetBatchSource(try blobs()))],
            optimizer: try Adam(learningRate: 0.02), batchSize: 24,
            evaluation: DatasetBatchSource(try blobs(), shuffles: false))
        let run = try Trainer(config).fit(model)
        XCTAssertEqual(run.finalStep, 100)
        // Centres drawn in a box of ±4 with spread 0.5 can land close together, so ask for a
        // clear improvement over the 1/3 of chance rather than a perfect fit.
        XCTAssertGreaterThan(try XCTUnwrap(run.epochs.last?.evalAccuracy), 0.8)
    }

    func testEpochBatchesAreAFunctionOfTheStreamAndCoverEverySample() throws {
        let source = DatasetBatchSource(try blobs(), dropsLast: true)
        let stream = RandomStream(seed: 1).split(4)
        let plan = try source.batches(epoch: 4, batchSize: 50, random: stream)
        XCTAssertEqual(plan.count, 4, "240 samples in batches of 50, last partial batch dropped")
        let first = try plan.batch(1)
        XCTAssertEqual(first.inputs.shape, [50, 2])
        XCTAssertEqual(try source.batches(epoch: 4, batchSize: 50, random: stream).batch(1).inputs.scalars,
                       first.inputs.scalars)
        XCTAssertThrowsError(try plan.batch(4)) { XCTAssertTrue("\($0)".contains("outside the 4 batches"), "\($0)") }
    }
}
