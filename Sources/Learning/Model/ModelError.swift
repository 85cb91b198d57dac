/// A failure to build, run or access a network, with a message naming the layer or parameter.
public enum ModelError: Error, Equatable, CustomStringConvertible {
    /// A layer refused its input shape or arguments; `path` counts layers from 1 (`"3"`, `"2.1"`).
    case layer(path: String, kind: String, message: String)
    /// A network-level problem (not built, wrong batch shape, wrong number of values, …).
    case network(message: String)
    /// A parameter name that the network does not have.
    case unknownParameter(name: String, available: [String])

    /// The message, e.g. `layer 3 (dense): expects a flat input [n], got [32, 14, 14]; add flatten before it`.
    public var description: String {
        switch self {
        case let .layer(path, kind, message):
            return "layer \(path) (\(kind)): \(message)"
        case let .network(message):
            return message
        case let .unknownParameter(name, available):
            // Long lists are cut: the first names are enough to show the naming scheme.
            let shown = available.prefix(12).joined(separator: ", ")
            let more = available.count > 12 ? ", …" : ""
            return "no parameter named '\(name)'; the network has: \(shown)\(more)"
        }
    }
}
