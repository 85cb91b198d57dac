import XCTest
import TensorRuntime
@testable import Learning

/// Epoch batching: coverage, reproducible orders, resumption and augmentation.
final class BatcherTests: XCTestCase {
    private func numbered(_ n: Int) throws -> Dataset {
        try Dataset(name: "numbered", sampleShape: [1], features: (0..<n).map(Float.init),
                    labels: (0..<n).map { Int32($0 % 3) }, classCount: 3)
    }

    func testEveryEpochCoversEverySampleOnce() throws {
        let batcher = try Batcher(numbered(103), batchSize: 10, stream: RandomStream(seed: 1))
        XCTAssertEqual(batcher.batchesPerEpoch, 11)
        for e in 0..<3 {
            let batches = Array(batcher.epoch(e))
            XCTAssertEqual(batches.count, 11)
            XCTAssertEqual(batches.last?.count, 3, "the partial batch is kept")
            XCTAssertEqual(batches.flatMap(\.features).sorted(), (0..<103).map(Float.init))
            for batch in batches {
                XCTAssertEqual(batch.shape, [batch.count, 1])
                XCTAssertEqual(batch.features, batch.indices.map(Float.init))
                XCTAssertEqual(batch.labels, batch.indices.map { Int32($0 % 3) })
            }
        }
        XCTAssertNotEqual(batcher.order(epoch: 0), batcher.order(epoch: 1))
    }

    func testDropLastAndNoShuffle() throws {
        let batcher = try Batcher(numbered(25), batchSize: 10, shuffle: false, dropLast: true,
                                  stream: RandomStream(seed: 1))
        let batches = Array(batcher.epoch(4))
        XCTAssertEqual(batches.map(\.count), [10, 10])
        XCTAssertEqual(batches[1].features, (10..<20).map(Float.init))
    }

    func testResumingAnEpochGivesTheSameBatches() throws {
        let data = try Dataset.glyphs(count: 64, stream: RandomStream(seed: 2))
        let augmentations: [Augmentation] = [.shift(maxPixels: 2), .rotate(maxDegrees: 10), .noise(std: 0.1)]
        let run = try Batcher(data, batchSize: 16, augmentations: augmentations, stream: RandomStream(seed: 9))
        let uninterrupted = (0..<3).map { Array(run.epoch($0)) }
        let resumed = try Batcher(data, batchSize: 16, augmentations: augmentations, stream: RandomStream(seed: 9))
        XCTAssertEqual(Array(resumed.epoch(2)), uninterrupted[2])
        XCTAssertEqual(resumed.epoch(1).batch(3), uninterrupted[1][3])
        XCTAssertNil(resumed.epoch(1).batch(4))
    }

    /// The trainer's path (samples gathered straight into a tensor and augmented there) gives the
    /// batches of the public one, augmented or not, including a short last batch.
    func testTensorBatchesEqualBatches() throws {
        let data = try Dataset.glyphs(count: 40, stream: RandomStream(seed: 2))
        for augmentations in [[], [Augmentation.shift(maxPixels: 2), .noise(std: 0.1)]] {
            let batcher = try Batcher(data, batchSize: 16, augmentations: augmentations, stream: RandomStream(seed: 9))
            let epoch = batcher.epoch(1)
            for index in 0..<epoch.count {
                let batch = try XCTUnwrap(epoch.batch(index))
                let tensor = try XCTUnwrap(try epoch.inputs(index))
                XCTAssertEqual(tensor.inputs.shape, batch.shape)
                XCTAssertEqual(tensor.inputs.scalars, batch.features, "batch \(index), \(augmentations)")
                XCTAssertEqual(tensor.labels, batch.labels)
            }
            XCTAssertNil(try epoch.inputs(epoch.count))
        }
    }

    func testAugmentationChangesSamplesFreshEachEpoch() throws {
        let data = try Dataset.glyphs(count: 8, options: GlyphOptions(noise: 0...0), stream: RandomStream(seed: 2))
        let batcher = try Batcher(data, batchSize: 8, shuffle: false, augmentations: [.shift(maxPixels: 3)],
                                  stream: RandomStream(seed: 4))
        let first = try XCTUnwrap(batcher.epoch(0).batch(0)), second = try XCTUnwrap(batcher.epoch(1).batch(0))
        XCTAssertNotEqual(first.features, data.features)
        XCTAssertNotEqual(first.features, second.features)
        XCTAssertEqual(first.labels, data.labels, "labels are never augmented")
        // Flipping with probability 1 twice restores the data exactly.
        let flips = try Batcher(data, batchSize: 8, shuffle: false,
                                augmentations: [.flipHorizontal(probability: 1), .flipHorizontal(probability: 1)],
                                stream: RandomStream(seed: 4))
        XCTAssertEqual(flips.epoch(0).batch(0)?.features, data.features)
        // Random crops keep the size.
        let crops = try Batcher(data, batchSize: 8, augmentations: [.crop(padding: 4)], stream: RandomStream(seed: 4))
        XCTAssertEqual(crops.epoch(0).batch(0)?.shape, [8, 1, 28, 28])
    }

    func testInvalidBatcherArguments() throws {
        let points = try Dataset.moons(count: 10, stream: RandomStream(seed: 0))
        let huge = try Batcher(points, batchSize: Int.max, stream: RandomStream(seed: 0))
        XCTAssertEqual(huge.batchesPerEpoch, 1)
        XCTAssertEqual(huge.epoch(-3).batch(0)?.count, 10, "any epoch number is accepted")
        TestFiles.assertThrows(containing: ["batch size 0 must be > 0"]) {
            try Batcher(points, batchSize: 0, stream: RandomStream(seed: 0))
        }
        TestFiles.assertThrows(containing: ["needs image samples"]) {
            try Batcher(points, batchSize: 2, augmentations: [.rotate(maxDegrees: 5)], stream: RandomStream(seed: 0))
        }
        TestFiles.assertThrows(containing: ["parameter out of range"]) {
            try Batcher(points, batchSize: 2, augmentations: [.flipVertical(probability: 2)], stream: RandomStream(seed: 0))
        }
        // Noise works on vectors.
        let noisy = try Batcher(points, batchSize: 10, shuffle: false, augmentations: [.noise(std: 1)],
                                stream: RandomStream(seed: 0))
        XCTAssertNotEqual(noisy.epoch(0).batch(0)?.features, points.features)
    }
}
