import TensorRuntime

/// A named, trainable tensor of a network: the unit that optimizers update and that checkpoints
/// and weight exports store.
///
/// A class, because a layer, the optimizer and the training loop all refer to the same weights:
/// an update through one reference is seen by the others. The name is stable across runs
/// (e.g. `"2.weight"` for the weight of the third layer) so saved files can be matched back.
public final class Parameter {
    /// The dotted path of this tensor inside its network, used as its key in saved files.
    public let name: String
    /// The current value. Replacing it keeps the shape: see `assign(_:)`.
    public private(set) var value: Tensor<Float>
    /// Whether optimizers update it (false for running statistics such as batch-norm means).
    public let isTrainable: Bool

    /// A parameter holding `value`.
    public init(name: String, value: Tensor<Float>, isTrainable: Bool = true) {
        self.name = name
        self.value = value.detached()
        self.isTrainable = isTrainable
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// Replaces the value, refusing a different shape so that a bad load or a wrong literal
    /// cannot silently change the network.
    public func assign(_ newValue: Tensor<Float>) throws {
        guard newValue.shape == value.shape else {
            throw TensorError.invalidArgument(
                operation: "assign \(name)",
                reason: "expected shape \(TensorShape.describe(value.shape)), got \(TensorShape.describe(newValue.shape))")
        }
        value = newValue.detached()
    }

    /// Runs `body` over the value's elements to update them in place; a value shared with another
    /// tensor (one a caller kept, or the autodiff record of a step still alive) is copied first,
    /// so only this parameter changes.
    func updateInPlace<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try value.withUnsafeMutableScalars(body)
    }
}
