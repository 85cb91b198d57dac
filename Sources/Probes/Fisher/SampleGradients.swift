import TensorRuntime

/// Per-sample squared gradient norms of `−log p(label|x)`, per parameter tensor, and optionally
/// the weighted sum of element-wise squared per-sample gradients (for the Fisher diagonal).
package struct SampleGradients {
    /// `norms[t][i] = ‖∇_{w_t} ℓ_i‖²` for parameter tensor t and sample i.
    package var norms: [[Double]]
    /// `diagonal[t][e] = Σ_i weight_i (∂ℓ_i/∂w_{t,e})²`, when asked for.
    package var diagonal: [[Double]]?
}

/// How per-sample gradients are obtained.
public enum PerSampleMethod: String, Sendable {
    /// One batched backward pass (dense: `‖a_i‖²‖δ_i‖²`; conv: unfold-based; batch norm: per-channel
    /// sums), via the model's taps.
    case batched = "batched per-sample norms (one backward pass)"
    /// One backward pass per sample: the reference, and the fallback for untapped models.
    case sampleLoop = "one backward pass per sample"
}

extension ProbeModel {
    /// Whether the taps cover every parameter tensor exactly once, so the batched method applies.
    package func tapsCoverParameters(_ taps: [LinearTap<S>], diagonal: Bool) -> Bool {
        var seen = [Int](repeating: 0, count: parameters.count)
        for tap in taps {
            // The diagonal has batched forms for dense and per-channel affine taps only.
            if diagonal && !tap.isDense && !tap.isAffine { return false }
            for index in [tap.weight] + (tap.bias.map { [$0] } ?? []) {
                guard parameters.indices.contains(index) else { return false }
                seen[index] += 1
            }
        }
        return seen.allSatisfy { $0 == 1 }
    }

    /// Per-sample gradients for `labels` on `inputs`, batched when `preferBatched` and the taps
    /// allow it; returns the method actually used.
    package func sampleGradients(_ inputs: Tensor<S>, labels: [Int], weights: [Double], diagonal: Bool,
                                 preferBatched: Bool, probe: String) throws -> (SampleGradients, PerSampleMethod) {
        if preferBatched, let recorded = try recordedForward(inputs, diagonal: diagonal, probe: probe) {
            return (try sampleGradients(recorded, labels: labels, weights: weights, diagonal: diagonal), .batched)
        }
        return (try loopGradients(inputs, labels: labels, weights: weights, diagonal: diagonal, probe: probe), .sampleLoop)
    }

    /// The forward pass on `inputs` recorded from fresh variables, for any number of batched
    /// per-sample gradient passes (one per label assignment) without running it again; nil when
    /// the taps do not cover the parameters, so the batched method does not apply.
    package func recordedForward(_ inputs: Tensor<S>, diagonal: Bool,
                                 probe: String) throws -> (logits: Tensor<S>, taps: [LinearTap<S>])? {
        let variables = parameters.map { $0.detached().variable() }
        let (z, taps) = try classLogits(variables, inputs, probe: probe)
        return tapsCoverParameters(taps, diagonal: diagonal) ? (z, taps) : nil
    }

    /// Batched per-sample gradients for `labels` from a forward pass `recordedForward` returned.
    package func sampleGradients(_ recorded: (logits: Tensor<S>, taps: [LinearTap<S>]), labels: [Int],
                                 weights: [Double], diagonal: Bool) throws -> SampleGradients {
        let loss = try Tensor.softmaxCrossEntropy(logits: recorded.logits, labels: labels)
        return try batchedGradients(loss, recorded.taps, weights: weights, diagonal: diagonal)
    }

