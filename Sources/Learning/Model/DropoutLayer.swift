import TensorRuntime

/// Inverted dropout: in training each element is zeroed with probability `rate` and the rest are
/// scaled by `1 / (1 − rate)`, so evaluation (which passes the input through) needs no rescaling.
/// The mask is drawn from the forward context's stream: the same stream gives the same mask.
public final class DropoutLayer: Layer {
    /// The probability of dropping an element, in [0, 1).
    public let rate: Float
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// Dropout with drop probability `rate`.
    public init(rate: Float) { self.rate = rate }

    /// `dropout`.
    public var kind: String { "dropout" }

    /// Checks the rate; the shape passes through.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        guard rate >= 0, rate < 1 else { throw scope.error(kind, "rate must be in [0, 1), got \(rate)") }
        outputShape = inputShape
        return inputShape
    }

    /// The masked, rescaled batch in training; the batch itself otherwise.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        guard context.training, rate > 0 else { return input }
        let draws = try Tensor<Float>.uniform(input.shape, using: &context.random)
        // Kept where the uniform draw is at least `rate`: probability 1 − rate.
        let keep = try draws.greaterEqual(Tensor<Float>(rate))
        return try input * (keep * (1 / (1 - rate)))
    }
}
