/// One array read from a NumPy `.npy` file (format versions 1, 2 and 3).
///
/// Supported element types: f4, f8, u1, i1, i4, i8 in little or big endian, C (row-major) order.
/// Fortran-order arrays are refused rather than silently transposed.
public struct NPYFile: Equatable, Sendable {
    /// The array's shape; empty for a scalar.
    public let shape: [Int]
    /// The elements converted to Float, in C order.
    public let values: [Float]

    /// The six bytes every .npy file starts with.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads `path` (gzip or plain).
    public init(path: String) throws {
        try self.init(bytes: DataFile.read(path), file: path)
    }

    /// Parses .npy bytes; `file` only names the source in errors.
    init(bytes: [UInt8], file: String) throws {
        let array = try NPYFile.parse(bytes, file: file)
        shape = array.header.shape
        values = array.floats(bytes)
        // NaN or infinity (or a Float64 beyond Float's range) would poison every later sum.
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw DatasetError.malformed(file: file, problem: "element \(bad) is \(values[bad]) as Float32; data values must be finite")
        }
    }

    /// Where the elements of a .npy file are, read from its header; what they hold is left to the
    /// reader (data converts any supported type and wants finite values; weights want floats).
    struct Layout {
        let header: NPYHeader
        let count: Int
        let dataStart: Int

        /// The elements converted to Float, in C order.
        func floats(_ bytes: [UInt8]) -> [Float] {
            bytes.withUnsafeBufferPointer { source in
                (0..<count).map { header.type.decode(source, dataStart + $0 * header.type.size) }
            }
        }

        /// The element `index` of a float64 array, unrounded.
        func double(_ bytes: [UInt8], at index: Int) -> Double {
            bytes.withUnsafeBufferPointer { header.type.decodeDouble($0, dataStart + index * header.type.size) }
        }
    }

    /// The header of .npy `bytes`, checked against the file's size.
    static func parse(_ bytes: [UInt8], file: String) throws -> Layout {
        func fail(_ problem: String) -> DatasetError { .malformed(file: file, problem: problem) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == NPYFile.magic else {
            throw fail("not a .npy file: it does not start with \\x93NUMPY")
        }
        let major = bytes[6]
        guard (1...3).contains(major) else {
            throw fail("unsupported .npy format version \(major).\(bytes[7]); versions 1 to 3 are read")
        }
        // Version 1 stores the header length in 2 bytes; versions 2 and 3 in 4 (little endian).
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw fail("truncated header") }
        var headerLength = 0
        for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + k]) }
        let dataStart = 8 + lengthBytes + headerLength
        guard bytes.count >= dataStart else {
            throw fail("truncated header: it claims \(headerLength) bytes, the file has \(bytes.count - 8 - lengthBytes)")
        }
        let text = String(decoding: bytes[(8 + lengthBytes)..<dataStart], as: UTF8.self)
        let header = try NPYHeader(text, file: file)
        let count = try header.elementCount(file: file)
        // A crafted shape can declare more bytes than Int holds even when its element count fits.
        let (payload, payloadOverflow) = count.multipliedReportingOverflow(by: header.type.size)
        let (expected, totalOverflow) = dataStart.addingReportingOverflow(payload)
        guard !payloadOverflow, !totalOverflow else {
            throw fail("shape \(header.shape) of '\(header.descr)' is too large: its size in bytes does not fit in 64 bits")
        }
        guard bytes.count == expected else {
            let kind = bytes.count < expected ? "truncated" : "has trailing bytes"
            throw fail("\(kind): \(bytes.count) bytes, but shape \(header.shape) of '\(header.descr)' needs \(expected)")
        }
        return Layout(header: header, count: count, dataStart: dataStart)
    }
}

/// The parsed dictionary at the start of a .npy file.
struct NPYHeader {
    /// An element type: kind, size, and whether the bytes are big endian.
    struct ElementType {
        let kind: Character
        let size: Int
        let bigEndian: Bool

        /// Whether the elements are floating point (`f4` or `f8`).
        var isFloat: Bool { kind == "f" }

        /// A float64 element at full precision (to tell one beyond Float's range from infinity).
        func decodeDouble(_ s: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Double {
            var bits: UInt64 = 0
            for k in 0..<size { bits = bits << 8 | UInt64(s[offset + (bigEndian ? k : size - 1 - k)]) }
            return Double(bitPattern: bits)
        }

        func decode(_ s: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Float {
            var bits: UInt64 = 0
            for k in 0..<size {
                let byte = UInt64(s[offset + (bigEndian ? k : size - 1 - k)])
                bits = bits << 8 | byte
            }
            switch (kind, size) {
            case ("f", 4): return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            case ("f", 8): return Float(Double(bitPattern: bits))
            case ("u", _): return Float(bits)
            case ("i", 1): return Float(Int8(truncatingIfNeeded: bits))
            case ("i", 4): return Float(Int32(truncatingIfNeeded: bits))
            default: return Float(Int64(bitPattern: bits))
            }
        }
    }

    let descr: String
    let type: ElementType
    let shape: [Int]

    /// The element types this reader accepts (kind and byte size).
    static let supported: Set<String> = ["f4", "f8", "u1", "i1", "i4", "i8"]

    init(_ text: String, file: String) throws {
        func fail(_ problem: String) -> DatasetError { .malformed(file: file, problem: problem) }
        guard let descr = NPYHeader.value(of: "descr", in: text)?
            .trimmingCharacters(in: ["'", "\""]) else {
            throw fail("header has no 'descr' entry: \(text)")
        }
        self.descr = descr
        guard descr.count == 3, let order = descr.first, "<>|=".contains(order),
              NPYHeader.supported.contains(String(descr.dropFirst())),
              let size = Int(String(descr.last ?? "0")) else {
            throw fail("unsupported element type '\(descr)'; supported: f4, f8, u1, i1, i4, i8 "
                + "with byte order < > | or =")
        }
        type = ElementType(kind: descr.dropFirst().first ?? "f", size: size, bigEndian: order == ">")
        guard let fortran = NPYHeader.value(of: "fortran_order", in: text) else {
            throw fail("header has no 'fortran_order' entry: \(text)")
        }
        guard fortran == "False" else {
            throw fail("Fortran-order (column-major) arrays are not supported; save the array "
                + "in C order (numpy.ascontiguousarray)")
        }
        guard let shapeText = NPYHeader.value(of: "shape", in: text) else {
            throw fail("header has no 'shape' entry: \(text)")
        }
        let parts = shapeText.trimmingCharacters(in: ["(", ")"]).split(separator: ",")
            .map { $0.trimmingCharacters(in: [" "]) }.filter { !$0.isEmpty }
        let dims = parts.compactMap { Int($0) }
        guard dims.count == parts.count, dims.allSatisfy({ $0 >= 0 }) else {
            throw fail("shape \(shapeText) is not a tuple of sizes")
        }
        shape = dims
    }

    func elementCount(file: String) throws -> Int {
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else {
                throw DatasetError.malformed(file: file, problem: "shape \(shape) is too large")
            }
            count = product
        }
        return count
    }

    /// The raw text of the value after `'key':`, up to the next top-level comma or brace.
    static func value(of key: String, in text: String) -> String? {
        guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\""),
              let colon = text[keyRange.upperBound...].firstIndex(of: ":") else { return nil }
        var depth = 0
        var result = ""
        for ch in text[text.index(after: colon)...] {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if depth == 0 && (ch == "," || ch == "}") { break }
            result.append(ch)
        }
        let trimmed = result.trimmingCharacters(in: [" "])
        return trimmed.isEmpty ? nil : trimmed
    }
}
