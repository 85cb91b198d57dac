/// A training checkpoint: the network's tensors plus named sections of extra state (optimizer
/// buffers, run position, …), in one versioned, checksummed file. Layout (little endian; see
/// `docs/weights.md`):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `INFOSCKP` |
/// | 4 | format version (1) |
/// | 4 | section count |
/// | 8 | total file length in bytes |
/// | … | sections: name length (2), UTF-8 name, payload length (8), payload |
/// | 4 | CRC-32 of every byte before it |
///
/// The network is the section `network`, stored as safetensors bytes. Files are written
/// atomically; a truncated, corrupt, wrong-version or mismatched file is refused with an error
/// naming the file and the problem.
public struct Checkpoint: Equatable {
    /// The eight bytes every checkpoint starts with.
    public static let magic = Array("INFOSCKP".utf8)
    /// The format version this build writes and reads.
    public static let version: UInt32 = 1
    /// The section holding the network's tensors.
    public static let networkSection = "network"
    /// Magic, version, section count and total length.
    static let headerBytes = 24

    /// The network's tensors (trainable and statistics), by name.
    public var network: [NamedTensor]
    /// Extra state by section name; written sorted by name so equal checkpoints are equal bytes.
    public var sections: [String: [UInt8]]

    /// A checkpoint of `network`'s current values plus `sections`.
    public init(network: Network, sections: [String: [UInt8]] = [:]) {
        self.init(tensors: network.allParameters.map(NamedTensor.init), sections: sections)
    }

    /// A checkpoint of the given tensors plus `sections`.
    public init(tensors: [NamedTensor], sections: [String: [UInt8]] = [:]) {
        self.network = tensors
        self.sections = sections
    }

    /// The file's bytes.
    public func encode() throws -> [UInt8] {
        guard sections[Checkpoint.networkSection] == nil else {
            throw WeightFileError.malformed(file: "checkpoint", format: "checkpoint",
                                            problem: "the section name '\(Checkpoint.networkSection)' is reserved for the network")
        }
        var all = [(Checkpoint.networkSection, try SafeTensors.encode(network))]
        all += sections.keys.sorted().map { ($0, sections[$0] ?? []) }
        var body = ByteWriter()
        for (name, payload) in all {
            let nameBytes = Array(name.utf8)
            guard !nameBytes.isEmpty, nameBytes.count < 0xFFFF else {
                throw WeightFileError.malformed(file: "checkpoint", format: "checkpoint",
                                                problem: "section name '\(name)' must have 1 to 65,534 bytes")
            }
            body.uint16(UInt16(nameBytes.count))
            body.append(nameBytes)
            body.uint64(UInt64(payload.count))
            body.append(payload)
        }
        var out = ByteWriter()
        out.append(Checkpoint.magic)
        out.uint32(Checkpoint.version)
        out.uint32(UInt32(all.count))
        out.uint64(UInt64(Checkpoint.headerBytes + body.bytes.count + 4))
        out.append(body.bytes)
        out.uint32(CRC32.checksum(out.bytes))
        return out.bytes
    }

    /// Writes the checkpoint to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(encode(), to: path)
    }

    /// Reads and verifies the checkpoint at `path`.
    public static func read(_ path: String) throws -> Checkpoint {
        try decode(AtomicFile.read(path), file: path)
    }

    /// Puts the stored tensors into `network`, refusing any name or shape difference and, unless
    /// `allowNonFinite`, NaN or infinite values (all or nothing).
    public func apply(to network: Network, file: String, allowNonFinite: Bool = false) throws {
        guard network.isBuilt else {
            throw WeightFileError.mismatch(file: file, problem: "the network is not built; build it before loading weights")
        }
        try NamedTensor.apply(self.network, to: network.allParameters, file: file, allowNonFinite: allowNonFinite)
    }

    /// Safetensors bytes for a section of tensors (e.g. optimizer buffers keyed by parameter name).
    public static func tensorSection(_ tensors: [NamedTensor]) throws -> [UInt8] {
        try SafeTensors.encode(tensors)
    }

    /// The tensors of section `name`, written by `tensorSection`.
    public func tensors(inSection name: String, file: String) throws -> [NamedTensor] {
        guard let payload = sections[name] else {
            throw WeightFileError.malformed(file: file, format: "checkpoint", problem: "no section named '\(name)'")
        }
        return try SafeTensors.decode(payload, file: "\(file)[\(name)]").tensors
    }
}
