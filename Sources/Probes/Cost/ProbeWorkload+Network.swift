import Learning

extension ProbeWorkload {
    /// The workload of a built network on `samples` samples, from its shapes alone (nothing runs):
    /// dense layers cost `2·weights` flops per sample, convolutions `2·weights·H_out·W_out`, layers
    /// without weights one flop per output value. The classes are the network's output width
    /// (2 for a single output, read as a Bernoulli logit).
    ///
    /// - Throws: `ProbeError.invalidArgument` for a network that is not built.
    public init(network: Network, samples: Int, scalarBytes: Int = 4) throws {
        guard let input = network.inputShape, let output = network.outputShape else {
            throw ProbeError.invalidArgument(probe: "cost", message: "the network is not built, so its sizes are unknown")
        }
        var sizes: [LayerSize] = [], extraFlops = 0.0, extraOutputs = 0
        ProbeWorkload.collect(network, prefix: "", into: &sizes, extraFlops: &extraFlops, extraOutputs: &extraOutputs)
        let width = output.reduce(1, *)
        self.init(layers: sizes, inputSize: input.reduce(1, *), samples: samples, classes: width == 1 ? 2 : width,
                  scalarBytes: scalarBytes, extraFlopsPerSample: extraFlops, extraOutputsPerSample: extraOutputs)
    }

    private static func collect(_ network: Network, prefix: String, into sizes: inout [LayerSize],
                                extraFlops: inout Double, extraOutputs: inout Int) {
        for (name, layer) in zip(network.layerNames, network.layers) {
            let path = prefix + name
            if let inner = layer as? Network {
                collect(inner, prefix: path + ".", into: &sizes, extraFlops: &extraFlops, extraOutputs: &extraOutputs)
                continue
            }
            if let block = layer as? ResidualBlock {
                collect(block.body, prefix: path + ".body.", into: &sizes, extraFlops: &extraFlops, extraOutputs: &extraOutputs)
                if let projection = block.projection {
                    sizes.append(size(of: projection, name: path + ".projection"))
                }
                let outputs = block.outputShape?.reduce(1, *) ?? 0
                extraFlops += Double(outputs)
                extraOutputs += outputs
                continue
            }
            if layer.parameters.isEmpty {
                let outputs = layer.outputShape?.reduce(1, *) ?? 0
                extraFlops += Double(outputs)
                extraOutputs += outputs
            } else {
                sizes.append(size(of: layer, name: path))
            }
        }
    }

    /// One weight layer: a convolution repeats its weights at every output position; a bias
    /// costs one addition per output; other layers with weights (normalisations) two per output.
    private static func size(of layer: any Layer, name: String) -> LayerSize {
        let weights = layer.parameters.reduce(0) { $0 + $1.value.count }
        let outputs = layer.outputShape?.reduce(1, *) ?? 0
        let flops: Double
        if let dense = layer as? DenseLayer, let w = dense.weight {
            flops = 2 * Double(w.value.count) + (dense.bias == nil ? 0 : Double(outputs))
        } else if let conv = layer as? ConvolutionLayer, let w = conv.weight, let shape = conv.outputShape, shape.count == 3 {
            flops = 2 * Double(w.value.count * shape[1] * shape[2]) + (conv.bias == nil ? 0 : Double(outputs))
        } else {
            flops = 2 * Double(outputs)
        }
        return LayerSize(name: name, parameters: weights, forwardFlops: flops, outputs: outputs, isConvolution: layer is ConvolutionLayer)
    }
}
