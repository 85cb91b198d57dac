import Learning
import TensorRuntime

extension ProbeModel where S == Float {
    /// A probe model over a built `Learning.Network`: one probe layer per layer that owns
    /// trainable parameters, named as users see it in the network's table (kind and position from
    /// 1, e.g. `"dense4"`, `"block2.conv2d1"`), tensors `"dense4.weight"`, `"dense4.bias"`.
    ///
    /// The forward pass runs the network in evaluation mode (dropout off, batch norm on its running
    /// statistics), so samples never interact, with the probes' tensors substituted for the
    /// trainable parameters. Dense, conv2d and batchnorm layers are tapped for batched per-sample gradients;
    /// a dense weight stays in its stored `[out, in]` layout (the tap says it was transposed).
    /// Output: one output unit is a Bernoulli logit, more are softmax logits; a final `sigmoid`
    /// (one output) or `softmax` layer is treated as the output distribution itself, so the
    /// logits are its input. Batch norm, in evaluation mode a per-channel affine map of the
    /// normalised input, is tapped too (its scale and shift get batched per-sample gradients).
    ///
    /// - Throws: `ProbeError.invalidArgument` for an unbuilt network, one without trainable
    ///   parameters, or one whose output is not a flat vector of logits.
    public init(network: Network) throws {
        let probe = "model"
        guard network.isBuilt, let outputShape = network.outputShape else {
            throw ProbeError.invalidArgument(probe: probe, message: "the network is not built yet (its input shape is unknown)")
        }
        guard let distribution = network.outputDistribution else {
            throw ProbeError.invalidArgument(probe: probe, message: "the network's output must be a flat vector of logits; it is \(TensorShape.describe(outputShape))")
        }
        if let problem = network.outputProblem {
            throw ProbeError.invalidArgument(probe: probe, message: problem)
        }
        let output: ProbeOutput = distribution == .bernoulli ? .bernoulli : .softmax
        let stripsLast = network.endsInDistributionLayer
        let names = Self.displayNames(network)
        let groups = network.parameterGroups
        let flat = groups.flatMap(\.parameters)
        var index: [ObjectIdentifier: Int] = [:]
        for (i, p) in flat.enumerated() { index[ObjectIdentifier(p)] = i }
        let batchNorms = Self.batchNormLayers(network)
        let layers = groups.map { group -> (name: String, parameters: [(name: String, value: Tensor<Float>)]) in
            let name = names[group.name] ?? group.name
            return (name, group.parameters.map { p in (Self.displayName(p, group: group.name, layer: name), p.value) })
        }
        try self.init(layers: layers, output: output, inputShape: network.inputShape) { values, inputs in
            var context = ForwardContext(training: false, random: RandomStream(seed: 0), captureOutputs: true)
            let result: Tensor<Float>
            do {
                try context.substitute(flat, with: values)
                result = try network.run(inputs, context: &context)
            } catch let error as ModelError {
                throw ProbeError.shapeMismatch(probe: probe, message: error.description)
            }
            let logits = stripsLast ? (context.captures.last?.input ?? result) : result
            return ProbeForward(logits: logits, taps: try Self.taps(context, index: index, batchNorms: batchNorms))
        }
    }

    /// The dense, conv2d and batch-norm captures as taps, with their parameters' positions.
    private static func taps(_ context: ForwardContext, index: [ObjectIdentifier: Int],
                             batchNorms: [ObjectIdentifier: BatchNormLayer]) throws -> [LinearTap<Float>] {
        try context.captures.compactMap { capture in
            guard let first = capture.parameters.first, let weight = index[ObjectIdentifier(first)] else { return nil }
            let bias = capture.parameters.dropFirst().first.flatMap { index[ObjectIdentifier($0)] }
            switch capture.kind {
            case "dense", "conv2d":
                let isDense = capture.kind == "dense"
                return LinearTap(output: capture.output, input: capture.input, weight: weight, bias: bias,
                                 isDense: isDense, fusedRelu: capture.fusedRelu, transposedWeight: isDense)
            case "batchnorm":
                guard let layer = batchNorms[ObjectIdentifier(first)],
                      let mean = layer.runningMean, let variance = layer.runningVariance else { return nil }
                // As the layer's evaluation-mode forward pass normalises, so x̂ matches it.
                let shape = [1, mean.shape[0]] + [Int](repeating: 1, count: max(capture.input.rank - 2, 0))
                let deviation = try (context.value(of: variance).detached() + layer.epsilon).sqrt().reshaped(shape)
                return LinearTap(affineOutput: capture.output, input: capture.input,
                                 mean: try context.value(of: mean).detached().reshaped(shape), deviation: deviation,
                                 scale: weight, shift: bias)
            default:
                return nil
            }
        }
    }

    /// Every batch-norm layer in the network, nested ones included, keyed by its scale parameter.
    private static func batchNormLayers(_ network: Network) -> [ObjectIdentifier: BatchNormLayer] {
        var found: [ObjectIdentifier: BatchNormLayer] = [:]
        func visit(_ layer: any Layer) {
            if let bn = layer as? BatchNormLayer, let weight = bn.weight { found[ObjectIdentifier(weight)] = bn }
            if let block = layer as? Network { block.layers.forEach(visit) }
            if let residual = layer as? ResidualBlock {
                residual.body.layers.forEach(visit)
                if let projection = residual.projection { visit(projection) }
            }
        }
        network.layers.forEach(visit)
        return found
    }

    /// Every trainable parameter's name in probe results (`"dense1.weight"`, `"block2.dense1.bias"`)
    /// beside its parameter name (`"0.weight"`, `"1.0.bias"`: PyTorch's `state_dict` name, which
    /// weight files and `net.parameters` use), in the order the probes list them.
    public static func parameterNames(_ network: Network) -> [(display: String, file: String)] {
        let names = displayNames(network)
        return network.parameterGroups.flatMap { group in
            group.parameters.map { p in (displayName(p, group: group.name, layer: names[group.name] ?? group.name), p.name) }
        }
    }

    /// A parameter's name in probe results: its layer's display name and its own last part.
    private static func displayName(_ parameter: Parameter, group: String, layer: String) -> String {
        layer + "." + String(parameter.name.dropFirst(group.count + 1))
    }

    /// Parameter-path prefixes (`"3"`, `"4.body.0"`) mapped to the names users see: each layer's
    /// kind and its position from 1 in its block, joined with dots through blocks.
    public static func displayNames(_ network: Network) -> [String: String] {
        var names: [String: String] = [:]
        collectNames(network, path: "", display: "", into: &names)
        return names
    }

    private static func collectNames(_ network: Network, path: String, display: String, into names: inout [String: String]) {
        for (position, (layerName, layer)) in zip(network.layerNames, network.layers).enumerated() {
            let p = path + layerName, d = display + layer.kind + "\(position + 1)"
            names[p] = d
            if let block = layer as? Network {
                collectNames(block, path: p + ".", display: d + ".", into: &names)
            } else if let residual = layer as? ResidualBlock {
                collectNames(residual.body, path: p + ".body.", display: d + ".", into: &names)
                names[p + ".projection"] = d + ".projection"
            }
        }
    }
}
