import XCTest
@testable import Learning

/// The .npy reader: versions, byte orders, element types, and the errors.
final class NPYTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = try TestFiles.temporaryDirectory(self)
    }

    private func header(_ descr: String, _ shape: String, fortran: String = "False") -> String {
        "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }"
    }

    private func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { v in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    }

    func testVersion1LittleEndianFloat32() throws {
        let payload = littleEndian([Float(1.5), -2, 0.25, 8].map(\.bitPattern))
        let path = try TestFiles.write(TestFiles.npy(header: header("<f4", "(2, 2)"), payload: payload), directory, "a.npy")
        let array = try NPYFile(path: path)
        XCTAssertEqual(array.shape, [2, 2])
        XCTAssertEqual(array.values, [1.5, -2, 0.25, 8])
    }

    func testVersion2BigEndianFloat64() throws {
        let payload = [0.5, -3.0, 1e10].flatMap { v -> [UInt8] in
            (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> UInt64(8 * (7 - $0))) }
        }
        let path = try TestFiles.write(TestFiles.npy(version: 2, header: header(">f8", "(3,)"), payload: payload),
                                       directory, "b.npy")
        XCTAssertEqual(try NPYFile(path: path).values, [0.5, -3, 1e10])
    }

    func testVersion3IntegerTypesAndGzip() throws {
        let bytes = TestFiles.npy(version: 3, header: header("|u1", "(3,)"), payload: [0, 200, 255])
        let u1 = try TestFiles.write(try Gzip.compress(bytes), directory, "c.npy.gz")
        XCTAssertEqual(try NPYFile(path: u1).values, [0, 200, 255])
        let i4 = try TestFiles.write(TestFiles.npy(header: header("<i4", "(2,)"), payload: littleEndian([Int32(-7), 9])),
                                     directory, "d.npy")
        XCTAssertEqual(try NPYFile(path: i4).values, [-7, 9])
        let i8 = try TestFiles.write(TestFiles.npy(header: header("<i8", "(2,)"), payload: littleEndian([Int64(-1), 1 << 40])),
                                     directory, "e.npy")
        XCTAssertEqual(try NPYFile(path: i8).values, [-1, Float(1 << 40)])
        let bigInt = TestFiles.bigEndian(UInt32(bitPattern: -5)) + TestFiles.bigEndian(6)
        let i4be = try TestFiles.write(TestFiles.npy(header: header(">i4", "(2,)"), payload: bigInt), directory, "f.npy")
        XCTAssertEqual(try NPYFile(path: i4be).values, [-5, 6])
    }

    func testDatasetFromFeatureAndLabelFiles() throws {
        let x = try TestFiles.write(TestFiles.npy(header: header("|u1", "(3, 2)"), payload: [1, 2, 3, 4, 5, 6]),
                                    directory, "x.npy")
        let y = try TestFiles.write(TestFiles.npy(header: header("<i8", "(3,)"), payload: littleEndian([Int64(2), 0, 1])),
                                    directory, "y.npy")
        let data = try Dataset.npy(features: x, labels: y, name: "n")
        XCTAssertEqual(data.sampleShape, [2])
        XCTAssertEqual(data.labels, [2, 0, 1])
        XCTAssertEqual(data.sample(2), [5, 6])
        let y2 = try TestFiles.write(TestFiles.npy(header: header("|u1", "(2,)"), payload: [0, 1]), directory, "y2.npy")
        TestFiles.assertThrows(.malformed(file: y2, problem: "2 labels for 3 samples in '\(x)'")) {
            try Dataset.npy(features: x, labels: y2)
        }
    }

    func testFortranOrderIsRefused() throws {
        let path = try TestFiles.write(TestFiles.npy(header: header("<f4", "(1, 1)", fortran: "True"),
                                                     payload: [0, 0, 0, 0]), directory, "f.npy")
        TestFiles.assertThrows(containing: [path, "Fortran-order (column-major) arrays are not supported"]) {
            try NPYFile(path: path)
        }
    }

    func testBadHeaders() throws {
        let magic = try TestFiles.write(Array("NUMPY-no-magic".utf8), directory, "m.npy")
        TestFiles.assertThrows(.malformed(file: magic, problem: "not a .npy file: it does not start with \\x93NUMPY")) {
            try NPYFile(path: magic)
        }
        let type = try TestFiles.write(TestFiles.npy(header: header("<c8", "(1,)"), payload: []), directory, "t.npy")
        TestFiles.assertThrows(containing: ["unsupported element type '<c8'"]) { try NPYFile(path: type) }
        let shape = try TestFiles.write(TestFiles.npy(header: header("<f4", "(a, 2)"), payload: []), directory, "s.npy")
        TestFiles.assertThrows(containing: ["shape (a, 2) is not a tuple of sizes"]) { try NPYFile(path: shape) }
        let noDescr = try TestFiles.write(TestFiles.npy(header: "{'shape': (1,), 'fortran_order': False}", payload: []),
                                          directory, "n.npy")
        TestFiles.assertThrows(containing: ["header has no 'descr' entry"]) { try NPYFile(path: noDescr) }
        let version = try TestFiles.write(TestFiles.npy(version: 4, header: header("<f4", "(1,)"), payload: [0, 0, 0, 0]),
                                          directory, "v.npy")
        TestFiles.assertThrows(containing: ["unsupported .npy format version 4.0"]) { try NPYFile(path: version) }
        let short = try TestFiles.write(TestFiles.npy(header: header("<f4", "(4,)"), payload: [0, 0, 0, 0]),
                                        directory, "short.npy")
        TestFiles.assertThrows(containing: ["truncated", "shape [4] of '<f4'"]) { try NPYFile(path: short) }
    }

    func testHugeDeclaredShapesAreRefusedWithoutOverflow() throws {
        // 2³¹ × 2³¹ elements fit in Int, but 2⁶² elements of 4 bytes do not; 2⁶¹ × 4 bytes fits
        // the multiplication but not the addition of the header length.
        for (shape, descr) in [("(2147483648, 2147483648)", "<f4"), ("(2305843009213693951,)", "<f4"),
                               ("(4294967296, 4294967296)", "<f8")] {
            let path = try TestFiles.write(TestFiles.npy(header: header(descr, shape), payload: [0, 0, 0, 0]),
                                           directory, "huge.npy")
            TestFiles.assertThrows(containing: [path, "is too large"]) { try NPYFile(path: path) }
        }
    }
}
