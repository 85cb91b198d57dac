import CZlib

/// PNG files from 8-bit RGB pixels (ISO/IEC 15948): the signature, a header, the rows
/// compressed by zlib in one data chunk, and the end chunk, each chunk with its CRC-32.
enum PNGEncoder {
    enum Failure: Error, Equatable {
        case compression(Int32)
    }

    /// The file for `width` × `height` pixels given as red, green, blue bytes row by row.
    static func encode(width: Int, height: Int, rgb: [UInt8]) throws -> [UInt8] {
        var header: [UInt8] = []
        append32(UInt32(width), to: &header)
        append32(UInt32(height), to: &header)
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, colour type 2 (RGB), deflate, filter method 0, no interlace
        // Every row starts with its filter type; 2 ("up": each byte minus the byte above) makes
        // the flat areas of a figure compress to almost nothing.
        let stride = 3 * width
        var rows = [UInt8](repeating: 0, count: height * (stride + 1))
        for y in 0..<height {
            rows[y * (stride + 1)] = 2
            for x in 0..<stride {
                let above = y > 0 ? rgb[(y - 1) * stride + x] : 0
                rows[y * (stride + 1) + 1 + x] = rgb[y * stride + x] &- above
            }
        }
        var file: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]
        chunk("IHDR", header, into: &file)
        chunk("IDAT", try compressed(rows), into: &file)
        chunk("IEND", [], into: &file)
        return file
    }

    static func compressed(_ bytes: [UInt8]) throws -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in
            bytes.withUnsafeBufferPointer { b in compress2(o.baseAddress, &size, b.baseAddress, uLong(b.count), 9) }
        }
        guard status == Z_OK else { throw Failure.compression(status) }
        return Array(out.prefix(Int(size)))
    }

    static func chunk(_ type: String, _ data: [UInt8], into file: inout [UInt8]) {
        append32(UInt32(data.count), to: &file)
        let typed = Array(type.utf8) + data
        file += typed
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        append32(UInt32(crc), to: &file)
    }

    static func append32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
    }
}
