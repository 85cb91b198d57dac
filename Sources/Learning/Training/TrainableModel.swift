import TensorRuntime

// ─── SEAM: models ────────────────────────────────────────────────────────────────────────────────
// The trainer sees a model only through `TrainableModel`: its parameters and a forward function
// that returns logits. A network type (Sources/Learning/Model) adopts it with a thin adapter, or
// wraps itself in `ClosureModel`.
//
// Why the forward function receives the weights instead of reading `Parameter.value`: gradients
// flow only to tensors made by `variable()`, and a `Parameter` stores a detached value. Each step
// the trainer makes one variable per trainable parameter and passes them in, in the order of
// `parameters`; the forward function must compute with `weights[i]` where it would use
// `parameters[i].value`. (Untrainable parameters, e.g. running statistics, are passed as their
// plain values.) The same forward with `weights = parameters.map(\.value)` serves evaluation.
// ─────────────────────────────────────────────────────────────────────────────────────────────────

/// A model the trainer can fit: named parameters plus a forward pass that returns logits.
public protocol TrainableModel {
    /// Every parameter, in a fixed order; `weights` in `logits` follows the same order.
    var parameters: [Parameter] { get }

    /// Logits `[batch, classes]` for `input` `[batch, ...]` computed with `weights` (aligned with
    /// `parameters`). `training` selects training behaviour (dropout on); `random` is the stream
    /// for that behaviour, a fresh substream per step derived from the run's seed.
    func logits(_ input: Tensor<Float>, weights: [Tensor<Float>], training: Bool,
                random: inout RandomStream) throws -> Tensor<Float>
}

/// A `TrainableModel` made of a parameter list and a forward closure.
public struct ClosureModel: TrainableModel {
    /// The forward pass: `(input, weights, training, random) -> logits`.
    public typealias Forward = (_ input: Tensor<Float>, _ weights: [Tensor<Float>], _ training: Bool,
                                _ random: inout RandomStream) throws -> Tensor<Float>

    /// Every parameter, aligned with the `weights` given to `forward`.
    public let parameters: [Parameter]
    private let forward: Forward

    /// A model from parameters and a forward closure.
    public init(parameters: [Parameter], forward: @escaping Forward) {
        self.parameters = parameters
        self.forward = forward
    }

    /// Runs the forward closure.
    public func logits(_ input: Tensor<Float>, weights: [Tensor<Float>], training: Bool,
                       random: inout RandomStream) throws -> Tensor<Float> {
        try forward(input, weights, training, &random)
    }
}
