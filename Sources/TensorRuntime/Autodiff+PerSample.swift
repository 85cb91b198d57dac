/// The squared norms of one layer's per-sample gradients, one entry per sample.
public struct SampleGradientNorms<Scalar: TensorScalar>: Sendable {
    /// `||∂ℓ_i/∂W||²`, shape `[batch]`.
    public let weight: Tensor<Scalar>
    /// `||∂ℓ_i/∂b||²`, shape `[batch]`; nil when the layer has no bias.
    public let bias: Tensor<Scalar>?
}

extension Autodiff {
    /// Squared norms of each sample's gradient for the given dense or convolution layers, from
    /// ONE batched backward pass (docs/probe-formulas.md, P1), with no loop of backward passes over samples.
    ///
    /// For a dense layer `z = a W + b`, sample `i`'s weight gradient is the outer product `a_i δ_iᵀ`,
    /// whose squared norm is `||a_i||² ||δ_i||²`; its bias gradient is `δ_i`. For a convolution,
    /// sample `i`'s weight gradient is the convolution's weight adjoint applied to that sample
    /// alone (the unfold-based form), and its bias gradient is `δ_i` summed over pixels.
    ///
    /// `layerOutputs` are results of `Tensor.dense` or `Tensor.conv2D` recorded on the way to
    /// `loss`. When `loss` is a batch mean (`lossIsBatchMean`), `δ` is rescaled by the batch size so
    /// the norms are those of the per-sample losses `ℓ_i`; pass false for a sum of per-sample
    /// losses. The identity needs samples that do not interact in the forward pass (no batch statistics).
    public static func perSampleGradientSquaredNorms<S>(
        of loss: Tensor<S>, layerOutputs: [Tensor<S>], lossIsBatchMean: Bool = true
    ) throws -> [SampleGradientNorms<S>] {
        let nodes = try linearNodes(layerOutputs)
        let upstreams = try loss.gradients(withRespectTo: layerOutputs)
        return try norms(nodes, upstreams, lossIsBatchMean: lossIsBatchMean)
    }

    /// The same norms from upstream gradients the caller already has: `upstreams[j]` is
    /// `∂loss/∂layerOutputs[j]`, e.g. from one `gradients(withRespectTo:)` call that also asked for
    /// the outputs of other layers, so every layer shares one backward pass.
    public static func perSampleGradientSquaredNorms<S>(
        layerOutputs: [Tensor<S>], upstreams: [Tensor<S>], lossIsBatchMean: Bool = true
    ) throws -> [SampleGradientNorms<S>] {
        let nodes = try linearNodes(layerOutputs)
        guard upstreams.count == layerOutputs.count else {
            throw TensorError.invalidArgument(
                operation: "perSampleGradientSquaredNorms",
                reason: "\(upstreams.count) upstream gradients given for \(layerOutputs.count) outputs")
        }
        for (i, (output, upstream)) in zip(layerOutputs, upstreams).enumerated() where output.shape != upstream.shape {
            throw TensorError.invalidArgument(
                operation: "perSampleGradientSquaredNorms",
                reason: "upstream \(i) has shape \(upstream.shape), its output has \(output.shape)")
        }
        return try norms(nodes, upstreams, lossIsBatchMean: lossIsBatchMean)
    }

    /// The recorded dense / conv2D nodes behind `layerOutputs`, or an error naming the first that is not one.
    private static func linearNodes<S>(_ layerOutputs: [Tensor<S>]) throws -> [AutodiffNode<S>] {
        try layerOutputs.enumerated().map { i, output in
            if let node = output.node {
                switch node.primitive {
                case .dense, .conv2D: return node
                default: break
                }
            }
            throw TensorError.invalidArgument(
                operation: "perSampleGradientSquaredNorms",
                reason: "output \(i) was not produced by dense or conv2D with a variable operand")
        }
    }

    private static func norms<S>(_ nodes: [AutodiffNode<S>], _ upstreams: [Tensor<S>],
                                 lossIsBatchMean: Bool) throws -> [SampleGradientNorms<S>] {
        try zip(nodes, upstreams).map { node, upstream in
            let scale = lossIsBatchMean ? S(node.shape[0]) : 1
            if case .conv2D(let stride, let padding) = node.primitive {
                return try convolutionNorms(node, try upstream * scale, stride: stride, padding: padding)
            }
            return try denseNorms(node, upstream, scale: scale)
        }
    }

    private static func denseNorms<S>(_ node: AutodiffNode<S>, _ upstream: Tensor<S>, scale: S) throws -> SampleGradientNorms<S> {
        guard case .dense(let relu, _) = node.primitive else {
            throw TensorError.gradient(operation: node.primitive.name, reason: "is not dense")
        }
        // Through the fused relu, then scaled: the per-sample δ_i, squared and summed in one pass.
        let delta = relu ? try upstream.maskedByLeakyStep(node.output.detached(), slope: 0, "dense") : upstream
        let inputNorms = try node.inputs[0].detached().rowSquaredSums()
        let deltaNorms = try delta.detached().rowSquaredSums(scale: scale)
        return SampleGradientNorms(weight: try inputNorms * deltaNorms,
                                   bias: node.inputs.count == 3 ? deltaNorms : nil)
    }

    private static func convolutionNorms<S>(_ node: AutodiffNode<S>, _ delta: Tensor<S>, stride: Int,
                                            padding: Int) throws -> SampleGradientNorms<S> {
        let input = node.inputs[0].detached(), weight = node.inputs[1]
        let batch = input.shape[0]
        var weightNorms: [S] = []
        weightNorms.reserveCapacity(batch)
        for i in 0..<batch {
            let g = try Tensor.conv2DWeightGradient(input.selectRows([i]), delta.selectRows([i]), stride: stride,
                                                    padding: padding, kernelHeight: weight.shape[2],
                                                    kernelWidth: weight.shape[3])
            weightNorms.append(try (g * g).sum().scalar())
        }
        var bias: Tensor<S>?
        if node.inputs.count == 3 {
            let perChannel = try delta.sum(axes: [2, 3])
            bias = try (perChannel * perChannel).sum(axes: [1])
        }
        return SampleGradientNorms(weight: try Tensor(weightNorms), bias: bias)
    }
}
