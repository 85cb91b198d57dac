/// NumPy's `.npy` format for one Float32 tensor (written as format version 1.0, `'<f4'`, C order).
/// Reading accepts what the dataset loader's `NPYFile` accepts (f4, f8 and integer types are
/// converted to Float).
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
        do {
            let parsed = try NPYFile(bytes: bytes, file: file)
            return (parsed.shape, parsed.values)
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
}
