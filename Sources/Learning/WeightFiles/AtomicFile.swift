import Foundation

/// Whole-file reads and crash-safe writes (shared with the language for plots).
package enum AtomicFile {
    /// Writes `bytes` to `path` so that readers see either the old file or the complete new one:
    /// the data goes to a temporary file in the same directory (same file system, so the rename
    /// is atomic), is flushed to disk, then renamed over `path`; the directory is flushed too so
    /// the rename survives a crash.
    ///
    /// In a job of several processes only rank 0 writes, and every rank returns (or throws) when
    /// the file is in place, so a rank that reads it next finds it (on a shared file system).
    package static func write(_ bytes: [UInt8], to path: String) throws {
        try Processes.world.onLeader(what: "writing '\(path)'") { try writeHere(bytes, to: path) }
    }

    private static func writeHere(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array((directory + "/." + url.lastPathComponent + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file in '\(directory)'") }
        // mkstemp creates the file readable by its owner only; saved weights are ordinary files.
        _ = fchmod(fd, 0o644)
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        guard close(fd) == 0, synced else { throw failure(path, "writing the temporary file failed") }
        guard rename(temporary, path) == 0 else { throw failure(path, "cannot rename the temporary file into place") }
        ok = true
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// The file's bytes.
    package static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WeightFileError.io(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw WeightFileError.io(file: path, reason: "it is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "cannot read the file" : "cannot read the file (permission denied)"
            throw WeightFileError.io(file: path, reason: reason)
        }
        return [UInt8](data)
    }

    private static func failure(_ path: String, _ reason: String) -> WeightFileError {
        .io(file: path, reason: "\(reason) (\(String(cString: strerror(errno))))")
    }
}
