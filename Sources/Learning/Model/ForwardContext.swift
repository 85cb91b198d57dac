import TensorRuntime

/// The state of one forward pass: the mode, the random stream for dropout, optional substitute
/// values for parameters (autodiff variables), and optionally every layer's output.
public struct ForwardContext {
    /// One layer's output recorded by a forward pass with `captureOutputs`.
    ///
    /// For probes' per-sample gradients: the `output` of a `dense` or `conv2d` capture is the
    /// result of the runtime's `Tensor.dense` / `Tensor.conv2D` call, as
    /// `Autodiff.perSampleGradientSquaredNorms` requires. A dense call multiplies by the
    /// transposed weight (`[in, out]`, the runtime's layout), so per-element weight results in
    /// that layout must be transposed back to the parameter's `[out, in]`.
    public struct Capture {
        /// The layer's name prefix without its final dot, e.g. `"2"` or `"block1.0"`, so the
        /// parameters of the layer are `"\(name).weight"` and so on.
        public let name: String
        /// The layer kind, e.g. `dense`.
        public let kind: String
        /// The output. For a dense layer fused with the relu after it, the fused result.
        public let output: Tensor<Float>
        /// The layer's input.
        public let input: Tensor<Float>
        /// The layer's own trainable parameters (weight, then bias); empty for blocks.
        public let parameters: [Parameter]
        /// Whether a dense output already includes the following relu.
        public let fusedRelu: Bool
    }

    /// Training mode: dropout drops, batch norm uses batch statistics and updates running ones.
    public var training: Bool
    /// The stream dropout masks are drawn from, in layer order.
    public var random: RandomStream
    /// Whether every layer's output is appended to `captures`.
    public var captureOutputs: Bool
    /// The captured outputs, in forward order (nested layers before the block that holds them).
    public var captures: [Capture] = []
    /// Tensors used in place of parameters' stored values, keyed by parameter identity.
    var substitutes: [ObjectIdentifier: Tensor<Float>] = [:]
    /// Name prefix of the layers being run, for capture names.
    var namePrefix: String = ""
    /// Position (from 1) of the block being run, for error messages.
    var displayPrefix: String = ""

    /// A context for one forward pass.
    public init(training: Bool, random: RandomStream, captureOutputs: Bool = false) {
        self.training = training
        self.random = random
        self.captureOutputs = captureOutputs
    }

    /// Uses `values[i]` in place of `parameters[i]` (same shapes), e.g. autodiff variables.
    public mutating func substitute(_ parameters: [Parameter], with values: [Tensor<Float>]) throws {
        guard parameters.count == values.count else {
            throw ModelError.network(
                message: "forward: \(values.count) values given for \(parameters.count) parameters")
        }
        for (parameter, value) in zip(parameters, values) {
            guard parameter.shape == value.shape else {
                throw ModelError.network(
                    message: "forward: value for '\(parameter.name)' has shape \(TensorShape.describe(value.shape)), "
                        + "the parameter has \(TensorShape.describe(parameter.shape))")
            }
            substitutes[ObjectIdentifier(parameter)] = value
        }
    }

    /// The tensor to use for `parameter` in this pass.
    public func value(of parameter: Parameter) -> Tensor<Float> {
        substitutes[ObjectIdentifier(parameter)] ?? parameter.value
    }

    /// Records `output` for the layer named `name` when capturing.
    mutating func record(_ name: String, _ layer: any Layer, input: Tensor<Float>, output: Tensor<Float>,
                         fusedRelu: Bool = false) {
        guard captureOutputs else { return }
        let own = layer is Network || layer is ResidualBlock ? [] : layer.parameters
        captures.append(Capture(name: name, kind: layer.kind, output: output, input: input, parameters: own,
                                fusedRelu: fusedRelu))
    }
}
