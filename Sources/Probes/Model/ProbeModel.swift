import TensorRuntime

/// The model seam every probe works against: named layers owning parameter tensors, and a
/// differentiable forward closure from a batch of inputs to logits.
///
/// WIRING A NETWORK TO THE PROBES (read this first):
/// - `parameters` is one flat list of tensors; each `ProbeLayer` owns a contiguous range of it and
///   names each tensor (e.g. layer `"dense1"` owning `"dense1.weight"`, `"dense1.bias"`).
/// - `forward(parameters, inputs)` must compute the logits from THE GIVEN parameter tensors (the
///   probes pass fresh autodiff variables or perturbed copies), never from captured weights.
///   Inputs are `[batch, …]`; samples must not interact (no batch statistics).
/// - Output `.softmax`: logits `[batch, classes]`. Output `.bernoulli`: one logit per sample,
///   `[batch]` or `[batch, 1]`, with `p(y = 1) = σ(z)`; internally it is the two-class softmax of
///   `[0, z]`, which has exactly the same likelihood.
/// - To get per-sample gradient norms from one batched backward pass, return in `taps` the output
///   of every `Tensor.dense` / `Tensor.conv2D` call, with the indices of its weight and bias in
///   `parameters`. A model whose taps do not cover every parameter exactly once is still probed,
///   by a loop of one backward pass per sample (slower, the same numbers).
/// - Use `Tensor<Double>` for exact checks and `Tensor<Float>` for speed; results are Double.
public struct ProbeModel<S: TensorScalar> {
    /// The layers in forward order.
    public let layers: [ProbeLayer]
    /// All parameter tensors, in layer order (the layers' ranges index into this list).
    public let parameters: [Tensor<S>]
    /// The kind of output distribution the logits parameterise.
    public let output: ProbeOutput
    /// The shape of one input (without the batch axis), when known: data of another shape is
    /// refused before any work.
    public let inputShape: [Int]?
    /// Computes logits (and taps) from the given parameters and inputs.
    public let forward: ([Tensor<S>], Tensor<S>) throws -> ProbeForward<S>

    /// A model from layers given as name plus (tensor name, value) pairs.
    ///
    /// - Throws: `ProbeError` for duplicate or empty layer names, or no parameters at all.
    public init(layers: [(name: String, parameters: [(name: String, value: Tensor<S>)])],
                output: ProbeOutput, inputShape: [Int]? = nil,
                forward: @escaping ([Tensor<S>], Tensor<S>) throws -> ProbeForward<S>) throws {
        var built: [ProbeLayer] = [], values: [Tensor<S>] = []
        for layer in layers {
            guard !layer.name.isEmpty, !built.contains(where: { $0.name == layer.name }) else {
                throw ProbeError.invalidArgument(probe: "model", message: "layer names must be non-empty and unique; '\(layer.name)' is not")
            }
            let start = values.count
            values += layer.parameters.map { $0.value.detached() }
            built.append(ProbeLayer(name: layer.name, tensorNames: layer.parameters.map(\.name),
                                    shapes: layer.parameters.map { $0.value.shape }, range: start..<values.count))
        }
        guard !values.isEmpty else {
            throw ProbeError.invalidArgument(probe: "model", message: "the model has no parameters")
        }
        self.layers = built
        self.parameters = values
        self.output = output
        self.inputShape = inputShape
        self.forward = forward
    }

    /// The number of weights k.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The names of the parameter tensors, flat, in parameter order.
    public var tensorNames: [String] { layers.flatMap(\.tensorNames) }

    /// The layer called `name`, or an error listing the existing ones.
    public func layer(named name: String, probe: String) throws -> ProbeLayer {
        guard let found = layers.first(where: { $0.name == name }) else {
            throw ProbeError.unknownLayer(probe: probe, name: name, available: layers.map(\.name))
        }
        return found
    }
}

