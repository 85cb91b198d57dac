/// Little-endian integers and floats appended to, and read from, byte arrays.
struct ByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    mutating func uint16(_ value: UInt16) { for k in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) } }
    mutating func uint32(_ value: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) } }
    mutating func uint64(_ value: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * k))) } }
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
    mutating func append(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }

    /// Float32 values in little-endian order.
    mutating func floats(_ values: [Float]) {
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for v in values { uint32(v.bitPattern) }
    }
}

/// A cursor over bytes that refuses to read past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Whether `count` more bytes are available.
    func has(_ count: Int) -> Bool { count >= 0 && offset <= bytes.count && bytes.count - offset >= count }

    /// The next `width` bytes as a little-endian unsigned integer, or nil at the end.
    mutating func unsigned(_ width: Int) -> UInt64? {
        guard has(width) else { return nil }
        var value: UInt64 = 0
        for k in (0..<width).reversed() { value = value << 8 | UInt64(bytes[offset + k]) }
        offset += width
        return value
    }

    /// The next `count` bytes, or nil at the end.
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard has(count) else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}

/// Float32 values decoded from little-endian bytes.
func decodeFloats(_ bytes: ArraySlice<UInt8>) -> [Float] {
    let base = bytes.startIndex
    return (0..<(bytes.count / 4)).map { i in
        let o = base + 4 * i
        let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
        return Float(bitPattern: bits)
    }
}
