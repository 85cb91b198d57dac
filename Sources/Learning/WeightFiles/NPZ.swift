/// NumPy's `.npz` format: a zip archive of `.npy` files, one per tensor, each entry named
/// `<tensor name>.npy` (what `numpy.savez` writes and `numpy.load` reads back by key). Written
/// without compression; reading also accepts deflate-compressed entries (`numpy.savez_compressed`).
public enum NPZ {
    /// The archive bytes holding `tensors`.
    public static func encode(_ tensors: [NamedTensor]) throws -> [UInt8] {
        do {
            return try ZipArchive.encode(tensors.map {
                ZipArchive.Entry(name: $0.name + ".npy", data: NPY.encode(shape: $0.shape, values: $0.values))
            })
        } catch let failure as ZipFailure {
            throw WeightFileError.malformed(file: "npz", format: "npz", problem: failure.message)
        }
    }

    /// The tensors in `.npz` bytes, in archive order; `file` names the source in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws -> [NamedTensor] {
        let entries: [ZipArchive.Entry]
        do {
            entries = try ZipArchive.decode(bytes)
        } catch let failure as ZipFailure {
            throw WeightFileError.malformed(file: file, format: "npz", problem: failure.message)
        }
        return try entries.map { entry in
            guard entry.name.hasSuffix(".npy") else {
                throw WeightFileError.malformed(file: file, format: "npz", problem: "entry '\(entry.name)' is not a .npy file")
            }
            let (shape, values) = try NPY.decode(entry.data, file: "\(file)[\(entry.name)]")
            return NamedTensor(name: String(entry.name.dropLast(4)), shape: shape, values: values)
        }
    }
}
