/// A bad request to a probe, found before any heavy work starts.
public enum ProbeError: Error, Equatable, CustomStringConvertible {
    /// An argument outside its domain (β ≤ 0, λ ≤ 0, δ outside (0, 1), …).
    case invalidArgument(probe: String, message: String)
    /// A layer name that the model does not have; lists the ones it has.
    case unknownLayer(probe: String, name: String, available: [String])
    /// Inputs, labels or parameters whose shapes do not fit the model.
    case shapeMismatch(probe: String, message: String)
    /// An exact computation that would need more memory or time than allowed, and the
    /// estimators that would do instead (each caller names them in its own terms).
    case tooLarge(probe: String, message: String, instead: [EstimatorName] = [])

    /// A one-line message naming the probe and what was wrong, estimators named as the Swift API
    /// names them.
    public var description: String { "\(probe): " + message(naming: \.swiftName) }

    /// The probe the error is about.
    public var probe: String {
        switch self {
        case .invalidArgument(let probe, _), .shapeMismatch(let probe, _), .tooLarge(let probe, _, _), .unknownLayer(let probe, _, _):
            return probe
        }
    }

    /// What was wrong, without the probe's name, with the estimators to use instead named by `name`.
    public func message(naming name: (EstimatorName) -> String) -> String {
        switch self {
        case .invalidArgument(_, let message), .shapeMismatch(_, let message):
            return message
        case let .tooLarge(_, message, instead):
            return instead.isEmpty ? message : message + " — use " + EstimatorName.list(instead, naming: name)
        case .unknownLayer(_, let name, let available):
            let list = available.isEmpty ? "the model has no layers" : "layers are " + available.map { "'\($0)'" }.joined(separator: ", ")
            return "unknown layer '\(name)'; \(list)"
        }
    }
}

/// An estimator a refusal points to instead, left unnamed until the message is shown: the Swift
/// API calls it `.diagonal`, the language `curvature: "diagonal"`.
public enum EstimatorName: Sendable, Equatable {
    /// P2 from per-layer Fisher blocks (an upper bound).
    case layerBlocks
    /// P2 from the Fisher diagonal (an upper bound).
    case diagonal
    /// P2 by stochastic Lanczos quadrature.
    case lanczos
    /// Curvature without forming the matrix (Hutchinson traces, Lanczos).
    case matrixFree

    /// The Swift API's name.
    public var swiftName: String {
        switch self {
        case .layerBlocks: return ".layerBlocks"
        case .diagonal: return ".diagonal"
        case .lanczos: return ".lanczos"
        case .matrixFree: return "the matrix-free (Hutchinson / Lanczos) estimator"
        }
    }

    /// "a, b or c", each named by `name`.
    public static func list(_ names: [EstimatorName], naming name: (EstimatorName) -> String) -> String {
        let spelled = names.map(name)
        guard spelled.count > 1 else { return spelled.first ?? "" }
        return spelled.dropLast().joined(separator: ", ") + " or " + spelled[spelled.count - 1]
    }
}
