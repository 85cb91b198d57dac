import TensorRuntime

extension Network {
    /// Every stored tensor, trainable and statistics, in layer order (per layer: trainable first):
    /// what weight files save.
    public var allParameters: [Parameter] {
        layers.flatMap { layer -> [Parameter] in
            if let network = layer as? Network { return network.allParameters }
            if let block = layer as? ResidualBlock {
                return block.body.allParameters + (block.projection?.parameters ?? [])
            }
            return layer.parameters + layer.statistics
        }
    }

    /// The parameter (trainable or statistic) called `name`, e.g. `"0.weight"`.
    public func parameter(named name: String) throws -> Parameter {
        let all = allParameters
        guard let found = all.first(where: { $0.name == name }) else {
            if !isBuilt {
                throw ModelError.network(message: "no parameter named '\(name)': the network is not built yet")
            }
            throw ModelError.unknownParameter(name: name, available: all.map(\.name))
        }
        return found
    }

    /// Sets parameter `name` to `value`, which must have the parameter's shape.
    public func setParameter(_ name: String, to value: Tensor<Float>) throws {
        try parameter(named: name).assign(value)
    }

    /// Sets a matrix parameter from rows, e.g. a one-unit dense weight to `[[0.3, -0.7]]`.
    public func setParameter(_ name: String, rows: [[Float]]) throws {
        let target = try parameter(named: name)
        let value: Tensor<Float>
        do {
            value = try Tensor<Float>(rows: rows)
        } catch {
            throw ModelError.network(message: "'\(name)': \(error)")
        }
        try target.assign(value)
    }

    /// Sets a vector parameter (a bias) from values.
    public func setParameter(_ name: String, values: [Float]) throws {
        try parameter(named: name).assign(try Tensor<Float>(values))
    }

    /// The layers that own parameters, flattened through blocks: each layer's name prefix (as in
    /// `ForwardContext.Capture.name`), kind and trainable parameters. Probes group per layer by it.
    public var parameterGroups: [(name: String, kind: String, parameters: [Parameter])] {
        collectGroups(prefix: "")
    }

    private func collectGroups(prefix: String) -> [(name: String, kind: String, parameters: [Parameter])] {
        var groups: [(name: String, kind: String, parameters: [Parameter])] = []
        for (name, layer) in zip(layerNames, layers) {
            let path = prefix + name
            if let network = layer as? Network {
                groups += network.collectGroups(prefix: path + ".")
            } else if let block = layer as? ResidualBlock {
                groups += block.body.collectGroups(prefix: path + ".body.")
                if let projection = block.projection {
                    groups.append((path + ".projection", projection.kind, projection.parameters))
                }
            } else if !layer.parameters.isEmpty {
                groups.append((path, layer.kind, layer.parameters))
            }
        }
        return groups
    }
}
