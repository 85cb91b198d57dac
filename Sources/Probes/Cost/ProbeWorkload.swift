import TensorRuntime

/// The sizes a cost estimate is computed from: the network's weights and per-sample work, the
/// number of samples and classes, and the scalar width.
public struct ProbeWorkload: Sendable, Equatable {
    /// One layer's part: its weights, forward flops and output values per sample.
    public struct LayerSize: Sendable, Equatable {
        /// The layer's name.
        public var name: String
        /// Its number of weights.
        public var parameters: Int
        /// Floating-point operations of its forward pass on one sample.
        public var forwardFlops: Double
        /// Values it outputs per sample (held by the recorded graph).
        public var outputs: Int
        /// Whether it is a convolution: its per-sample gradient norms need each sample's own
        /// weight gradient, unlike a dense layer's `‖a‖²‖δ‖²`.
        public var isConvolution: Bool

        /// One layer's sizes.
        public init(name: String, parameters: Int, forwardFlops: Double, outputs: Int, isConvolution: Bool = false) {
            self.name = name
            self.parameters = parameters
            self.forwardFlops = forwardFlops
            self.outputs = outputs
            self.isConvolution = isConvolution
        }
    }

    /// The layers that carry weights, in forward order; layers without weights add their work
    /// to `extraFlopsPerSample` and `extraOutputsPerSample`.
    public var layers: [LayerSize]
    /// Values per input sample.
    public var inputSize: Int
    /// Forward flops per sample outside the weight layers (activations, pooling).
    public var extraFlopsPerSample: Double
    /// Output values per sample of the layers without weights.
    public var extraOutputsPerSample: Int
    /// The samples the probe averages over.
    public var samples: Int
    /// The number of classes of the output distribution (2 for a Bernoulli output).
    public var classes: Int
    /// Bytes per tensor scalar: 4 for Float, 8 for Double.
    public var scalarBytes: Int

    /// A workload from its parts.
    public init(layers: [LayerSize], inputSize: Int, samples: Int, classes: Int, scalarBytes: Int = 4,
                extraFlopsPerSample: Double = 0, extraOutputsPerSample: Int = 0) {
        self.layers = layers
        self.inputSize = inputSize
        self.samples = samples
        self.classes = classes
        self.scalarBytes = scalarBytes
        self.extraFlopsPerSample = extraFlopsPerSample
        self.extraOutputsPerSample = extraOutputsPerSample
    }

    /// k, the number of weights.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameters } }
    /// Forward flops on one sample.
    public var forwardFlopsPerSample: Double { layers.reduce(extraFlopsPerSample) { $0 + $1.forwardFlops } }
    /// Forward flops per sample of the convolutions alone.
    public var convolutionFlopsPerSample: Double {
        layers.filter(\.isConvolution).reduce(0) { $0 + $1.forwardFlops }
    }
    /// Values the recorded graph holds per sample (input, every output, the logits).
    public var activationsPerSample: Int {
        layers.reduce(inputSize + extraOutputsPerSample + classes) { $0 + $1.outputs }
    }
    /// The same network and data with another sample count.
    public func with(samples: Int) -> ProbeWorkload {
        var copy = self
        copy.samples = samples
        return copy
    }
}

extension ProbeWorkload {
    /// The workload of `model` on `data`: one forward pass on the first sample reads the size of
    /// every dense/conv output from the taps (a dense product costs `2·in·out` flops per sample, a
    /// convolution `2·weights·H_out·W_out`, a bias one flop per output). Layers without taps are counted at 2 flops per weight,
    /// exact for dense layers and an underestimate for convolutions.
    ///
    /// - Throws: `ProbeError` when the model rejects the sample.
    public init<S>(model: ProbeModel<S>, data: ProbeData<S>) throws {
        let first = try data.rows([0])
        try self.init(model: model, data: data, firstForward: model.classLogits(model.parameters, first.inputs, probe: "cost"))
    }

    /// The workload from a forward pass on the first sample that the caller already ran
    /// (`ProbeModel.checkedForward`), so a probe checks its data and sizes its work in one pass.
    package init<S>(model: ProbeModel<S>, data: ProbeData<S>, firstForward: (logits: Tensor<S>, taps: [LinearTap<S>])) throws {
        let (logits, taps) = firstForward
        let inputSize = data.inputs.shape.dropFirst().reduce(1, *)
        var flops = [Double](repeating: 0, count: model.parameters.count)
        var outputs = [Int](repeating: 0, count: model.parameters.count)
        var tapped = [Bool](repeating: false, count: model.parameters.count)
        var convolution = [Bool](repeating: false, count: model.parameters.count)
        // Affine (batch-norm) taps keep the untapped per-parameter cost below, as before they were tapped.
        for tap in taps where model.parameters.indices.contains(tap.weight) && !tap.isAffine {
            let out = tap.output
            let channels = tap.isDense ? (out.shape.last ?? 1) : (out.rank > 1 ? out.shape[1] : 1)
            let positions = Double(out.count) / Double(max(channels, 1))
            flops[tap.weight] += 2 * Double(model.parameters[tap.weight].count) * positions
            outputs[tap.weight] += out.count
            tapped[tap.weight] = true
            convolution[tap.weight] = !tap.isDense
            if let b = tap.bias, model.parameters.indices.contains(b) {
                flops[b] += Double(out.count) // one addition per output value
                tapped[b] = true
            }
        }
        let sizes = model.layers.map { layer -> LayerSize in
            let count = model.parameters[layer.range].reduce(0) { $0 + $1.count }
            let untapped = layer.range.filter { !tapped[$0] }.reduce(0) { $0 + model.parameters[$1].count }
            return LayerSize(name: layer.name, parameters: count,
                             forwardFlops: layer.range.reduce(0) { $0 + flops[$1] } + 2 * Double(untapped),
                             outputs: layer.range.reduce(0) { $0 + outputs[$1] },
                             isConvolution: layer.range.contains { convolution[$0] })
        }
        self.init(layers: sizes, inputSize: inputSize, samples: data.count, classes: logits.shape[1],
                  scalarBytes: MemoryLayout<S>.size)
    }
}
