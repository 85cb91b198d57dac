import XCTest
@testable import Learning

/// Every malformed file gives an error that names the file and the exact problem.
final class MalformedFileTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = try TestFiles.temporaryDirectory(self)
    }

    /// Two 2×2 images (0, 255, 128, 1 and 4 more) and their labels.
    private func writePair(imageCount: Int = 2, labelCount: Int = 2, gzip: Bool = false) throws
        -> (String, String) {
        var images = TestFiles.idx(dimensions: [imageCount, 2, 2],
                                   payload: (0..<(4 * imageCount)).map { UInt8(($0 * 37) % 256) })
        var labels = TestFiles.idx(dimensions: [labelCount], payload: (0..<labelCount).map { UInt8($0 % 10) })
        if gzip {
            images = try Gzip.compress(images)
            labels = try Gzip.compress(labels)
        }
        return (try TestFiles.write(images, directory, "images"), try TestFiles.write(labels, directory, "labels"))
    }

    func testPlainAndGzipIDXReadTheSame() throws {
        let (images, labels) = try writePair()
        let plain = try Dataset.idx(images: images, labels: labels, name: "t")
        let (gzImages, gzLabels) = try writePair(gzip: true)
        let packed = try Dataset.idx(images: gzImages, labels: gzLabels, name: "t")
        XCTAssertEqual(plain, packed)
        XCTAssertEqual(plain.sampleShape, [1, 2, 2])
        XCTAssertEqual(plain.sample(1), [148, 185, 222, 3].map { Float($0) / 255 })
        XCTAssertEqual(plain.labels, [0, 1])
        let raw = try Dataset.idx(images: images, labels: labels, name: "t", scaleToUnit: false)
        XCTAssertEqual(raw.sample(1), [148, 185, 222, 3])
    }

    func testNonFiniteIDXValuesAreRefused() throws {
        let payload = [Float(1), .nan].flatMap { TestFiles.bigEndian($0.bitPattern) }
        let path = try TestFiles.write(TestFiles.idx(type: 0x0D, dimensions: [2], payload: payload), directory, "f")
        TestFiles.assertThrows(.malformed(file: path, problem: "element 1 is nan; data values must be finite")) {
            try IDXFile(path: path)
        }
    }

    func testConcatenatedGzipMembersAreRead() throws {
        let bytes = TestFiles.idx(dimensions: [6], payload: [1, 2, 3, 4, 5, 6])
        let joined = try Gzip.compress(Array(bytes[0..<7])) + Gzip.compress(Array(bytes[7...]))
        let path = try TestFiles.write(joined, directory, "two-members.gz")
        XCTAssertEqual(try IDXFile(path: path).values, [1, 2, 3, 4, 5, 6])
    }

    func testWrongMagic() throws {
        let path = try TestFiles.write([0, 0, 0x07, 3, 0, 0, 0, 1], directory, "bad")
        TestFiles.assertThrows(.malformed(file: path, problem: "bad IDX magic bytes [0 0 7 3]; expected 00 00 <type 08-0e> <rank ≥ 1>")) {
            try IDXFile(path: path)
        }
    }

    func testTruncatedAndOversizedIDX() throws {
        let full = TestFiles.idx(dimensions: [2, 2, 2], payload: [UInt8](repeating: 1, count: 8))
        let short = try TestFiles.write(Array(full.dropLast(3)), directory, "short")
        TestFiles.assertThrows(.malformed(file: short, problem: "truncated: 21 bytes, but dimensions [2, 2, 2] need 24")) {
            try IDXFile(path: short)
        }
        let long = try TestFiles.write(full + [9], directory, "long")
        TestFiles.assertThrows(.malformed(file: long, problem: "has trailing bytes: 25 bytes, but dimensions [2, 2, 2] need 24")) {
            try IDXFile(path: long)
        }
        let header = try TestFiles.write([0, 0, 8, 3, 0, 0], directory, "header")
        TestFiles.assertThrows(containing: ["truncated header", header]) { try IDXFile(path: header) }
    }

    func testImageAndLabelCountMismatch() throws {
        let (images, labels) = try writePair(imageCount: 3, labelCount: 2)
        TestFiles.assertThrows(.malformed(file: labels, problem: "2 labels for 3 images in '\(images)'")) {
            try Dataset.idx(images: images, labels: labels, name: "t")
        }
    }

    func testLabelsAndImagesSwapped() throws {
        let (images, labels) = try writePair()
        TestFiles.assertThrows(containing: ["image file has dimensions [2]", labels]) {
            try Dataset.idx(images: labels, labels: images, name: "t")
        }
    }

    func testCorruptAndTruncatedGzip() throws {
        let bytes = try Gzip.compress(TestFiles.idx(dimensions: [1000], payload: (0..<1000).map { UInt8($0 % 251) }))
        var corrupt = bytes
        for i in 12..<20 { corrupt[i] ^= 0xA5 }
        let bad = try TestFiles.write(corrupt, directory, "corrupt.gz")
        TestFiles.assertThrows(containing: ["malformed data file '\(bad)'", "corrupt gzip data"]) {
            try IDXFile(path: bad)
        }
        let cut = try TestFiles.write(Array(bytes.prefix(bytes.count / 2)), directory, "cut.gz")
        TestFiles.assertThrows(containing: ["'\(cut)'", "gzip stream is truncated"]) { try IDXFile(path: cut) }
        let trailing = try TestFiles.write(bytes + [0x42, 0x42], directory, "trailing.gz")
        TestFiles.assertThrows(containing: ["unexpected bytes after the gzip stream"]) { try IDXFile(path: trailing) }
    }

    func testDecompressionStopsAtTheLimit() throws {
        let packed = try Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        XCTAssertEqual(try Gzip.decompress(packed).count, 1 << 20)
        XCTAssertThrowsError(try Gzip.decompress(packed, limit: 1000)) { error in
            XCTAssertTrue((error as? Gzip.Failure)?.message.contains("more than 1000 bytes") ?? false, "\(error)")
        }
    }

    func testMissingFileAndDirectory() throws {
        let missing = directory + "/nothing"
        TestFiles.assertThrows(.unreadable(file: missing, reason: "no such file")) { try IDXFile(path: missing) }
        TestFiles.assertThrows(.unreadable(file: directory, reason: "is a directory, not a file")) {
            try IDXFile(path: directory)
        }
    }

    func testCIFARWrongSizeAndBadLabel() throws {
        let record = [UInt8](repeating: 3, count: 3073)
        let bad = try TestFiles.write(record + [1, 2], directory, "data_batch_1.bin")
        TestFiles.assertThrows(.malformed(file: bad, problem: "3075 bytes is not a whole number of 3073-byte CIFAR records (2 bytes left over)")) {
            try Dataset.cifar10Batches([bad], name: "c")
        }
        var badLabel = record
        badLabel[0] = 10
        let label = try TestFiles.write(record + badLabel, directory, "labels.bin")
        TestFiles.assertThrows(.malformed(file: label, problem: "record 1 has label 10; expected 0..<10")) {
            try Dataset.cifar10Batches([label], name: "c")
        }
        let good = try Dataset.cifar10Batches([try TestFiles.write(record + record, directory, "ok.bin")], name: "c")
        XCTAssertEqual(good.count, 2)
        XCTAssertEqual(good.labels, [3, 3])
    }

    func testCSVHeaderDetectionAndErrors() throws {
        let withHeader = try TestFiles.write(Array("a,b,label\n1,2.5,0\n3,-4e1,2\n\n".utf8), directory, "h.csv")
        let data = try Dataset.csv(withHeader)
        XCTAssertEqual(data.count, 2)
        XCTAssertEqual(data.features, [1, 2.5, 3, -40])
        XCTAssertEqual(data.labels, [0, 2])
        XCTAssertEqual(data.classCount, 3)
        let firstColumn = try Dataset.csv(withHeader, options: CSVOptions(labelColumn: 0, header: .present,
                                                                          classNames: ["x", "y", "z", "w"]))
        XCTAssertEqual(firstColumn.labels, [1, 3])
        XCTAssertEqual(firstColumn.features, [2.5, 0, -40, 2])
        let ragged = try TestFiles.write(Array("1,2,0\n1,0\n".utf8), directory, "r.csv")
        TestFiles.assertThrows(.malformed(file: ragged, problem: "line 2 has 2 fields; the first line has 3")) {
            try Dataset.csv(ragged)
        }
        let word = try TestFiles.write(Array("1,2,0\n1,x,0\n".utf8), directory, "w.csv")
        TestFiles.assertThrows(.malformed(file: word, problem: "line 2, column 2: 'x' is not a finite number")) {
            try Dataset.csv(word)
        }
        let fraction = try TestFiles.write(Array("1,2,0.5\n".utf8), directory, "f.csv")
        TestFiles.assertThrows(.malformed(file: fraction, problem: "label 0.5 of sample 0 is not a whole number ≥ 0")) {
            try Dataset.csv(fraction)
        }
        let nan = try TestFiles.write(Array("1,2,0\n1,nan,0\n".utf8), directory, "n.csv")
        TestFiles.assertThrows(containing: ["line 2, column 2: 'nan' is not a finite number"]) { try Dataset.csv(nan) }
        TestFiles.assertThrows(containing: ["label column 5 is outside the 3 columns"]) {
            try Dataset.csv(withHeader, options: CSVOptions(labelColumn: 5))
        }
    }
}
