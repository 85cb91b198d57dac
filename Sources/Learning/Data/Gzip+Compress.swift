import CZlib

extension Gzip {
    /// Compresses `input` into one gzip member (zlib's default level), e.g. for writing test
    /// fixtures or compressed exports.
    package static func compress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard czlib_deflate_init_gzip(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else {
            throw Failure(message: "zlib could not start compressing")
        }
        defer { deflateEnd(&stream) }
        // deflateBound is zlib's guaranteed worst case for one call with Z_FINISH.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))))
        let status = input.withUnsafeBufferPointer { source -> Int32 in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw Failure(message: "zlib could not finish compressing (status \(status))")
        }
        return Array(output[0..<Int(stream.total_out)])
    }
}
