extension Checkpoint {
    /// A section holding named whole numbers and reals exactly (step counts, seeds, running sums):
    /// entry count (4 bytes), then per entry key length (2), UTF-8 key, type (1 byte: 0 for a
    /// 64-bit integer, 1 for a 64-bit float) and the 8-byte little-endian value; keys sorted.
    /// Binary rather than text so a resumed run sees the same bits.
    public static func valueSection(integers: [String: Int64] = [:], reals: [String: Double] = [:]) throws -> [UInt8] {
        var entries: [(String, UInt8, UInt64)] = integers.map { ($0.key, 0, UInt64(bitPattern: $0.value)) }
        entries += reals.map { ($0.key, 1, $0.value.bitPattern) }
        entries.sort { $0.0 < $1.0 }
        var writer = ByteWriter()
        writer.uint32(UInt32(entries.count))
        for (key, type, bits) in entries {
            let keyBytes = Array(key.utf8)
            guard keyBytes.count < 0xFFFF, integers[key] == nil || reals[key] == nil else {
                throw WeightFileError.malformed(file: "checkpoint", format: "checkpoint",
                                                problem: "value key '\(key)' is too long or both an integer and a real")
            }
            writer.uint16(UInt16(keyBytes.count))
            writer.append(keyBytes)
            writer.bytes.append(type)
            writer.uint64(bits)
        }
        return writer.bytes
    }

    /// The integers and reals of section `name`, written by `valueSection`.
    public func values(inSection name: String, file: String) throws -> (integers: [String: Int64], reals: [String: Double]) {
        func fail(_ problem: String) -> WeightFileError { .malformed(file: file, format: "checkpoint", problem: problem) }
        guard let payload = sections[name] else { throw fail("no section named '\(name)'") }
        var reader = ByteReader(payload)
        guard let count = reader.unsigned(4) else { throw fail("section '\(name)' is truncated") }
        var integers: [String: Int64] = [:], reals: [String: Double] = [:]
        for _ in 0..<count {
            guard let length = reader.unsigned(2), let key = reader.take(Int(length)), let type = reader.unsigned(1),
                  let bits = reader.unsigned(8) else {
                throw fail("section '\(name)' is truncated")
            }
            let text = String(decoding: key, as: UTF8.self)
            switch type {
            case 0: integers[text] = Int64(bitPattern: bits)
            case 1: reals[text] = Double(bitPattern: bits)
            default: throw fail("section '\(name)': entry '\(text)' has unknown type \(type)")
            }
        }
        guard reader.offset == payload.count else { throw fail("section '\(name)' has \(payload.count - reader.offset) trailing bytes") }
        return (integers, reals)
    }
}
