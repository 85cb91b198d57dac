import XCTest
@testable import Learning

/// Where the named datasets are looked for, and what the error says when they are not found.
final class LocatorTests: XCTestCase {
    func testNotFoundListsEveryPlaceAndHowToGetTheData() throws {
        let empty = try TestFiles.temporaryDirectory(self)
        let locator = DatasetLocator(environment: ["INFOSCOPE_DATA": empty],
                                     standardRoots: ["/usr/share/datasets"])
        TestFiles.assertThrows(containing: [
            "cannot find the Fashion-MNIST (train) dataset",
            "looked in: \(empty)\n",
            "looked in: \(empty)/fashion-mnist (does not exist)",
            "looked in: /usr/share/datasets/fashion-mnist",
            "apt-get install dataset-fashion-mnist",
        ]) { try Dataset.fashionMNIST(.train, locator: locator) }
    }

    func testWithoutEnvironmentTheHintMentionsTheVariable() {
        let locator = DatasetLocator(environment: [:], standardRoots: ["/nonexistent-root"])
        TestFiles.assertThrows(containing: ["/nonexistent-root/mnist (does not exist)", "set INFOSCOPE_DATA"]) {
            try Dataset.mnist(.test, locator: locator)
        }
    }

    func testExplicitPathIsTheOnlyPlaceSearched() throws {
        let directory = try TestFiles.temporaryDirectory(self)
        let locator = DatasetLocator(explicitPath: directory, environment: ["INFOSCOPE_DATA": "/elsewhere"])
        XCTAssertEqual(locator.directories(folderNames: ["mnist"]), [directory, directory + "/mnist"])
        let file = try TestFiles.write([1], directory, "a-file")
        TestFiles.assertThrows(containing: ["a file; give the folder"]) {
            try Dataset.cifar10(.test, locator: DatasetLocator(explicitPath: file))
        }
    }

    func testFindsPlainOrGzipFilesInSubfolder() throws {
        let root = try TestFiles.temporaryDirectory(self)
        let folder = root + "/mnist"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try TestFiles.write(TestFiles.idx(dimensions: [1, 2, 2], payload: [0, 255, 0, 255]), folder, "t10k-images-idx3-ubyte")
        try TestFiles.write(try Gzip.compress(TestFiles.idx(dimensions: [1], payload: [7])), folder,
                            "t10k-labels-idx1-ubyte.gz")
        let data = try Dataset.mnist(.test, locator: DatasetLocator(environment: ["INFOSCOPE_DATA": root], standardRoots: []))
        XCTAssertEqual(data.labels, [7])
        XCTAssertEqual(data.features, [0, 1, 0, 1])
        XCTAssertEqual(data.classCount, 10)
    }

    func testDebianLocationIsAStandardPlace() {
        let locator = DatasetLocator(environment: [:])
        XCTAssertTrue(locator.directories(folderNames: ["fashion-mnist"]).contains("/usr/share/datasets/fashion-mnist"))
    }

    func testSplitParsing() throws {
        XCTAssertEqual(try DataSplit(parsing: "Train", operation: "mnist"), .train)
        TestFiles.assertThrows(.invalidArgument(operation: "mnist", message: "unknown split 'valid'; expected \"train\" or \"test\"")) {
            try DataSplit(parsing: "valid", operation: "mnist")
        }
    }
}
