import XCTest
import TensorRuntime
@testable import Learning

/// The procedural glyph dataset: determinism, recorded nuisances, and the drawing itself.
final class GlyphTests: XCTestCase {
    /// Every factor fixed at its neutral value: a centred, upright, noiseless glyph.
    private let still = GlyphOptions(dx: 0...0, dy: 0...0, scale: 1...1, rotation: 0...0,
                                     stroke: 2...2, noise: 0...0)

    func testSameSeedSameDataDifferentSeedDifferentData() throws {
        let a = try Dataset.glyphs(count: 30, stream: RandomStream(seed: 7))
        let b = try Dataset.glyphs(count: 30, stream: RandomStream(seed: 7))
        let c = try Dataset.glyphs(count: 30, stream: RandomStream(seed: 8))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.features, c.features)
        XCTAssertEqual(a.labels, c.labels)
    }

    func testSameDataOnAnyThreadCount() throws {
        let serial = try Dataset.glyphs(count: 300, stream: RandomStream(seed: 5))
        for threads in [1, 2, 3] {
            let pool = WorkerPool(threadCount: threads)
            XCTAssertEqual(try Dataset.glyphs(count: 300, stream: RandomStream(seed: 5), pool: pool), serial)
        }
    }

    func testSampleDoesNotDependOnCount() throws {
        let small = try Dataset.glyphs(count: 12, stream: RandomStream(seed: 3))
        let large = try Dataset.glyphs(count: 40, stream: RandomStream(seed: 3))
        XCTAssertEqual(small.features, Array(large.features.prefix(12 * 784)))
        XCTAssertEqual(small.nuisances, large.nuisances.gathering(Array(0..<12)))
    }

    func testNuisancesRecordedWithinRanges() throws {
        let options = GlyphOptions(rotation: 0...0, noise: 0.1...0.3)
        let data = try Dataset.glyphs(count: 200, options: options, stream: RandomStream(seed: 1))
        XCTAssertEqual(data.nuisances.names, ["dx", "dy", "scale", "rotation", "stroke", "noise"])
        XCTAssertEqual(data.nuisances.floats("rotation"), [Float](repeating: 0, count: 200))
        let dx = try XCTUnwrap(data.nuisances.floats("dx"))
        XCTAssertTrue(dx.allSatisfy { (-3...3).contains($0) })
        XCTAssertGreaterThan(Set(dx).count, 190, "dx is drawn per sample")
        let noise = try XCTUnwrap(data.nuisances.floats("noise"))
        XCTAssertTrue(noise.allSatisfy { (0.1...0.3).contains($0) })
        XCTAssertEqual(data.classCounts, [Int](repeating: 20, count: 10))
        XCTAssertTrue(data.features.allSatisfy { (0...1).contains($0) })
    }

    func testStillGlyphsAreSymmetricWhereTheShapeIs() throws {
        let data = try Dataset.glyphs(count: 10, options: still, stream: RandomStream(seed: 0))
        for label in [0, 1, 8] {
            let image = data.sample(label)
            let mirrored = (0..<784).map { (i: Int) -> Float in image[i - i % 28 + 27 - i % 28] }
            for (a, b) in zip(image, mirrored) { XCTAssertEqual(a, b, accuracy: 1e-5, "glyph \(label)") }
        }
        // "1" is one vertical bar: the centre column is fully inked, the corners are empty.
        let one = data.sample(1)
        XCTAssertEqual(one[14 * 28 + 14], 1, accuracy: 1e-6)
        XCTAssertEqual(one[0], 0)
        // All ten classes are different images.
        XCTAssertEqual(Set((0..<10).map { data.sample($0) }).count, 10)
    }

    func testGlyphPositionMatchesTheShiftTransform() throws {
        var moved = still
        moved.dx = 2...2
        moved.dy = -1 ... -1
        let centred = try Dataset.glyphs(count: 10, options: still, stream: RandomStream(seed: 0))
        let drawnMoved = try Dataset.glyphs(count: 10, options: moved, stream: RandomStream(seed: 0))
        let shifted = try centred.shifted(dx: 2, dy: -1)
        for (a, b) in zip(drawnMoved.features, shifted.features) { XCTAssertEqual(a, b, accuracy: 1e-4) }
        XCTAssertEqual(shifted.nuisances.floats("dx"), drawnMoved.nuisances.floats("dx"))
        XCTAssertEqual(shifted.nuisances.floats("dy"), drawnMoved.nuisances.floats("dy"))
    }

    func testRotationByNinetyDegreesMatchesTheRotateTransform() throws {
        var turned = still
        turned.rotation = 90...90
        let upright = try Dataset.glyphs(count: 10, options: still, stream: RandomStream(seed: 0))
        let drawn = try Dataset.glyphs(count: 10, options: turned, stream: RandomStream(seed: 0))
        let rotated = try upright.rotated(degrees: 90)
        for (a, b) in zip(drawn.features, rotated.features) { XCTAssertEqual(a, b, accuracy: 1e-3) }
        XCTAssertEqual(rotated.nuisances.floats("rotation"), drawn.nuisances.floats("rotation"))
    }

    func testTransformsAddToTheDrawnFactors() throws {
        let data = try Dataset.glyphs(count: 20, stream: RandomStream(seed: 6))
        let drawn = try XCTUnwrap(data.nuisances.floats("rotation"))
        let turned = try data.rotated(degrees: 10).shifted(dx: 1, dy: 0)
        XCTAssertEqual(turned.nuisances.floats("rotation"), drawn.map { $0 + 10 })
        XCTAssertEqual(turned.nuisances.floats("dx"), data.nuisances.floats("dx")?.map { $0 + 1 })
        XCTAssertEqual(turned.nuisances.floats("scale"), data.nuisances.floats("scale"), "untouched factors stay")
        let subset = try turned.subset(5, stream: RandomStream(seed: 0))
        let kept = subset.sample(0)
        let index = try XCTUnwrap((0..<20).first { turned.sample($0) == kept })
        XCTAssertEqual(subset.nuisances.floats("rotation")?.first, turned.nuisances.floats("rotation")?[index])
    }

    func testInvalidOptions() {
        TestFiles.assertThrows(containing: ["scale and stroke must be > 0"]) {
            try Dataset.glyphs(count: 1, options: GlyphOptions(scale: 0...1), stream: RandomStream(seed: 0))
        }
        TestFiles.assertThrows(containing: ["size 4 must be between 8 and 1024"]) {
            try Dataset.glyphs(count: 1, options: GlyphOptions(size: 4), stream: RandomStream(seed: 0))
        }
        TestFiles.assertThrows(containing: ["count -1"]) { try Dataset.glyphs(count: -1, stream: RandomStream(seed: 0)) }
        TestFiles.assertThrows(containing: ["would exceed half of this machine's memory"]) {
            try Dataset.glyphs(count: Int.max / 2, stream: RandomStream(seed: 0))
        }
        TestFiles.assertThrows(containing: ["would exceed"]) {
            try Dataset.blobs(count: 10, dimensions: Int.max, stream: RandomStream(seed: 0))
        }
    }

    func testPointGenerators() throws {
        let moons = try Dataset.moons(count: 100, noise: 0, stream: RandomStream(seed: 2))
        XCTAssertEqual(moons.sampleShape, [2])
        for i in 0..<100 where i % 2 == 0 {
            let p = moons.sample(i)
            XCTAssertEqual(p[0] * p[0] + p[1] * p[1], 1, accuracy: 1e-5, "upper moon is the unit half circle")
            XCTAssertGreaterThanOrEqual(p[1], 0)
        }
        let spirals = try Dataset.spirals(count: 90, classes: 3, noise: 0, stream: RandomStream(seed: 2))
        XCTAssertEqual(spirals.classCounts, [30, 30, 30])
        XCTAssertTrue((0..<90).allSatisfy { let p = spirals.sample($0); return p[0] * p[0] + p[1] * p[1] <= 1.0001 })
        let blobs = try Dataset.blobs(count: 300, classes: 3, dimensions: 4, spread: 0.5, stream: RandomStream(seed: 2))
        XCTAssertEqual(blobs.sampleShape, [4])
        // Each class's mean lies near its centre: within 4 standard errors (0.5 / √100 each).
        let first = (0..<300).filter { $0 % 3 == 0 }.map { blobs.sample($0) }
        let mean = (0..<4).map { d in first.map { $0[d] }.reduce(0, +) / 100 }
        for sample in first.prefix(5) {
            for d in 0..<4 { XCTAssertEqual(sample[d], mean[d], accuracy: 2.5) }
        }
        XCTAssertEqual(try Dataset.blobs(count: 10, stream: RandomStream(seed: 5)),
                       try Dataset.blobs(count: 10, stream: RandomStream(seed: 5)))
        TestFiles.assertThrows(containing: ["noise (-1.0)"]) {
            try Dataset.moons(count: 3, noise: -1, stream: RandomStream(seed: 0))
        }
    }
}
