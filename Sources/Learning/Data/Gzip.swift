import CZlib
import Foundation

/// Gzip decompression through the system zlib, streamed in fixed-size chunks.
///
/// The output grows as zlib produces it; the size stored in the gzip trailer is never trusted
/// (it is only the length modulo 2³², and a damaged file can claim anything).
package enum Gzip {
    /// Why a gzip stream could not be decompressed.
    package struct Failure: Error {
        package let message: String
    }

    /// Output produced per inflate call: large enough to amortise the call, small enough to stay
    /// in cache.
    static let chunkSize = 1 << 18

    /// The default cap on decompressed size: half the machine's memory, so a damaged or hostile
    /// file that inflates without end fails with an error instead of exhausting memory.
    static var defaultLimit: Int {
        Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    }

    /// Decompresses every gzip member of `input` (concatenated members are allowed by RFC 1952).
    ///
    /// - Parameter limit: the most bytes the output may have.
    package static func decompress(_ input: [UInt8], limit: Int = defaultLimit) throws -> [UInt8] {
        var output: [UInt8] = []
        // Image data compresses about 5:1; reserving that much avoids most regrowth.
        output.reserveCapacity(min(limit, input.count.multipliedReportingOverflow(by: 5).partialValue))
        var stream = z_stream()
        guard czlib_inflate_init_gzip(&stream) == Z_OK else {
            throw Failure(message: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        try input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            var feeder = Feeder(base: base, count: source.count)
            try inflateAll(&stream, feeder: &feeder, into: &output, limit: limit)
        }
        return output
    }

    /// Hands the input to zlib in pieces, since zlib counts available input in 32 bits.
    private struct Feeder {
        let base: UnsafePointer<UInt8>
        let count: Int
        var offset = 0

        /// Input not yet handed to zlib.
        var remaining: Int { count - offset }

        mutating func refill(_ stream: inout z_stream) {
            guard stream.avail_in == 0, remaining > 0 else { return }
            let piece = min(remaining, Int(UInt32.max))
            stream.next_in = UnsafeMutablePointer(mutating: base + offset)
            stream.avail_in = UInt32(piece)
            offset += piece
        }

        /// Input bytes zlib has consumed so far.
        func consumed(_ stream: z_stream) -> Int { offset - Int(stream.avail_in) }
    }

    /// Runs inflate until the input is used up, restarting after each complete member.
    private static func inflateAll(_ stream: inout z_stream, feeder: inout Feeder,
                                   into output: inout [UInt8], limit: Int) throws {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            feeder.refill(&stream)
            let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunkSize - Int(stream.avail_out)
            guard output.count + produced <= limit else {
                throw Failure(message: "decompresses to more than \(limit) bytes, the limit "
                    + "(half of this machine's memory)")
            }
            output.append(contentsOf: chunk[0..<produced])
            let inputLeft = stream.avail_in > 0 || feeder.remaining > 0
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another member may follow; anything else after the end is not gzip data.
                guard inputLeft else { return }
                feeder.refill(&stream)
                guard stream.next_in[0] == DataFile.gzipMagic[0] else {
                    throw Failure(message: "unexpected bytes after the gzip stream at offset "
                        + "\(feeder.consumed(stream))")
                }
                guard inflateReset(&stream) == Z_OK else {
                    throw Failure(message: "zlib could not restart for the next gzip member")
                }
            case Z_BUF_ERROR where !inputLeft:
                throw Failure(message: "gzip stream is truncated (ended after \(feeder.count) "
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