/// The distribution over labels that a model's logits parameterise.
public enum ProbeOutput: String, Sendable {
    /// Multi-class: `p = softmax(logits)`, logits `[batch, classes]`.
    case softmax
    /// Binary: `p(y = 1) = σ(z)`, one logit per sample.
    case bernoulli
}

/// A named group of parameter tensors (one layer of the network).
public struct ProbeLayer: Sendable, Equatable {
    /// The layer's name, as users refer to it.
    public let name: String
    /// The names of its tensors, e.g. `["dense1.weight", "dense1.bias"]`.
    public let tensorNames: [String]
    /// The shapes of its tensors.
    public let shapes: [[Int]]
    /// Its tensors' positions in the model's flat parameter list.
    public let range: Range<Int>
}

/// What a forward pass returns: the logits and, optionally, the linear layers' outputs.
public struct ProbeForward<S: TensorScalar> {
    /// `[batch, classes]` for softmax output, `[batch]` or `[batch, 1]` for Bernoulli.
    public var logits: Tensor<S>
    /// The outputs of the dense / conv2D calls, for batched per-sample gradient norms.
    public var taps: [LinearTap<S>]

    /// A forward result; `taps` may be empty.
    public init(logits: Tensor<S>, taps: [LinearTap<S>] = []) {
        self.logits = logits
        self.taps = taps
    }
}

/// The output of one `Tensor.dense` or `Tensor.conv2D` call, or of a per-channel affine map
/// `scale·x̂ + shift` (batch norm in evaluation mode), and which parameters it used.
public struct LinearTap<S: TensorScalar> {
    /// The tensor the call returned (recorded from the parameters passed to `forward`).
    public var output: Tensor<S>
    /// The call's input, `[batch, in]` for dense (used for the Fisher diagonal).
    public var input: Tensor<S>
    /// Index of the weight tensor in the model's parameters.
    public var weight: Int
    /// Index of the bias tensor, if the call had one.
    public var bias: Int?
    /// Whether this is a dense call (false: conv2D).
    public var isDense: Bool
    /// Whether the dense call fused a relu (`Tensor.dense(…, relu: true)`).
    public var fusedRelu: Bool
    /// Whether the weight parameter is stored `[out, in]` and the dense call saw its transpose
    /// (as `Learning`'s dense layers do), so element-wise results are transposed back.
    public var transposedWeight: Bool
    /// For a per-channel affine tap, the running mean and `sqrt(variance + ε)` that normalise its
    /// `input` (shaped to broadcast over it, `[1, C]` or `[1, C, 1, 1]`); nil for dense or conv2D.
    public var normalization: (mean: Tensor<S>, deviation: Tensor<S>)?

    /// Whether this is a per-channel affine tap rather than a dense or conv2D call.
    public var isAffine: Bool { normalization != nil }

    /// For a per-channel affine tap, `x̂ = (input − mean) / deviation`, the values the scale multiplies;
    /// computed on demand so forward passes that need no per-sample gradients do not pay for it.
    public func normalizedInput() throws -> Tensor<S>? {
        guard let normalization else { return nil }
        return try (input.detached() - normalization.mean) / normalization.deviation
    }

    /// Describes one dense or conv2D call.
    public init(output: Tensor<S>, input: Tensor<S>, weight: Int, bias: Int?, isDense: Bool = true,
                fusedRelu: Bool = false, transposedWeight: Bool = false) {
        self.output = output
        self.input = input
        self.weight = weight
        self.bias = bias
        self.isDense = isDense
        self.fusedRelu = fusedRelu
        self.transposedWeight = transposedWeight
    }

    /// Describes a per-channel affine map `output = scale·(input − mean)/deviation + shift` over axis 1.
    public init(affineOutput output: Tensor<S>, input: Tensor<S>, mean: Tensor<S>, deviation: Tensor<S>,
                scale: Int, shift: Int?) {
        self.init(output: output, input: input, weight: scale, bias: shift, isDense: false)
        normalization = (mean.detached(), deviation.detached())
    }
}
