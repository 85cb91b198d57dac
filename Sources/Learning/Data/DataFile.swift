import Foundation

/// Reads a data file's bytes, transparently decompressing gzip.
///
/// Compression is detected from the content (the gzip magic bytes 1f 8b), not from the file name,
/// so a `.gz` name on plain data, or a plain name on gzip data, both read correctly.
enum DataFile {
    /// The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// Returns the file's (decompressed) contents.
    ///
    /// - Throws: `DatasetError.unreadable` when the file cannot be read, `.malformed` when it
    ///   starts like gzip but does not decompress.
    static func read(_ path: String) throws -> [UInt8] {
        let raw = try readRaw(path)
        if raw.count >= 2 && raw[0] == gzipMagic[0] && raw[1] == gzipMagic[1] {
            do {
                return try Gzip.decompress(raw)
            } catch let error as Gzip.Failure {
                throw DatasetError.malformed(file: path, problem: error.message)
            }
        }
        return raw
    }

    /// Returns the file's bytes exactly as stored.
    static func readRaw(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetError.unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw DatasetError.unreadable(file: path, reason: "is a directory, not a file")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return [UInt8](data)
        } catch {
            throw DatasetError.unreadable(file: path, reason: error.localizedDescription)
        }
    }

    /// Whether a regular file exists at `path`.
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    /// Whether a directory exists at `path`.
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
