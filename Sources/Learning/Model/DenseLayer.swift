import TensorRuntime

/// A fully connected layer `y = x Wᵀ + b` on flat inputs `[in]` → `[units]`.
///
/// The weight is stored `[units, in]` (output rows), as in PyTorch's `nn.Linear` and as toy
/// problems write it (`w = [[0.3, -0.7]]`), so exported files load into PyTorch unchanged.
///
/// The forward pass is the runtime's fused `dense` with the weight read transposed by the packed
/// GEMM (no copy), the bias and a following relu applied as the product is written. Training and
/// probes share this one path: the recorded result is a `dense` node, which
/// `Autodiff.perSampleGradientSquaredNorms` accepts.
public final class DenseLayer: Layer {
    /// The number of outputs.
    public let units: Int
    /// Whether the layer adds a bias.
    public let hasBias: Bool
    /// How the weight is initialised.
    public let initializer: Initializer
    /// The weight `[units, in]`, once built.
    public private(set) var weight: Parameter?
    /// The bias `[units]`, once built (nil without bias).
    public private(set) var bias: Parameter?
    /// The per-sample output shape `[units]`, once built.
    public private(set) var outputShape: [Int]?

    /// A dense layer with `units` outputs.
    public init(units: Int, bias: Bool = true, initializer: Initializer = .automatic) {
        self.units = units
        self.hasBias = bias
        self.initializer = initializer
    }

    /// `dense`.
    public var kind: String { "dense" }
    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// Creates `[units, in]` weights for a flat `[in]` input.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        guard units > 0 else { throw scope.error(kind, "units must be positive, got \(units)") }
        guard inputShape.count == 1 else {
            let hint = inputShape.count > 1 ? "; add flatten before it" : ""
            throw scope.error(kind, "expects a flat input [n], got \(TensorShape.describe(inputShape))\(hint)")
        }
        let inputs = inputShape[0]
        let rule = initializer.within(scope)
        let w = try rule.weight([units, inputs], fanIn: inputs, fanOut: units, next: scope.nextKind, random: &scope.random)
        weight = Parameter(name: scope.name("weight"), value: w)
        bias = hasBias ? Parameter(name: scope.name("bias"), value: try rule.bias(units, fanIn: inputs, random: &scope.random)) : nil
        outputShape = [units]
        return [units]
    }

    /// `x Wᵀ + b`.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        try forward(input, relu: false, context: &context)
    }

    /// `x Wᵀ + b`, followed by relu when `relu` is set, in one pass.
    func forward(_ input: Tensor<Float>, relu: Bool, context: inout ForwardContext) throws -> Tensor<Float> {
        guard let weight else { throw ModelError.network(message: "dense layer used before the network was built") }
        let w = context.value(of: weight)
        let b = bias.map { context.value(of: $0) }
        return try Tensor.dense(input, weight: w, bias: b, relu: relu, transposeWeight: true)
    }
}
