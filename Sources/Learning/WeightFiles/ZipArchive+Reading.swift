import CZlib

extension ZipArchive {
    /// The entries of the archive in `bytes`, in central-directory order.
    static func decode(_ bytes: [UInt8]) throws -> [Entry] {
        let end = try findEnd(bytes)
        var reader = ByteReader(bytes, offset: end + 10)
        guard let count = reader.unsigned(2), let size = reader.unsigned(4), let start = reader.unsigned(4) else {
            throw ZipFailure("truncated end of central directory")
        }
        guard count != 0xFFFF, start != 0xFFFF_FFFF else { throw ZipFailure("zip64 archives are not supported") }
        guard Int(start) + Int(size) <= end else { throw ZipFailure("central directory lies outside the file (truncated?)") }
        var central = ByteReader(bytes, offset: Int(start))
        return try (0..<Int(count)).map { _ in try readEntry(&central, bytes) }
    }

    /// The offset of the end-of-central-directory record, searched backwards past any comment.
    private static func findEnd(_ bytes: [UInt8]) throws -> Int {
        guard bytes.count >= 22 else { throw ZipFailure("too short for a zip archive (\(bytes.count) bytes)") }
        // The record is 22 bytes plus a comment of at most 65,535 bytes.
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        for offset in stride(from: bytes.count - 22, through: lowest, by: -1) {
            var reader = ByteReader(bytes, offset: offset)
            if reader.unsigned(4) == UInt64(endSignature) { return offset }
        }
        throw ZipFailure("no end-of-central-directory record: not a zip archive, or truncated")
    }

    /// One central-directory record and its data, decompressed and CRC-checked.
    private static func readEntry(_ central: inout ByteReader, _ bytes: [UInt8]) throws -> Entry {
        guard central.unsigned(4) == UInt64(centralSignature) else { throw ZipFailure("corrupt central directory") }
        guard central.take(4) != nil, let flags = central.unsigned(2), let method = central.unsigned(2),
              central.take(4) != nil, let crc = central.unsigned(4), let packed = central.unsigned(4),
              let size = central.unsigned(4), let nameLength = central.unsigned(2), let extra = central.unsigned(2),
              let comment = central.unsigned(2), central.take(8) != nil, let offset = central.unsigned(4),
              let nameBytes = central.take(Int(nameLength)), central.take(Int(extra) + Int(comment)) != nil else {
            throw ZipFailure("truncated central directory")
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        guard flags & 1 == 0 else { throw ZipFailure("entry '\(name)' is encrypted") }
        var local = ByteReader(bytes, offset: Int(offset))
        guard local.unsigned(4) == UInt64(localSignature), local.take(22) != nil,
              let localName = local.unsigned(2), let localExtra = local.unsigned(2),
              local.take(Int(localName) + Int(localExtra)) != nil, let stored = local.take(Int(packed)) else {
            throw ZipFailure("entry '\(name)': local header or data is missing (truncated?)")
        }
        // Deflate cannot expand data more than 1032-fold, so a larger claim is corrupt; checking
        // it first keeps a damaged size field from allocating gigabytes.
        guard method != 8 || Int(size) <= Int(packed) * 1032 + 1024 else {
            throw ZipFailure("entry '\(name)' claims \(size) bytes from \(packed) compressed bytes: corrupt sizes")
        }
        let data: [UInt8]
        switch method {
        case 0: data = Array(stored)
        case 8: data = try inflateRaw(Array(stored), expected: Int(size), name: name)
        default: throw ZipFailure("entry '\(name)' uses compression method \(method); only stored (0) and deflate (8) are read")
        }
        guard data.count == Int(size) else { throw ZipFailure("entry '\(name)' has \(data.count) bytes, expected \(size)") }
        let actual = CRC32.checksum(data)
        guard actual == UInt32(crc) else {
            throw ZipFailure("entry '\(name)' is corrupt: CRC-32 \(hex(actual)) does not match the stored \(hex(UInt32(crc)))")
        }
        return Entry(name: name, data: data)
    }

    /// Raw deflate data (no zlib or gzip wrapper) inflated by zlib.
    private static func inflateRaw(_ input: [UInt8], expected: Int, name: String) throws -> [UInt8] {
        var stream = z_stream()
        // Negative window bits select a raw deflate stream; 15 is the largest window.
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipFailure("zlib could not start inflating '\(name)'")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(expected, 1))
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source -> Int32 in
            output.withUnsafeMutableBufferPointer { target -> Int32 in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ZipFailure("entry '\(name)' is not valid deflate data (status \(status))") }
        return Array(output.prefix(Int(stream.total_out)))
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
