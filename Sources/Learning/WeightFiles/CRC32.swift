import CZlib

/// The CRC-32 of zip, gzip and PNG (polynomial 0xEDB88320), computed by the system zlib.
enum CRC32 {
    /// The checksum of `bytes`.
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { buffer in
            var crc = crc32(0, nil, 0)
            guard let base = buffer.baseAddress else { return UInt32(truncatingIfNeeded: crc) }
            var offset = 0
            // zlib takes a 32-bit length; feed it in chunks below that.
            let chunk = 1 << 30
            while offset < buffer.count {
                let n = min(chunk, buffer.count - offset)
                crc = crc32(crc, base + offset, uInt(n))
                offset += n
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}
