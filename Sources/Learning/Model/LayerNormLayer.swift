import TensorRuntime

/// Layer normalisation: each sample is normalised over all its axes, then scaled and shifted
/// element-wise, as PyTorch's `nn.LayerNorm(sample_shape)`. Batch size does not matter.
public final class LayerNormLayer: Layer {
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// The scale (per-sample shape, starts at 1), once built.
    public private(set) var weight: Parameter?
    /// The shift (per-sample shape, starts at 0), once built.
    public private(set) var bias: Parameter?
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A layer-norm layer.
    public init(epsilon: Float = Float(Normalization.defaultEpsilon)) { self.epsilon = epsilon }

    /// `layernorm`.
    public var kind: String { "layernorm" }
    /// Scale and shift.
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// A scale and a shift of the sample's shape.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        guard epsilon > 0, epsilon.isFinite else { throw scope.error(kind, "epsilon must be positive, got \(epsilon)") }
        guard !inputShape.isEmpty, (elementCount(inputShape) ?? 0) > 0 else {
            throw scope.error(kind, "expects a non-empty sample, got \(TensorShape.describe(inputShape))")
        }
        weight = Parameter(name: scope.name("weight"), value: try Tensor<Float>.ones(inputShape))
        bias = Parameter(name: scope.name("bias"), value: try Tensor<Float>.zeros(inputShape))
        outputShape = inputShape
        return inputShape
    }

    /// Each sample normalised by its own mean and variance.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        guard let weight, let bias else { throw ModelError.network(message: "layernorm layer used before the network was built") }
        let shape = [1] + weight.shape
        return try Normalization.normalizeWithBatchStatistics(
            input, axes: Array(1..<input.rank), scale: context.value(of: weight).reshaped(shape),
            shift: context.value(of: bias).reshaped(shape), epsilon: epsilon).output
    }
}
