/// A bad request to a probe, found before any heavy work starts.
public enum ProbeError: Error, Equatable, CustomStringConvertible {
    /// An argument outside its domain (β ≤ 0, λ ≤ 0, δ outside (0, 1), …).
    case invalidArgument(probe: String, message: String)
    /// A layer name that the model does not have; lists the ones it has.
    case unknownLayer(probe: String, name: String, available: [String])
    /// Inputs, labels or parameters whose shapes do not fit the model.
    case shapeMismatch(probe: String, message: String)
    /// An exact computation that would need more memory or time than allowed.
    case tooLarge(probe: String, message: String)

    /// A one-line message naming the probe and what was wrong.
    public var description: String {
        switch self {
        case .invalidArgument(let probe, let message), .shapeMismatch(let probe, let message),
             .tooLarge(let probe, let message):
            return "\(probe): \(message)"
        case .unknownLayer(let probe, let name, let available):
            let list = available.isEmpty ? "the model has no layers" : "layers are " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "\(probe): unknown layer '\(name)'; \(list)"
        }
    }
}
