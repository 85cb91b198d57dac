import CZlib

/// Gzip decompression through the system zlib, streamed in fixed-size chunks.
///
/// The output grows as zlib produces it; the size stored in the gzip trailer is never trusted
/// (it is only the length modulo 2³², and a damaged file can claim anything).
enum Gzip {
    /// Why a gzip stream could not be decompressed.
    struct Failure: Error {
        let message: String
    }

    /// Output produced per inflate call: large enough to amortise the call, small enough to stay
    /// in cache.
    static let chunkSize = 1 << 18

    /// Decompresses every gzip member of `input` (concatenated members are allowed by RFC 1952).
    static func decompress(_ input: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        // Image data compresses about 5:1; reserving that much avoids most regrowth.
        output.reserveCapacity(input.count * 5)
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else {
            throw Failure(message: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        try input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = UInt32(source.count)
            try inflateAll(&stream, chunk: &chunk, into: &output, inputCount: source.count)
        }
        return output
    }

    /// Runs inflate until the input is used up, restarting after each complete member.
    private static func inflateAll(_ stream: inout z_stream, chunk: inout [UInt8],
                                   into output: inout [UInt8], inputCount: Int) throws {
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunkSize - Int(stream.avail_out)
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another member may follow; anything else after the end is not gzip data.
                if stream.avail_in == 0 { return }
                guard stream.next_in[0] == DataFile.gzipMagic[0] else {
                    let offset = inputCount - Int(stream.avail_in)
                    throw Failure(message: "unexpected bytes after the gzip stream at offset \(offset)")
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw Failure(message: "zlib could not restart for the next gzip member")
                }
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw Failure(message: "gzip stream is truncated (ended after \(inputCount) "
                    + "compressed bytes, \(output.count) decompressed)")
            default:
                throw Failure(message: "corrupt gzip data: \(zlibMessage(stream, status))")
            }
        }
    }

    private static func zlibMessage(_ stream: z_stream, _ status: Int32) -> String {
        if let message = stream.msg { return String(cString: message) }
        return "zlib status \(status)"
    }
}
