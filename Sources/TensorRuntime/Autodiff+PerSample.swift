/// The squared norms of one dense layer's per-sample gradients, one entry per sample.
public struct DenseSampleGradientNorms<Scalar: TensorScalar>: Sendable {
    /// `||∂ℓ_i/∂W||² = ||a_i||² · ||δ_i||²`, shape `[batch]`.
    public let weight: Tensor<Scalar>
    /// `||∂ℓ_i/∂b||² = ||δ_i||²`, shape `[batch]`; nil when the layer has no bias.
    public let bias: Tensor<Scalar>?
}

extension Autodiff {
    /// Squared norms of each sample's gradient for the given dense layers, from ONE batched
    /// backward pass (`PROBES.md` P1): for a dense layer `z = a W + b`, sample `i`'s weight gradient
    /// is the outer product `a_i δ_iᵀ`, whose squared norm is `||a_i||² ||δ_i||²`.
    ///
    /// `denseOutputs` are results of `Tensor.dense` recorded on the way to `loss`. When `loss` is a
    /// batch mean (`lossIsBatchMean`), `δ` is rescaled by the batch size so the norms are those of
    /// the per-sample losses `ℓ_i`; pass false for a sum of per-sample losses. The identity needs
    /// samples that do not interact in the forward pass (no batch statistics).
    public static func perSampleGradientSquaredNorms<S>(
        of loss: Tensor<S>, denseOutputs: [Tensor<S>], lossIsBatchMean: Bool = true
    ) throws -> [DenseSampleGradientNorms<S>] {
        let name = "perSampleGradientSquaredNorms"
        var nodes: [(AutodiffNode<S>, Bool)] = []
        for (i, output) in denseOutputs.enumerated() {
            guard let node = output.node, case .dense(let relu) = node.primitive else {
                throw TensorError.invalidArgument(
                    operation: name, reason: "output \(i) was not produced by dense with a variable operand")
            }
            nodes.append((node, relu))
        }
        let deltas = try loss.gradients(withRespectTo: denseOutputs)
        return try zip(nodes, deltas).map { entry, upstream in
            let (node, relu) = entry
            let output = node.output.detached()
            var delta = relu ? try upstream * output.unary(.leakyStep(slope: 0), name) : upstream
            if lossIsBatchMean { delta = try delta * S(output.shape[0]) }
            let input = node.inputs[0].detached()
            let inputNorms = try (input * input).sum(axes: [1])
            let deltaNorms = try (delta * delta).sum(axes: [1])
            return DenseSampleGradientNorms(weight: try inputNorms * deltaNorms,
                                            bias: node.inputs.count == 3 ? deltaNorms : nil)
        }
    }
}
