/// One array read from an IDX file (the format of MNIST and Fashion-MNIST).
///
/// Layout: two zero bytes, a type code, the number of dimensions, one big-endian UInt32 per
/// dimension, then the elements in row-major order, big-endian.
public struct IDXFile: Equatable, Sendable {
    /// The sizes of the dimensions, outermost first.
    public let dimensions: [Int]
    /// The elements converted to Float, in file order.
    public let values: [Float]

    /// IDX type codes and their element sizes in bytes.
    static let elementSizes: [UInt8: Int] = [
        0x08: 1, // unsigned byte
        0x09: 1, // signed byte
        0x0B: 2, // big-endian Int16
        0x0C: 4, // big-endian Int32
        0x0D: 4, // big-endian Float32
        0x0E: 8, // big-endian Float64
    ]

    /// Reads `path` (gzip or plain) and checks that its size matches its header exactly.
    ///
    /// - Parameter divisor: divides every element; unsigned-byte images use 255 for [0, 1]
    ///   (a division, so each pixel is the Float nearest to byte/255).
    public init(path: String, divisor: Float = 1) throws {
        try self.init(bytes: DataFile.read(path), file: path, divisor: divisor)
    }

    /// Parses IDX bytes; `file` only names the source in errors.
    init(bytes: [UInt8], file: String, divisor: Float = 1) throws {
        func fail(_ problem: String) -> DatasetError { .malformed(file: file, problem: problem) }
        guard bytes.count >= 4 else {
            throw fail("only \(bytes.count) bytes; an IDX header needs at least 4")
        }
        let magic = bytes[0..<4].map { String($0, radix: 16) }.joined(separator: " ")
        guard bytes[0] == 0, bytes[1] == 0, let elementSize = IDXFile.elementSizes[bytes[2]],
              bytes[3] > 0 else {
            throw fail("bad IDX magic bytes [\(magic)]; expected 00 00 <type 08-0e> <rank ≥ 1>")
        }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw fail("truncated header: \(bytes.count) bytes, \(headerSize) needed for \(rank) dimensions")
        }
        let dims = (0..<rank).map { Int(IDXFile.bigEndianUInt32(bytes, at: 4 + 4 * $0)) }
        // Checked multiplication: a corrupt header must not overflow into a small, wrong size.
        var count = 1
        for d in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw fail("dimensions \(dims) are too large") }
            count = product
        }
        let expected = headerSize + count * elementSize
        guard bytes.count == expected else {
            let kind = bytes.count < expected ? "truncated" : "has trailing bytes"
            throw fail("\(kind): \(bytes.count) bytes, but dimensions \(dims) need \(expected)")
        }
        dimensions = dims
        values = IDXFile.decode(bytes, from: headerSize, count: count, type: bytes[2], divisor: divisor)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw fail("element \(bad) is \(values[bad]); data values must be finite")
        }
    }

    static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    private static func decode(_ bytes: [UInt8], from start: Int, count: Int, type: UInt8,
                               divisor: Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { out, initialised in
            bytes.withUnsafeBufferPointer { source in
                for i in 0..<count {
                    out[i] = element(source, start, i, type) / divisor
                }
            }
            initialised = count
        }
    }

    @inline(__always)
    private static func element(_ s: UnsafeBufferPointer<UInt8>, _ start: Int, _ i: Int,
                                _ type: UInt8) -> Float {
        switch type {
        case 0x08:
            return Float(s[start + i])
        case 0x09:
            return Float(Int8(bitPattern: s[start + i]))
        case 0x0B:
            let o = start + 2 * i
            return Float(Int16(bitPattern: UInt16(s[o]) << 8 | UInt16(s[o + 1])))
        case 0x0C, 0x0D:
            let o = start + 4 * i
            let bits = UInt32(s[o]) << 24 | UInt32(s[o + 1]) << 16 | UInt32(s[o + 2]) << 8
                | UInt32(s[o + 3])
            return type == 0x0C ? Float(Int32(bitPattern: bits)) : Float(bitPattern: bits)
        default:
            let o = start + 8 * i
            var bits: UInt64 = 0
            for k in 0..<8 { bits = bits << 8 | UInt64(s[o + k]) }
            return Float(Double(bitPattern: bits))
        }
    }
}
