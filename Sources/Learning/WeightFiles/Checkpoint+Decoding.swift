extension Checkpoint {
    /// Parses and verifies checkpoint `bytes`; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> Checkpoint {
        func fail(_ problem: String) -> WeightFileError { .malformed(file: file, format: "checkpoint", problem: problem) }
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else {
            throw fail("not a checkpoint: it does not start with the magic bytes 'INFOSCKP'")
        }
        var reader = ByteReader(bytes, offset: 8)
        guard let version = reader.unsigned(4), let count = reader.unsigned(4), let total = reader.unsigned(8) else {
            throw fail("truncated header (\(bytes.count) bytes)")
        }
        guard version == UInt64(Checkpoint.version) else {
            throw fail("format version \(version) is not supported; this build reads version \(Checkpoint.version)")
        }
        guard total == UInt64(bytes.count) else {
            let kind = total > UInt64(bytes.count) ? "truncated" : "has trailing bytes"
            throw fail("\(kind): the header records \(total) bytes, the file has \(bytes.count)")
        }
        let stored = ByteReader(bytes, offset: bytes.count - 4).unsignedValue(4)
        let computed = CRC32.checksum(bytes[0..<(bytes.count - 4)])
        guard stored == UInt64(computed) else {
            throw fail("checksum mismatch (stored \(ZipArchive.hex(UInt32(truncatingIfNeeded: stored))), "
                + "computed \(ZipArchive.hex(computed))): the file is corrupt")
        }
        var sections: [String: [UInt8]] = [:]
        for _ in 0..<count {
            guard let nameLength = reader.unsigned(2), let name = reader.take(Int(nameLength)),
                  let length = reader.unsigned(8), length <= UInt64(bytes.count),
                  let payload = reader.take(Int(length)), reader.offset <= bytes.count - 4 else {
                throw fail("a section runs past the end of the file")
            }
            let key = String(decoding: name, as: UTF8.self)
            guard sections.updateValue(Array(payload), forKey: key) == nil else { throw fail("section '\(key)' appears twice") }
        }
        guard reader.offset == bytes.count - 4 else { throw fail("\(bytes.count - 4 - reader.offset) unused bytes after the sections") }
        guard let network = sections.removeValue(forKey: networkSection) else { throw fail("no '\(networkSection)' section") }
        let tensors = try SafeTensors.decode(network, file: "\(file)[\(networkSection)]").tensors
        return Checkpoint(tensors: tensors, sections: sections)
    }
}

extension ByteReader {
    /// The little-endian unsigned integer at the current offset (0 when out of range).
    func unsignedValue(_ width: Int) -> UInt64 {
        var copy = self
        return copy.unsigned(width) ?? 0
    }
}
