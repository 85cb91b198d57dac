import Foundation

/// The safetensors format (as written by Hugging Face's `safetensors`): an 8-byte little-endian
/// header length, a JSON header mapping each tensor name to `{"dtype", "shape", "data_offsets"}`
/// (offsets relative to the end of the header) plus an optional `"__metadata__"` map of strings,
/// then the raw little-endian data. Only `F32` tensors are written and read. See `docs/weights.md`.
public enum SafeTensors {
    /// The format's name in errors.
    static let format = "safetensors"
    /// Headers beyond 100 MB are refused, as the reference implementation does, so a corrupt
    /// length cannot make the reader allocate gigabytes.
    static let maxHeaderBytes = 100_000_000

    /// The file's bytes for `tensors`, in order, with optional string metadata.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String] = [:]) throws -> [UInt8] {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(TextFormat.jsonString($0)):\(TextFormat.jsonString(metadata[$0] ?? ""))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for t in tensors {
            guard t.values.count == t.shape.reduce(1, *) else {
                throw WeightFileError.malformed(file: t.name, format: format,
                                                problem: "tensor '\(t.name)' has \(t.values.count) values for shape \(t.shape)")
            }
            let end = offset + 4 * t.values.count
            let shape = t.shape.map(String.init).joined(separator: ",")
            entries.append("\(TextFormat.jsonString(t.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        // Spaces pad the header so the data starts on an 8-byte boundary, as the reference writer does.
        while header.count % 8 != 0 { header.append(0x20) }
        var writer = ByteWriter()
        writer.uint64(UInt64(header.count))
        writer.append(header)
        for t in tensors { writer.floats(t.values) }
        return writer.bytes
    }

    /// The tensors and metadata in safetensors `bytes`; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> (tensors: [NamedTensor], metadata: [String: String]) {
        func fail(_ problem: String) -> WeightFileError { .malformed(file: file, format: format, problem: problem) }
        var reader = ByteReader(bytes)
        guard let length = reader.unsigned(8) else { throw fail("truncated: \(bytes.count) bytes, shorter than the 8-byte header length") }
        guard length <= UInt64(maxHeaderBytes) else { throw fail("header length \(length) is implausibly large") }
        guard let headerBytes = reader.take(Int(length)) else {
            throw fail("truncated: the header claims \(length) bytes, the file has \(bytes.count - 8) after the length")
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(headerBytes)), let header = json as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        let dataStart = 8 + Int(length)
        let dataCount = bytes.count - dataStart
        var metadata: [String: String] = [:]
        var found: [(NamedTensor, Int)] = []
        for (name, entry) in header {
            if name == "__metadata__" {
                guard let map = entry as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = map
                continue
            }
            let (tensor, begin) = try decodeEntry(name, entry, bytes: bytes, dataStart: dataStart,
                                                       dataCount: dataCount, fail: fail)
            found.append((tensor, begin))
        }
        found.sort { $0.1 < $1.1 }
        try checkCoverage(found.map { ($0.0.name, $0.1, $0.1 + 4 * $0.0.values.count) }, dataCount: dataCount, fail: fail)
        return (found.map(\.0), metadata)
    }

    /// One header entry, validated against the data section.
    private static func decodeEntry(_ name: String, _ entry: Any, bytes: [UInt8], dataStart: Int, dataCount: Int,
                                    fail: (String) -> WeightFileError) throws -> (NamedTensor, Int) {
        guard let fields = entry as? [String: Any], let dtype = fields["dtype"] as? String,
              let shape = fields["shape"] as? [Int], let offsets = fields["data_offsets"] as? [Int],
              offsets.count == 2 else {
            throw fail("entry '\(name)' needs dtype, shape and two data_offsets")
        }
        guard dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(dtype); only F32 is supported") }
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !overflow else { throw fail("tensor '\(name)' has an invalid shape \(shape)") }
            count = product
        }
        let begin = offsets[0], end = offsets[1]
        guard begin >= 0, begin <= end, end <= dataCount else {
            throw fail("tensor '\(name)' has offsets [\(begin), \(end)] outside the \(dataCount)-byte data section (truncated?)")
        }
        let (bytesNeeded, tooLarge) = count.multipliedReportingOverflow(by: 4)
        guard !tooLarge, end - begin == bytesNeeded else {
            throw fail("tensor '\(name)' spans \(end - begin) bytes but shape \(shape) of F32 needs \(tooLarge ? "more" : "\(bytesNeeded)")")
        }
        let values = decodeFloats(bytes[(dataStart + begin)..<(dataStart + end)])
        return (NamedTensor(name: name, shape: shape, values: values), begin)
    }

    /// The tensors must tile the data section exactly: no gap, overlap or trailing bytes.
    private static func checkCoverage(_ spans: [(String, Int, Int)], dataCount: Int,
                                      fail: (String) -> WeightFileError) throws {
        var position = 0
        for (name, begin, end) in spans {
            guard begin == position else { throw fail("tensor '\(name)' starts at \(begin), expected \(position) (gap or overlap)") }
            position = end
        }
        guard position == dataCount else { throw fail("\(dataCount - position) bytes after the last tensor") }
    }

}
