import Foundation
import XCTest

/// Finds the built `infoscope` executable: next to the test bundle in the build products
/// directory, or wherever `INFOSCOPE_BINARY` says.
enum InfoscopeBinary {
    /// The executable's path, or nil when it cannot be found.
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["INFOSCOPE_BINARY"] { return explicit }
        var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories
            .map { $0.appendingPathComponent("infoscope").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The executable's path, failing the test when it is missing.
    static func require() throws -> String {
        guard let path else {
            throw XCTSkip("the infoscope executable was not found next to the test bundle; set INFOSCOPE_BINARY")
        }
        return path
    }
}

/// A scratch directory for one test, removed when the test ends.
final class ScratchDirectory {
    /// The directory's path.
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("infoscope-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    /// Writes `text` to a file named `name` in the directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Writes raw bytes to a file named `name` and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
