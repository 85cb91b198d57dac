import TensorRuntime

/// A skip connection: `body(x) + x`, or `body(x) + projection(x)` when the body changes the shape.
///
/// The projection has no bias and is Glorot-initialised: a dense layer for flat samples, or a
/// 1×1 convolution (with the stride that matches the body's output size) for images. Parameter
/// names: `body.<i>.…` for the body's layers and `projection.weight`.
public final class ResidualBlock: Layer {
    /// The layers whose output is added to the input.
    public let body: Network
    /// The projection of the input, when the body changes the shape (set at build).
    public private(set) var projection: (any Layer)?
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A residual block around `layers`.
    public init(_ layers: [any Layer]) {
        self.body = Network(layers, kind: "body")
    }

    /// `residual`.
    public var kind: String { "residual" }
    /// The body's parameters, then the projection's.
    public var parameters: [Parameter] { body.parameters + (projection?.parameters ?? []) }
    /// The body's running statistics.
    public var statistics: [Parameter] { body.statistics }

    /// Builds the body and, if its output shape differs from the input, a projection.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        var bodyScope = scope
        bodyScope.namePrefix = scope.namePrefix + "body."
        bodyScope.random = scope.random.split(0)
        bodyScope.nextKind = nil
        let out = try body.build(inputShape: inputShape, scope: &bodyScope)
        projection = try makeProjection(from: inputShape, to: out, scope: scope)
        if let projection {
            var projectionScope = scope
            projectionScope.namePrefix = scope.namePrefix + "projection."
            projectionScope.random = scope.random.split(1)
            projectionScope.nextKind = nil
            _ = try projection.build(inputShape: inputShape, scope: &projectionScope)
        }
        outputShape = out
        return out
    }

    /// The layer mapping `input` to `output` shape, nil when they agree.
    private func makeProjection(from input: [Int], to output: [Int], scope: BuildScope) throws -> (any Layer)? {
        if input == output { return nil }
        if input.count == 1 && output.count == 1 {
            return DenseLayer(units: output[0], bias: false, initializer: .glorot)
        }
        if input.count == 3 && output.count == 3 {
            // A 1×1 convolution with stride s maps size n to (n − 1) / s + 1; the smallest stride
            // giving size m is (n − 1) / m + 1. Try the one each axis asks for.
            func fits(_ s: Int) -> Bool { (input[1] - 1) / s + 1 == output[1] && (input[2] - 1) / s + 1 == output[2] }
            let candidates = [(input[1] - 1) / max(output[1], 1) + 1, (input[2] - 1) / max(output[2], 1) + 1]
            if let stride = candidates.first(where: fits) {
                return ConvolutionLayer(filters: output[0], kernel: 1, stride: stride, bias: false, initializer: .glorot)
            }
        }
        throw scope.error(kind, "cannot add the body's output \(TensorShape.describe(output)) to the input "
            + "\(TensorShape.describe(input)): no strided 1×1 projection maps one to the other")
    }

    /// `body(x) + x` or `body(x) + projection(x)`.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        let prefix = context.namePrefix
        defer { context.namePrefix = prefix }
        context.namePrefix = prefix + "body."
        let main = try body.forward(input, context: &context)
        guard let projection else { return try main + input }
        context.namePrefix = prefix + "projection."
        return try main + projection.forward(input, context: &context)
    }
}
