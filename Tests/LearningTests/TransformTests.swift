import XCTest
import TensorRuntime
@testable import Learning

/// Every transform's meaning, on small hand-made inputs.
final class TransformTests: XCTestCase {
    /// One 1×5×5 image per entry of `hot`, zero except a 1 at (x, y).
    private func onePixel(_ hot: [(Int, Int)], size: Int = 5) throws -> Dataset {
        var features = [Float](repeating: 0, count: hot.count * size * size)
        for (i, (x, y)) in hot.enumerated() { features[i * size * size + y * size + x] = 1 }
        return try Dataset(name: "dots", sampleShape: [1, size, size], features: features,
                           labels: hot.indices.map { Int32($0 % 2) }, classCount: 2)
    }

    private func position(_ image: [Float], size: Int = 5) -> (Int, Int)? {
        guard let i = image.firstIndex(where: { abs($0 - 1) < 1e-5 }) else { return nil }
        return (i % size, i / size)
    }

    func testShiftMovesOnePixel() throws {
        let moved = try onePixel([(1, 1)]).shifted(dx: 2, dy: 1)
        XCTAssertEqual(position(moved.sample(0))?.0, 3)
        XCTAssertEqual(position(moved.sample(0))?.1, 2)
        XCTAssertEqual(moved.sample(0).reduce(0, +), 1, accuracy: 1e-6)
        XCTAssertEqual(moved.nuisances.floats("dx"), [2])
        let gone = try onePixel([(4, 4)]).shifted(dx: 1, dy: 0)
        XCTAssertEqual(gone.sample(0).reduce(0, +), 0, "content leaving the image is dropped")
        // A half-pixel shift splits the pixel between two neighbours.
        let half = try onePixel([(2, 2)]).shifted(dx: 0.5, dy: 0)
        XCTAssertEqual(half.sample(0)[12], 0.5, accuracy: 1e-6)
        XCTAssertEqual(half.sample(0)[13], 0.5, accuracy: 1e-6)
    }

    func testRandomShiftIsSeededAndRecorded() throws {
        let data = try onePixel(Array(repeating: (2, 2), count: 50))
        let a = try data.shiftedRandomly(maxPixels: 2, stream: RandomStream(seed: 4))
        XCTAssertEqual(a, try data.shiftedRandomly(maxPixels: 2, stream: RandomStream(seed: 4)))
        let dx = try XCTUnwrap(a.nuisances.floats("dx")), dy = try XCTUnwrap(a.nuisances.floats("dy"))
        XCTAssertEqual(Set(dx), [-2, -1, 0, 1, 2])
        for i in 0..<50 {
            let p = try XCTUnwrap(position(a.sample(i)))
            XCTAssertEqual(p.0, 2 + Int(dx[i]))
            XCTAssertEqual(p.1, 2 + Int(dy[i]))
        }
    }

    func testRotateByNinetyDegreesIsCounterClockwise() throws {
        // Right of centre goes to above centre; above goes to left.
        let turned = try onePixel([(4, 2), (2, 0)]).rotated(degrees: 90)
        XCTAssertEqual(position(turned.sample(0))?.0, 2)
        XCTAssertEqual(position(turned.sample(0))?.1, 0)
        XCTAssertEqual(position(turned.sample(1))?.0, 0)
        XCTAssertEqual(position(turned.sample(1))?.1, 2)
        let twice = try turned.rotated(degrees: 30)
        XCTAssertEqual(twice.nuisances.floats("rotation"), [120, 120], "rotations add up")
        let full = try onePixel([(1, 3)]).rotated(degrees: 360)
        XCTAssertEqual(position(full.sample(0))?.0, 1)
        XCTAssertEqual(position(full.sample(0))?.1, 3)
    }

