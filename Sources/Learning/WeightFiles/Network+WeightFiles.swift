extension Network {
    /// Every stored tensor under its parameter name.
    public var namedTensors: [NamedTensor] { allParameters.map(NamedTensor.init) }

    /// Writes every parameter and statistic to a safetensors file, atomically.
    public func exportSafeTensors(to path: String, metadata: [String: String] = [:]) throws {
        try AtomicFile.write(SafeTensors.encode(namedTensors, metadata: metadata), to: path)
    }

    /// Loads a safetensors file whose names and shapes match this network exactly (and whose
    /// values are finite, unless `allowNonFinite`).
    public func importSafeTensors(from path: String, allowNonFinite: Bool = false) throws {
        let decoded = try SafeTensors.decode(AtomicFile.read(path), file: path)
        try load(decoded.tensors, file: path, allowNonFinite: allowNonFinite)
    }

    /// Writes every parameter and statistic to an uncompressed `.npz` archive, atomically.
    public func exportNPZ(to path: String) throws {
        try AtomicFile.write(NPZ.encode(namedTensors), to: path)
    }

    /// Loads an `.npz` archive (float32 or float64 entries) whose entry names and shapes match
    /// this network exactly (and whose values are finite, unless `allowNonFinite`).
    public func importNPZ(from path: String, allowNonFinite: Bool = false) throws {
        try load(NPZ.decode(AtomicFile.read(path), file: path), file: path, allowNonFinite: allowNonFinite)
    }

    /// Writes a checkpoint of this network plus extra `sections`, atomically.
    public func saveCheckpoint(to path: String, sections: [String: [UInt8]] = [:]) throws {
        try Checkpoint(network: self, sections: sections).write(to: path)
    }

    /// Loads a checkpoint into this network (all or nothing; finite values only unless
    /// `allowNonFinite`) and returns its extra sections.
    @discardableResult
    public func loadCheckpoint(from path: String, allowNonFinite: Bool = false) throws -> [String: [UInt8]] {
        let checkpoint = try Checkpoint.read(path)
        try checkpoint.apply(to: self, file: path, allowNonFinite: allowNonFinite)
        return checkpoint.sections
    }

    /// Assigns `tensors` to the parameters, refusing any difference in names or shapes.
    func load(_ tensors: [NamedTensor], file: String, allowNonFinite: Bool) throws {
        guard isBuilt else {
            throw WeightFileError.mismatch(file: file, problem: "the network is not built; build it before loading weights")
        }
        try NamedTensor.apply(tensors, to: allParameters, file: file, allowNonFinite: allowNonFinite)
    }
}
