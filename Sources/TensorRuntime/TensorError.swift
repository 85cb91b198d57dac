/// An error from a tensor operation. Every case names the operation; the message names every
/// shape involved, so a user can see which call was wrong and why.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes that the operation cannot combine.
    case incompatibleShapes(operation: String, shapes: [[Int]], reason: String)
    /// An argument (axis, index, count, label, …) outside what the operation accepts.
    case invalidArgument(operation: String, reason: String)
    /// A result larger than the per-tensor allocation limit (`TensorLimits`).
    case allocationTooLarge(operation: String, shape: [Int], bytes: Int, limitBytes: Int)
    /// A gradient request the graph cannot answer.
    case gradient(operation: String, reason: String)

    /// The operation that failed, e.g. `matmul`.
    public var operation: String {
        switch self {
        case .incompatibleShapes(let op, _, _), .invalidArgument(let op, _),
             .allocationTooLarge(let op, _, _, _), .gradient(let op, _):
            return op
        }
    }

    /// The one-line message, e.g.
    /// `matmul: shapes [32, 64] and [32, 10] are incompatible (inner dimensions 64 and 32 differ)`.
    public var description: String {
        switch self {
        case .incompatibleShapes(let op, let shapes, let reason):
            let list = shapes.map(TensorShape.describe)
            let joined = list.count == 2 ? "\(list[0]) and \(list[1])" : list.joined(separator: ", ")
            return "\(op): shapes \(joined) are incompatible (\(reason))"
        case .invalidArgument(let op, let reason), .gradient(let op, let reason):
            return "\(op): \(reason)"
        case .allocationTooLarge(let op, let shape, let bytes, let limit):
            return "\(op): result of shape \(TensorShape.describe(shape)) needs \(bytes) bytes, "
                + "over the per-tensor limit of \(limit) bytes (set INFOSCOPE_MAX_TENSOR_BYTES to change it)"
        }
    }
}
