import TensorRuntime

extension ProbeModel {
    /// Runs the forward pass and returns `[batch, classes]` logits of a softmax (a Bernoulli
    /// logit z becomes the row `[0, z]`), checking the output shape against the batch.
    package func classLogits(_ values: [Tensor<S>], _ inputs: Tensor<S>, probe: String) throws -> (logits: Tensor<S>, taps: [LinearTap<S>]) {
        let result: ProbeForward<S>
        do {
            result = try forward(values, inputs)
        } catch let error as TensorError {
            throw ProbeError.shapeMismatch(probe: probe, message: "the forward pass failed on inputs \(TensorShape.describe(inputs.shape)): \(error)")
        }
        let batch = inputs.shape[0], z = result.logits
        switch output {
        case .softmax:
            guard z.rank == 2, z.shape[0] == batch, z.shape[1] >= 2 else {
                throw ProbeError.shapeMismatch(probe: probe, message: "softmax logits must be [\(batch), classes ≥ 2]; got \(TensorShape.describe(z.shape))")
            }
            return (z, result.taps)
        case .bernoulli:
            guard z.count == batch, z.rank >= 1, z.shape[0] == batch else {
                throw ProbeError.shapeMismatch(probe: probe, message: "a Bernoulli model needs one logit per sample, [\(batch)]; got \(TensorShape.describe(z.shape))")
            }
            let column = try z.reshaped([batch, 1])
            return (try Tensor.concatenate([Tensor.zeros([batch, 1]), column], axis: 1), result.taps)
        }
    }

    /// The class probabilities `[n][classes]` at the model's own parameters, in Double.
    package func probabilities(_ inputs: Tensor<S>, probe: String) throws -> [[Double]] {
        try probabilities(fromLogits: classLogits(parameters, inputs, probe: probe).logits, probe: probe)
    }

    /// The class probabilities `[n][classes]` of `[n, classes]` logits from `classLogits`, in Double.
    package func probabilities(fromLogits logits: Tensor<S>, probe: String) throws -> [[Double]] {
        let z = logits.detached()
        // `cast` converts in the runtime's loop for the element type (see `batchedGradients`).
        let p = try z.softmax(axis: 1).cast(to: Double.self).scalars
        let k = z.shape[1]
        if let bad = p.firstIndex(where: { !$0.isFinite }) {
            throw ProbeError.invalidArgument(probe: probe, message: "the model's logits for sample \(bad / k) of this batch are not finite (NaN or infinity)")
        }
        return (0..<z.shape[0]).map { Array(p[($0 * k)..<($0 * k + k)]) }
    }

    /// Checks that `data` fits this model: labels in range, inputs accepted by the forward pass.
    package func check(_ data: ProbeData<S>, probe: String) throws -> Int {
        try checkedForward(data, probe: probe).classes
    }

    /// `check`, also returning its forward pass on the first sample, from which
    /// `ProbeWorkload(model:data:firstForward:)` reads the sizes without another pass.
    package func checkedForward(_ data: ProbeData<S>, probe: String) throws -> (classes: Int, first: (logits: Tensor<S>, taps: [LinearTap<S>])) {
        if let expected = inputShape, Array(data.inputs.shape.dropFirst()) != expected {
            throw ProbeError.shapeMismatch(probe: probe, message: "the model takes inputs of shape \(TensorShape.describe(expected)) per sample; the data's are \(TensorShape.describe(Array(data.inputs.shape.dropFirst())))")
        }
        let probeRow = try data.rows([0])
        let first = try classLogits(parameters, probeRow.inputs, probe: probe)
        let classes = first.logits.shape[1]
        if let bad = data.labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw ProbeError.shapeMismatch(probe: probe, message: "label \(data.labels[bad]) of sample \(bad) is outside 0..<\(classes)")
        }
        return (classes, first)
    }

    /// The mean cross-entropy `L_D(w)` at `values` (defaults to the model's parameters).
    package func meanLoss(_ data: ProbeData<S>, values: [Tensor<S>]? = nil, probe: String) throws -> Tensor<S> {
        let z = try classLogits(values ?? parameters, data.inputs, probe: probe).logits
        return try Tensor.softmaxCrossEntropy(logits: z, labels: data.labels)
    }
}
