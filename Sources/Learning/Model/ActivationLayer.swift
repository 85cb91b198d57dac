import TensorRuntime

/// An element-wise activation, or softmax over the classes of a flat output.
public final class ActivationLayer: Layer {
    /// The function applied.
    public enum Function: Equatable, Sendable {
        /// `max(x, 0)`.
        case relu
        /// `x` for positive `x`, else `slope · x`.
        case leakyRelu(slope: Float)
        /// Hyperbolic tangent.
        case tanh
        /// Logistic `1 / (1 + e^-x)`.
        case sigmoid
        /// Exact GELU `x Φ(x)` (PyTorch's default `nn.GELU()`).
        case gelu
        /// Softmax over the last axis of `[classes]` (an output layer giving probabilities; feed
        /// logits, not its output, to a cross-entropy loss).
        case softmax
    }

    /// The function applied.
    public let function: Function
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// An activation layer.
    public init(_ function: Function) { self.function = function }

    /// `relu`, `leaky_relu`, `tanh`, `sigmoid`, `gelu` or `softmax`.
    public var kind: String {
        switch function {
        case .relu: return "relu"
        case .leakyRelu: return "leaky_relu"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .gelu: return "gelu"
        case .softmax: return "softmax"
        }
    }

    /// The shape passes through; softmax needs a flat input.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        if function == .softmax && inputShape.count != 1 {
            throw scope.error(kind, "expects a flat input [classes], got \(TensorShape.describe(inputShape)); "
                + "add flatten or global_avgpool before it")
        }
        if case .leakyRelu(let slope) = function, !slope.isFinite {
            throw scope.error(kind, "slope must be finite, got \(slope)")
        }
        outputShape = inputShape
        return inputShape
    }

    /// The function applied to every element (every row, for softmax).
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        switch function {
        case .relu: return try input.relu()
        case .leakyRelu(let slope): return try input.leakyRelu(slope: slope)
        case .tanh: return try input.tanh()
        case .sigmoid: return try input.sigmoid()
        case .gelu: return try input.gelu()
        case .softmax: return try input.softmax(axis: -1)
        }
    }
}