    /// Norms (and the diagonal) for every tap from ONE backward pass to the taps' outputs.
    private func batchedGradients(_ loss: Tensor<S>, _ taps: [LinearTap<S>], weights: [Double],
                                  diagonal: Bool) throws -> SampleGradients {
        let upstream = try loss.gradients(withRespectTo: taps.map(\.output))
        let linear = taps.indices.filter { !taps[$0].isAffine }
        let linearNorms = try Autodiff.perSampleGradientSquaredNorms(
            layerOutputs: linear.map { taps[$0].output }, upstreams: linear.map { upstream[$0] })
        var norms = [[Double]](repeating: [], count: parameters.count)
        for (j, layerNorms) in zip(linear, linearNorms) {
            // `cast` converts in the runtime's loop for the element type; `map(Double.init)` here
            // would run unspecialised, a dynamic cast per element.
            norms[taps[j].weight] = try layerNorms.weight.cast(to: Double.self).scalars
            if let b = taps[j].bias { norms[b] = try layerNorms.bias?.cast(to: Double.self).scalars ?? [] }
        }
        let batch = weights.count
        let column = try Tensor<S>(shape: [batch, 1], scalars: weights.map { S($0) })
        var diag = [[Double]](repeating: [], count: parameters.count)
        for (tap, up) in zip(taps, upstream) {
            if let normalized = try tap.normalizedInput() {
                try affineGradients(tap, upstream: up, normalized: normalized, column: diagonal ? column : nil,
                                    norms: &norms, diagonal: &diag)
                continue
            }
            guard diagonal else { continue }
            // The loss is a batch mean: undo the 1/B to get each sample's own δ_i.
            var delta = try up * S(batch)
            if tap.fusedRelu { delta = try delta * tap.output.detached().greater(Tensor.zeros(like: tap.output)) }
            let weighted = try delta * delta * column
            let a = tap.input.detached()
            let squares = try a * a
            // In the weight's own layout: [out, in] for a network's dense layer, else [in, out].
            let weightDiagonal = tap.transposedWeight ? try weighted.matmul(squares, transposeSelf: true)
                                                      : try squares.matmul(weighted, transposeSelf: true)
            diag[tap.weight] = try weightDiagonal.cast(to: Double.self).scalars
            if let b = tap.bias { diag[b] = try weighted.sum(axes: [0]).cast(to: Double.self).scalars }
        }
        return SampleGradients(norms: norms, diagonal: diagonal ? diag : nil)
    }

    /// A per-channel affine tap `z = γ·x̂ + β`: sample i's gradients are `Σ_p δ_{i,c,p} x̂_{i,c,p}`
    /// for γ_c and `Σ_p δ_{i,c,p}` for β_c (p over pixels); their squares summed over channels are
    /// the norms, and weighted by `column` and summed over samples, the diagonal.
    private func affineGradients(_ tap: LinearTap<S>, upstream: Tensor<S>, normalized: Tensor<S>, column: Tensor<S>?,
                                 norms: inout [[Double]], diagonal: inout [[Double]]) throws {
        let pixels = Array(2..<max(upstream.rank, 2))
        // The loss is a batch mean: δ_i is B times the upstream gradient, applied to the [B, C] sums.
        let batch = S(upstream.shape[0])
        let perChannel = { (t: Tensor<S>) throws -> Tensor<S> in try (pixels.isEmpty ? t : t.sum(axes: pixels)) * batch }
        var parts = [(tap.weight, try perChannel(upstream * normalized))]
        if let b = tap.bias { parts.append((b, try perChannel(upstream))) }
        for (index, g) in parts {
            let squares = try g * g
            norms[index] = try squares.sum(axes: [1]).cast(to: Double.self).scalars
            if let column { diagonal[index] = try (squares * column).sum(axes: [0]).cast(to: Double.self).scalars }
        }
    }

    private func loopGradients(_ inputs: Tensor<S>, labels: [Int], weights: [Double], diagonal: Bool,
                               probe: String) throws -> SampleGradients {
        var norms = [[Double]](repeating: [Double](repeating: 0, count: labels.count), count: parameters.count)
        var diag: [[Double]]? = diagonal ? parameters.map { [Double](repeating: 0, count: $0.count) } : nil
        for i in labels.indices {
            let grads = try sampleGradient(inputs.selectRows([i]), label: labels[i], probe: probe)
            for (t, g) in grads.enumerated() {
                norms[t][i] = g.reduce(0) { $0 + $1 * $1 }
                if diag != nil { for e in g.indices { diag?[t][e] += weights[i] * g[e] * g[e] } }
            }
        }
        return SampleGradients(norms: norms, diagonal: diag)
    }

    /// `∇_w −log p(label|x)` for one sample, per parameter tensor, in Double.
    package func sampleGradient(_ input: Tensor<S>, label: Int, probe: String) throws -> [[Double]] {
        let variables = parameters.map { $0.detached().variable() }
        let z = try classLogits(variables, input, probe: probe).logits
        let loss = try Tensor.softmaxCrossEntropy(logits: z, labels: [label])
        return try loss.gradients(withRespectTo: variables).map { try $0.cast(to: Double.self).scalars }
    }
}
