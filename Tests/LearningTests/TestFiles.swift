import Foundation
import XCTest
@testable import Learning

/// Locating the shared real data, and writing fixture files into a fresh temporary directory.
enum TestFiles {
    /// The shared data folder: `$INFOSCOPE_TEST_DATA`, else `../shared/data` beside the package.
    static func sharedData() throws -> String {
        if let path = ProcessInfo.processInfo.environment["INFOSCOPE_TEST_DATA"], !path.isEmpty {
            guard DataFile.isDirectory(path) else {
                throw XCTSkip("INFOSCOPE_TEST_DATA=\(path) is not a directory")
            }
            return path
        }
        // This file is Tests/LearningTests/TestFiles.swift, three levels below the package root.
        // The data sits beside the main checkout (../shared/data); a worktree one folder deeper
        // finds it one level further up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = ["../shared/data", "../../shared/data"].map {
            root.appendingPathComponent($0).standardizedFileURL.path
        }
        guard let path = candidates.first(where: DataFile.isDirectory) else {
            throw XCTSkip("real datasets not found at \(candidates.joined(separator: " or ")); "
                + "set INFOSCOPE_TEST_DATA to run these tests")
        }
        return path
    }

    /// A new empty directory, removed when the test case ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("infoscope-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Writes `bytes` to `directory/name` and returns the path.
    @discardableResult
    static func write(_ bytes: [UInt8], _ directory: String, _ name: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// An IDX file: magic 00 00 type rank, big-endian dimensions, then the payload.
    static func idx(type: UInt8 = 0x08, dimensions: [Int], payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
        for d in dimensions { bytes += bigEndian(UInt32(d)) }
        return bytes + payload
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }

    /// A .npy file with the given version, header dictionary text and payload.
    static func npy(version: UInt8 = 1, header: String, payload: [UInt8]) -> [UInt8] {
        var text = Array(header.utf8)
        let lengthBytes = version == 1 ? 2 : 4
        // Pad with spaces and a newline so the data starts on a 64-byte boundary, as numpy does.
        while (8 + lengthBytes + text.count + 1) % 64 != 0 { text.append(UInt8(ascii: " ")) }
        text.append(UInt8(ascii: "\n"))
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        for k in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * k))) }
        return bytes + text + payload
    }

    /// Checks that `body` throws exactly `expected`.
    static func assertThrows<T>(_ expected: DatasetError, file: StaticString = #filePath,
                                line: UInt = #line, _ body: () throws -> T) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? DatasetError, expected, file: file, line: line)
        }
    }

    /// Checks that `body` throws a `DatasetError` whose message contains every one of `parts`.
    static func assertThrows<T>(containing parts: [String], file: StaticString = #filePath,
                                line: UInt = #line, _ body: () throws -> T) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            guard let error = error as? DatasetError else {
                return XCTFail("not a DatasetError: \(error)", file: file, line: line)
            }
            for part in parts {
                XCTAssertTrue(error.description.contains(part),
                              "'\(error.description)' lacks '\(part)'", file: file, line: line)
            }
        }
    }
}
