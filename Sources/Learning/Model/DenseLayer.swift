import TensorRuntime

/// A fully connected layer `y = x Wᵀ + b` on flat inputs `[in]` → `[units]`.
///
/// The weight is stored `[units, in]` (output rows), as in PyTorch's `nn.Linear` and as toy
/// problems write it (`w = [[0.3, -0.7]]`), so exported files load into PyTorch unchanged.
///
/// Two numerically equivalent forward paths: normally a matrix multiply with the weight read
/// transposed by the packed GEMM (no copy), then the bias and relu; when the pass captures
/// outputs for probes, the runtime's fused `dense` on a transposed copy of the weight, so the
/// recorded result is a `dense` node that `Autodiff.perSampleGradientSquaredNorms` accepts.
/// The copy is why the fused kernel is not the default: for a 784-256-256-10 MLP at batch 128,
/// copying and un-copying the weights made a training step 45% slower (2.5 ms against 1.7 ms),
/// while the unfused bias and relu cost nothing measurable.
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
        let w = try initializer.weight([units, inputs], fanIn: inputs, fanOut: units, next: scope.nextKind,
                                       random: &scope.random)
        weight = Parameter(name: scope.name("weight"), value: w)
        bias = hasBias ? Parameter(name: scope.name("bias"), value: try Tensor<Float>.zeros([units])) : nil
        outputShape = [units]
        return [units]
    }

    /// `x Wᵀ + b`.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        try forward(input, relu: false, context: &context)
    }

    /// `x Wᵀ + b`, followed by relu when `relu` is set (fused into one pass when capturing).
    func forward(_ input: Tensor<Float>, relu: Bool, context: inout ForwardContext) throws -> Tensor<Float> {
        guard let weight else { throw ModelError.network(message: "dense layer used before the network was built") }
        let w = context.value(of: weight)
        let b = bias.map { context.value(of: $0) }
        if context.captureOutputs {
            return try Tensor.dense(input, weight: w.transposed(), bias: b, relu: relu)
        }
        guard input.rank == 2, input.shape[1] == w.shape[1] else {
            throw TensorError.incompatibleShapes(operation: "dense", shapes: [input.shape, w.shape],
                                                 reason: "input must be [batch, in] and the weight [out, in] with the same in")
        }
        var output = try input.matmul(w, transposeOther: true)
        if let b { output = try output + b }
        return relu ? try output.relu() : output
    }
}