    func testFlipTwiceIsIdentityAndFlipsMirror() throws {
        let data = try Dataset.glyphs(count: 4, stream: RandomStream(seed: 1))
        let once = try data.flipped(horizontal: true)
        XCTAssertNotEqual(once.features, data.features)
        XCTAssertEqual(try once.flipped(horizontal: true).features, data.features)
        XCTAssertEqual(once.nuisances.column("flip_h"), .int([1, 1, 1, 1]))
        XCTAssertEqual(try once.flipped(horizontal: true).nuisances.column("flip_h"), .int([0, 0, 0, 0]))
        let dot = try onePixel([(1, 0)])
        XCTAssertEqual(position(try dot.flipped(horizontal: true).sample(0))?.0, 3)
        XCTAssertEqual(position(try dot.flipped(horizontal: false).sample(0))?.1, 4)
    }

    func testBlurPreservesMassAndSpreads() throws {
        let image = try onePixel([(10, 10)], size: 21)
        let blurred = try image.blurred(sigma: 1.5)
        XCTAssertEqual(blurred.sample(0).reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertLessThan(blurred.sample(0)[10 * 21 + 10], 0.1)
        XCTAssertEqual(blurred.sample(0)[10 * 21 + 9], blurred.sample(0)[10 * 21 + 11], accuracy: 1e-7)
        XCTAssertEqual(blurred.nuisances.floats("blur"), [1.5])
        TestFiles.assertThrows(containing: ["sigma = 1e+09 must be > 0 and at most the image size 21"]) {
            try image.blurred(sigma: 1e9)
        }
        // A flat image stays flat, border included.
        let flat = try Dataset(name: "flat", sampleShape: [1, 6, 6], features: [Float](repeating: 0.3, count: 36),
                               labels: [0], classCount: 1)
        for v in try flat.blurred(sigma: 2).features { XCTAssertEqual(v, 0.3, accuracy: 1e-6) }
    }

    func testDownsampleDeficit() throws {
        // Nearest upsampling of k×k block means preserves mass when k divides the size.
        let dot = try onePixel([(5, 2)], size: 8)
        let blocky = try dot.downsampled(factor: 4, smooth: false)
        XCTAssertEqual(blocky.sample(0).reduce(0, +), 1, accuracy: 1e-6)
        for y in 0..<4 { for x in 4..<8 { XCTAssertEqual(blocky.sample(0)[y * 8 + x], 1.0 / 16, accuracy: 1e-7) } }
        XCTAssertEqual(blocky.sample(0)[0], 0)
        let smooth = try dot.downsampled(factor: 4)
        XCTAssertEqual(smooth.sample(0).reduce(0, +), 1, accuracy: 0.05)
        XCTAssertEqual(smooth.nuisances.column("downsample"), .int([4]))
        // Factor 1 changes nothing; a flat image is unchanged at any factor.
        XCTAssertEqual(try dot.downsampled(factor: 1).features, dot.features)
        TestFiles.assertThrows(containing: ["factor 0 must be between 1 and 8"]) { try dot.downsampled(factor: 0) }
    }

    func testNoiseStatisticsAndRecord() throws {
        let zeros = try Dataset(name: "z", sampleShape: [1000], features: [Float](repeating: 0, count: 10_000),
                                labels: [Int32](repeating: 0, count: 10), classCount: 1)
        let noisy = try zeros.withNoise(std: 0.5, stream: RandomStream(seed: 9))
        let n = Float(noisy.features.count)
        let mean = noisy.features.reduce(0, +) / n
        let variance = noisy.features.map { $0 * $0 }.reduce(0, +) / n - mean * mean
        // Standard errors with 10,000 draws: 0.005 for the mean, about 0.0035 for the variance.
        XCTAssertEqual(mean, 0, accuracy: 0.02)
        XCTAssertEqual(variance, 0.25, accuracy: 0.015)
        let twice = try noisy.withNoise(std: 1.2, stream: RandomStream(seed: 10))
        XCTAssertEqual(twice.nuisances.floats("noise")?.first ?? 0, 1.3, accuracy: 1e-6)
    }

    func testNoiseImagesKeepLabelsAndDropContent() throws {
        let data = try Dataset.glyphs(count: 20, stream: RandomStream(seed: 0))
        let noise = data.noiseImages(stream: RandomStream(seed: 1))
        XCTAssertEqual(noise.labels, data.labels)
        XCTAssertEqual(noise, data.noiseImages(stream: RandomStream(seed: 1)))
        XCTAssertTrue(noise.features.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = noise.features.reduce(0, +) / Float(noise.features.count)
        // 15,680 uniform values: the mean's standard error is about 0.0023.
        XCTAssertEqual(mean, 0.5, accuracy: 0.01)
    }

    func testCropCentreAndRandomWithPadding() throws {
        let dot = try onePixel([(2, 2)])
        let centre = try dot.cropped(height: 3, width: 3)
        XCTAssertEqual(centre.sampleShape, [1, 3, 3])
        XCTAssertEqual(centre.sample(0)[4], 1)
        XCTAssertEqual(centre.nuisances.floats("dx"), [0])
        let many = try onePixel(Array(repeating: (2, 2), count: 40))
        let padded = try many.cropped(height: 5, width: 5, padding: 2, stream: RandomStream(seed: 3))
        let dx = try XCTUnwrap(padded.nuisances.floats("dx")), dy = try XCTUnwrap(padded.nuisances.floats("dy"))
        XCTAssertEqual(Set(dx), [-2, -1, 0, 1, 2])
        for i in 0..<40 {
            XCTAssertEqual(position(padded.sample(i))?.0, 2 + Int(dx[i]))
            XCTAssertEqual(position(padded.sample(i))?.1, 2 + Int(dy[i]))
        }
        TestFiles.assertThrows(containing: ["a 6×6 crop with padding 0 does not fit 5×5 images"]) {
            try dot.cropped(height: 6, width: 6)
        }
        TestFiles.assertThrows(containing: ["padding at most 5"]) {
            try dot.cropped(height: 3, width: 3, padding: Int.max)
        }
        TestFiles.assertThrows(containing: ["does not fit"]) { try dot.cropped(height: Int.min, width: 3) }
    }

    func testImageTransformsRefuseVectors() throws {
        let points = try Dataset.moons(count: 4, stream: RandomStream(seed: 0))
        TestFiles.assertThrows(containing: ["rotate: needs image samples", "shape [2]"]) { try points.rotated(degrees: 3) }
    }

    func testNormalizePerChannel() throws {
        let cifarLike = try Dataset(name: "c", sampleShape: [2, 1, 2], features: [0, 2, 10, 10, 4, 6, 30, 50],
                                    labels: [0, 0], classCount: 1)
        let stats = cifarLike.channelStatistics()
        XCTAssertEqual(stats.mean, [3, 25])
        XCTAssertEqual(stats.standardDeviation[0], Float(5).squareRoot(), accuracy: 1e-6)
        let normalized = try cifarLike.normalized()
        let again = normalized.channelStatistics()
        XCTAssertEqual(again.mean[0], 0, accuracy: 1e-6)
        XCTAssertEqual(again.standardDeviation[1], 1, accuracy: 1e-6)
        let given = try cifarLike.normalized(using: ChannelStatistics(mean: [1, 0], standardDeviation: [2, 0]))
        XCTAssertEqual(Array(given.features.prefix(4)), [-0.5, 0.5, 10, 10], "std 0 only centres")
        TestFiles.assertThrows(containing: ["normalize: needs 2 finite means"]) {
            try cifarLike.normalized(using: ChannelStatistics(mean: [0], standardDeviation: [1]))
        }
        // Vectors: each feature is its own channel.
        let vectors = try Dataset(name: "v", sampleShape: [2], features: [1, 10, 3, 30], labels: [0, 0], classCount: 1)
        XCTAssertEqual(try vectors.normalized().features, [-1, -1, 1, 1])
    }
}
