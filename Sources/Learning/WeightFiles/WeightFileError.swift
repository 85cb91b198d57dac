/// A weight file that cannot be written, read or applied, with the file and the problem named.
public enum WeightFileError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened, read or written.
    case io(file: String, reason: String)
    /// The bytes are not a valid file of the format (truncated, corrupt, wrong version, …).
    case malformed(file: String, format: String, problem: String)
    /// The file is valid but its tensors do not match the network's parameters.
    case mismatch(file: String, problem: String)
    /// A tensor holds NaN or infinite values (refused unless the caller allows them).
    case nonFinite(file: String, tensor: String, nan: Int, infinite: Int, of: Int, otherTensors: Int)

    /// The message, e.g. `checkpoint 'run.ckpt': checksum mismatch (stored 1a2b3c4d, computed 5e6f7a8b)`.
    public var description: String {
        switch self {
        case let .io(file, reason):
            return "cannot access '\(file)': \(reason)"
        case let .malformed(file, format, problem):
            return "\(format) file '\(file)': \(problem)"
        case let .mismatch(file, problem):
            return "'\(file)' does not match the network: \(problem)"
        case let .nonFinite(file, tensor, nan, infinite, count, others):
            let kinds = [nan > 0 ? "\(nan) NaN" : nil, infinite > 0 ? "\(infinite) infinite" : nil].compactMap { $0 }
            let rest = others == 0 ? "" : others == 1 ? " (and 1 more tensor has some)" : " (and \(others) more tensors have some)"
            return "'\(file)' holds values that are not finite: tensor '\(tensor)' has "
                + kinds.joined(separator: " and ") + " of its \(count) values\(rest); nothing was loaded"
        }
    }
}
