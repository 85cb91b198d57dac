import Learning
import TensorRuntime

/// A tensor as a language value: an immutable array of Float32 numbers with a shape, made by
/// `tensor(list)`, `zeros`, `ones`, arithmetic, reductions, `predict` and calling a network.
///
/// Every tensor the language holds has at least one axis and no axis of size 0: a full
/// reduction or indexing a rank-1 tensor gives a number instead, so code reading a tensor never
/// meets a scalar or an empty one. Like lists, tensors are values; no operation changes one.
final class TensorValue: ObjectValue, FullyPrintable {
    /// The values, never part of an autodiff graph.
    let tensor: Tensor<Float>

    /// Wraps `tensor`, which must have rank ≥ 1 and no empty axis (the callers make sure).
    init(_ tensor: Tensor<Float>) {
        self.tensor = tensor.detached()
    }

    var shape: [Int] { tensor.shape }

    var typeName: String { "tensor" }

    static let members = ["shape", "size", "rank", "list"]

    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        switch name {
        case "shape": return NetworkValue.shapeValue(shape)
        case "size": return .number(Double(tensor.count))
        case "rank": return .number(Double(tensor.rank))
        // A member cannot throw: a tensor too large for lists says so through `tolist`.
        case "list": return (try? nestedLists()) ?? Value.none
        default: return nil
        }
    }

    func describe() -> String { describe(full: false) }

    var headline: String { "tensor \(TensorShape.describe(shape))" }

    /// The values as nested lists following the shape (what `t.list` and `tolist(t)` give).
    func nestedLists() throws -> Value {
        guard tensor.count <= Evaluator.maxListElements else {
            throw RuntimeError(Messages.tensorTooLargeForLists(TensorShape.describe(shape), tensor.count))
        }
        return DatasetValue.nested(tensor.scalars[...], shape: shape[...])
    }

    /// Whether `other` has the same shape and the same values (nan differs from itself, as a
    /// number does).
    func hasSameValues(as other: TensorValue) -> Bool {
        guard shape == other.shape else { return false }
        return tensor.withUnsafeScalars { a in other.tensor.withUnsafeScalars { b in a.elementsEqual(b) } }
    }

    /// A tensor result of `operation`, with the runtime's errors in the language's words (an
    /// allocation over the memory limit names the operation the script wrote).
    static func make(_ operation: String, _ body: () throws -> Tensor<Float>) throws -> TensorValue {
        TensorValue(try attempt(operation, body))
    }

    /// Runs a tensor operation, turning a `TensorError` into a runtime error naming `operation`.
    static func attempt<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let TensorError.allocationTooLarge(_, shape, bytes, limit) {
            throw RuntimeError(Messages.tensorTooLarge(operation, TensorShape.describe(shape), bytes: bytes, limit: limit))
        } catch let e as TensorError {
            throw RuntimeError("\(operation): \(e)")
        }
    }

    /// A number read from a Float32 element: the Double with the same shortest decimal form,
    /// so 0.1 stored in a tensor reads back as 0.1.
    static func number(_ x: Float) -> Value { .number(DatasetValue.decimal(x)) }

    /// The element at flat position `offset` (row-major), read without copying the tensor.
    func element(atOffset offset: Int) -> Float {
        tensor.withUnsafeScalars { $0[offset] }
    }
}

/// An object whose printed form is abbreviated when large, and complete on request
/// (`str(x, full: true)`), as long lists are.
protocol FullyPrintable: ObjectValue {
    func describe(full: Bool) -> String
}
