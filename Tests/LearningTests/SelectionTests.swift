import XCTest
import TensorRuntime
@testable import Learning

/// Subsets, splits, shuffles, class subsets and label corruptions.
final class SelectionTests: XCTestCase {
    /// Sample i holds the single value i, so features reveal which samples were kept.
    private func numbered(_ n: Int, classes: Int = 5) throws -> Dataset {
        try Dataset(name: "numbered", sampleShape: [1], features: (0..<n).map(Float.init),
                    labels: (0..<n).map { Int32($0 % classes) }, classCount: classes,
                    classNames: (0..<classes).map { "c\($0)" })
    }

    func testSubsetIsSeededSortedAndDistinct() throws {
        let data = try numbered(100)
        let a = try data.subset(30, stream: RandomStream(seed: 1))
        XCTAssertEqual(a.count, 30)
        XCTAssertEqual(a.features, a.features.sorted())
        XCTAssertEqual(Set(a.features).count, 30)
        XCTAssertEqual(a, try data.subset(30, stream: RandomStream(seed: 1)))
        XCTAssertNotEqual(a.features, try data.subset(30, stream: RandomStream(seed: 2)).features)
        for i in 0..<30 { XCTAssertEqual(Int(a.labels[i]), Int(a.features[i]) % 5, "labels follow samples") }
        TestFiles.assertThrows(.invalidArgument(operation: "subset", message: "cannot take 101 samples from 100")) {
            try data.subset(101, stream: RandomStream(seed: 1))
        }
    }

    func testSplitIsADisjointCover() throws {
        let (a, b) = try numbered(50).split(0.8, stream: RandomStream(seed: 3))
        XCTAssertEqual(a.count, 40)
        XCTAssertEqual(b.count, 10)
        XCTAssertEqual(Set(a.features + b.features), Set((0..<50).map(Float.init)))
        TestFiles.assertThrows(containing: ["fraction 1.0 must be strictly between 0 and 1"]) {
            try numbered(5).split(1, stream: RandomStream(seed: 0))
        }
    }

    func testShuffleIsAPermutationThatCarriesNuisances() throws {
        let data = try Dataset.glyphs(count: 20, stream: RandomStream(seed: 0))
        let shuffled = data.shuffled(stream: RandomStream(seed: 5))
        XCTAssertNotEqual(shuffled.labels, data.labels)
        let dx = try XCTUnwrap(data.nuisances.floats("dx")), newDx = try XCTUnwrap(shuffled.nuisances.floats("dx"))
        for j in 0..<20 {
            let i = try XCTUnwrap(dx.firstIndex(of: newDx[j]))
            XCTAssertEqual(shuffled.sample(j), data.sample(i))
            XCTAssertEqual(shuffled.labels[j], data.labels[i])
        }
    }

    func testClassSubsetRelabels() throws {
        let data = try numbered(20)
        let kept = try data.classSubset([3, 1])
        XCTAssertEqual(kept.classCount, 2)
        XCTAssertEqual(kept.classNames, ["c3", "c1"])
        XCTAssertEqual(kept.features, [1, 3, 6, 8, 11, 13, 16, 18])
        XCTAssertEqual(kept.labels, [1, 0, 1, 0, 1, 0, 1, 0])
        let plain = try data.classSubset([3, 1], relabel: false)
        XCTAssertEqual(plain.classCount, 5)
        XCTAssertEqual(plain.labels, [1, 3, 1, 3, 1, 3, 1, 3])
        TestFiles.assertThrows(containing: ["class 7 is outside 0..<5"]) { try data.classSubset([7]) }
        TestFiles.assertThrows(containing: ["repeat a class"]) { try data.classSubset([1, 1]) }
    }

    func testLabelNoiseReplacesTheGivenFraction() throws {
        let data = try numbered(200, classes: 10)
        let noisy = try data.labelNoise(fraction: 0.3, stream: RandomStream(seed: 2))
        guard case let .int(replaced)? = noisy.nuisances.column("label_replaced") else { return XCTFail("no record") }
        XCTAssertEqual(replaced.reduce(0, +), 60)
        XCTAssertEqual(noisy.nuisances.column("original_label"), .int(data.labels))
        for i in 0..<200 where replaced[i] == 0 { XCTAssertEqual(noisy.labels[i], data.labels[i]) }
        let changed = (0..<200).filter { noisy.labels[$0] != data.labels[$0] }.count
        // About 9/10 of the 60 replaced labels change (the rest redraw their own class).
        XCTAssertGreaterThan(changed, 40)
        XCTAssertLessThanOrEqual(changed, 60)
        XCTAssertEqual(try data.labelNoise(fraction: 0, stream: RandomStream(seed: 2)).labels, data.labels)
    }

    func testLabelPermutationIsABijection() throws {
        let data = try numbered(50, classes: 10)
        let (permuted, pi) = try data.permutingLabels(stream: RandomStream(seed: 11))
        XCTAssertEqual(pi.sorted(), Array(0..<10))
        XCTAssertNotEqual(pi, Array(0..<10))
        for i in 0..<50 { XCTAssertEqual(Int(permuted.labels[i]), pi[Int(data.labels[i])]) }
        XCTAssertEqual(permuted.classCounts, data.classCounts.indices.map { c in data.classCounts[pi.firstIndex(of: c) ?? 0] })
    }

    func testRandomLabelsAreSeeded() throws {
        let data = try numbered(500, classes: 10)
        let a = data.randomLabels(stream: RandomStream(seed: 1))
        XCTAssertEqual(a.labels, data.randomLabels(stream: RandomStream(seed: 1)).labels)
        XCTAssertTrue(a.classCounts.allSatisfy { $0 > 20 }, "every class drawn")
        XCTAssertLessThan(zip(a.labels, data.labels).filter { $0 == $1 }.count, 100)
    }

    func testSelectingChecksIndices() throws {
        let data = try numbered(4)
        XCTAssertEqual(try data.selecting([3, 3, 0]).features, [3, 3, 0])
        TestFiles.assertThrows(.invalidArgument(operation: "select", message: "index 4 is outside 0..<4")) {
            try data.selecting([4])
        }
    }

    func testDatasetValidation() {
        TestFiles.assertThrows(containing: ["label 3 of sample 1 is outside 0..<3"]) {
            try Dataset(name: "d", sampleShape: [1], features: [0, 0], labels: [0, 3], classCount: 3)
        }
        TestFiles.assertThrows(containing: ["3 feature values for 2 samples"]) {
            try Dataset(name: "d", sampleShape: [1], features: [0, 0, 0], labels: [0, 1], classCount: 3)
        }
    }

    func testSummary() throws {
        let data = try Dataset.glyphs(count: 1200, stream: RandomStream(seed: 0))
        let text = data.summary.description
        XCTAssertTrue(text.hasPrefix("glyphs: 1,200 samples of [1, 28, 28], 10 classes, values 0.0 … 1.0"), text)
        XCTAssertTrue(text.contains("\n  class  count\n  0        120\n"), text)
        XCTAssertTrue(text.hasSuffix("nuisance factors: dx, dy, scale, rotation, stroke, noise"), text)
    }
}
