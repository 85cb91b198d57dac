/// NumPy's `.npy` format for one Float32 tensor (written as format version 1.0, `'<f4'`, C order).
/// Reading takes float32 and float64 arrays in either byte order (float64 rounded to the nearest
/// float32, as `torch.from_numpy(a).float()` does) and refuses integer arrays: weights saved as
/// integers are almost certainly the wrong file. NaN and infinite values are read; loading them
/// into a network is refused unless allowed (`NamedTensor.apply`).
public enum NPY {
    /// The bytes of a `.npy` file holding `shape` and `values`.
    public static func encode(shape: [Int], values: [Float]) -> [UInt8] {
        let dims = shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? "," : "")
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }"
        // Magic (6) + version (2) + length (2) + header must be a multiple of 64, ending in a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var writer = ByteWriter()
        writer.append([0x93] + Array("NUMPY".utf8) + [1, 0])
        writer.uint16(UInt16(header.utf8.count))
        writer.append(header)
        writer.floats(values)
        return writer.bytes
    }

    /// The shape and values in `.npy` bytes; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> (shape: [Int], values: [Float]) {
        try checkSize(bytes, file: file)
        do {
            let layout = try NPYFile.parse(bytes, file: file)
            let type = layout.header.type
            guard type.isFloat else {
                throw WeightFileError.malformed(file: file, format: "npy", problem: "its elements are '\(layout.header.descr)' "
                    + "(integers); weights are read from float32 ('<f4') or float64 ('<f8') arrays")
            }
            let values = layout.floats(bytes)
            // A float64 beyond float32's range would silently become infinite.
            if type.size == 8, let index = values.indices.first(where: { values[$0].isInfinite && layout.double(bytes, at: $0).isFinite }) {
                throw WeightFileError.malformed(file: file, format: "npy", problem: "element \(index) is "
                    + "\(layout.double(bytes, at: index)), beyond the range of float32 (about ±3.4e38) that weights are held in")
            }
            return (layout.header.shape, values)
        } catch let error as DatasetError {
            let problem: String
            if case .malformed(_, let text) = error { problem = text } else { problem = "\(error)" }
            throw WeightFileError.malformed(file: file, format: "npy", problem: problem)
        }
    }

    /// Writes one tensor to a `.npy` file, atomically.
    public static func write(_ tensor: NamedTensor, to path: String) throws {
        try AtomicFile.write(encode(shape: tensor.shape, values: tensor.values), to: path)
    }

    /// Reads one tensor from a `.npy` file.
    public static func read(_ path: String) throws -> (shape: [Int], values: [Float]) {
        try decode(AtomicFile.read(path), file: path)
    }

    /// Refuses a header whose shape needs more bytes than an Int can count, before the shared
    /// reader multiplies the element count by the element size.
    private static func checkSize(_ bytes: [UInt8], file: String) throws {
        guard bytes.count >= 10, bytes[0] == 0x93, (1...3).contains(bytes[6]) else { return }
        let lengthBytes = bytes[6] == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { return }
        var headerLength = 0
        for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + k]) }
        guard bytes.count >= 8 + lengthBytes + headerLength else { return }
        let text = String(decoding: bytes[(8 + lengthBytes)..<(8 + lengthBytes + headerLength)], as: UTF8.self)
        guard let header = try? NPYHeader(text, file: file), let count = try? header.elementCount(file: file) else { return }
        let (total, overflow) = count.multipliedReportingOverflow(by: header.type.size)
        if overflow || total > bytes.count {
            throw WeightFileError.malformed(file: file, format: "npy",
                                            problem: "truncated: shape \(header.shape) needs more data than the \(bytes.count)-byte file holds")
        }
    }
}
