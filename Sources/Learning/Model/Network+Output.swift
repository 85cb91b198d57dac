import TensorRuntime

/// How a network's output is read as a distribution over classes. This is the one rule that
/// training, evaluation, the probes and the experiment helpers share:
/// - one output unit is the logit `z` of a Bernoulli distribution over two classes,
///   `p(class 1) = σ(z)`;
/// - `k > 1` output units are the logits of a softmax over `k` classes;
/// - a final `softmax` layer (or a final `sigmoid` on one unit) *is* that distribution, so the
///   logits are its input. The loss is computed from them and never passes through the layer a
///   second time (a softmax applied twice cannot fit: two classes stay above a loss of 0.31).
public enum OutputDistribution: Equatable, Sendable {
    /// One output unit, read as a Bernoulli logit.
    case bernoulli
    /// `classes` output units, read as softmax logits.
    case softmax(classes: Int)

    /// How many classes the distribution is over (2 for a Bernoulli output).
    public var classes: Int {
        switch self {
        case .bernoulli: return 2
        case .softmax(let classes): return classes
        }
    }
}

extension Network {
    /// The distribution the output stands for, or nil before `build` or for an output that is not
    /// a flat vector.
    public var outputDistribution: OutputDistribution? {
        guard let outputShape, outputShape.count == 1, outputShape[0] >= 1 else { return nil }
        return outputShape[0] == 1 ? .bernoulli : .softmax(classes: outputShape[0])
    }

    /// Whether the last layer is the output distribution itself: a `softmax`, or a `sigmoid` on a
    /// single output unit. Its input is then the network's logits.
    public var endsInDistributionLayer: Bool {
        guard let last = (layers.last as? ActivationLayer)?.function, let distribution = outputDistribution else {
            return false
        }
        switch distribution {
        case .bernoulli: return last == .sigmoid
        case .softmax: return last == .softmax
        }
    }

    /// A final `sigmoid` over several units: independent probabilities, not a distribution over
    /// classes, so no class loss can be read from it. Nil when the output has no such problem.
    public var outputProblem: String? {
        guard let outputShape, outputShape.count == 1, outputShape[0] > 1,
              (layers.last as? ActivationLayer)?.function == .sigmoid else { return nil }
        return "its last layer is a sigmoid over \(outputShape[0]) outputs: independent probabilities, not a "
            + "distribution over classes; end it with dense(\(outputShape[0])) (the loss applies the softmax) or softmax"
    }

    /// The logits `[batch, classes]` that losses and accuracies read, under the rule of
    /// `OutputDistribution`: the network without a final distribution layer, and a Bernoulli
    /// logit `z` as the two-class logits `[0, z]` (their softmax is `[1 - σ(z), σ(z)]`, so the
    /// softmax cross-entropy is the binary cross-entropy of `z`). Arguments as in `forward`.
    public func logits(_ input: Tensor<Float>, training: Bool, random: inout RandomStream,
                       values: [Tensor<Float>]? = nil) throws -> Tensor<Float> {
        let count = endsInDistributionLayer ? layers.count - 1 : layers.count
        let output = try forward(input, training: training, random: &random, values: values, layerCount: count)
        guard outputDistribution == .bernoulli, output.rank == 2 else { return output }
        return try output.padded(axis: 1, before: 1, after: 0)
    }
}

extension Network {
    /// The network as the trainer's model: every stored tensor (running statistics included) is
    /// passed as a weight, and the forward pass returns `logits`, so training and evaluation read
    /// the output under the same rule as the probes.
    public var trainableModel: ClosureModel {
        ClosureModel(parameters: allParameters) { input, weights, training, random in
            try self.logits(input, training: training, random: &random, values: weights)
        }
    }
}
