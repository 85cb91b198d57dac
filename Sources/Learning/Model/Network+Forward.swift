import TensorRuntime

extension Network {
    /// The network applied to a batch `[batch] + inputShape` (see the type's documentation).
    public func forward(_ input: Tensor<Float>, training: Bool, random: inout RandomStream,
                        values: [Tensor<Float>]? = nil) throws -> Tensor<Float> {
        try forward(input, training: training, random: &random, values: values, layerCount: layers.count)
    }

    /// `forward` through the first `layerCount` layers only.
    func forward(_ input: Tensor<Float>, training: Bool, random: inout RandomStream, values: [Tensor<Float>]?,
                 layerCount: Int) throws -> Tensor<Float> {
        var context = ForwardContext(training: training, random: random)
        if let values {
            // Aligned with `allParameters` (statistics included) when the counts say so.
            let all = allParameters
            try context.substitute(values.count == all.count ? all : parameters, with: values)
        }
        let output = try run(input, context: &context, layerCount: layerCount)
        random = context.random
        return output
    }

    /// The network applied to a batch, checking the batch's shape against the built input shape;
    /// with `context.captureOutputs`, every layer's output lands in `context.captures`.
    public func run(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        try run(input, context: &context, layerCount: layers.count)
    }

    /// `run` through the first `layerCount` layers only.
    func run(_ input: Tensor<Float>, context: inout ForwardContext, layerCount: Int) throws -> Tensor<Float> {
        guard let inputShape else {
            throw ModelError.network(message: "the network is not built: call build(inputShape:random:) first")
        }
        guard input.rank == inputShape.count + 1, sampleShape(input) == inputShape else {
            throw ModelError.network(
                message: "the network expects batches [batch, \(inputShape.map(String.init).joined(separator: ", "))], "
                    + "got \(TensorShape.describe(input.shape))")
        }
        return try forward(input, context: &context, layerCount: layerCount)
    }

    /// Each layer in turn. A dense layer directly followed by relu runs both in one call (one
    /// fused kernel when capturing; see `DenseLayer`).
    /// A tensor error inside a layer (e.g. an allocation over the limit) is reported with its position.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        try forward(input, context: &context, layerCount: layers.count)
    }

    /// `forward` through the first `layerCount` layers only.
    func forward(_ input: Tensor<Float>, context: inout ForwardContext, layerCount end: Int) throws -> Tensor<Float> {
        let outer = context.namePrefix, outerDisplay = context.displayPrefix
        defer { (context.namePrefix, context.displayPrefix) = (outer, outerDisplay) }
        var x = input
        var index = 0
        while index < end {
            let name = outer + layerNames[index]
            let display = outerDisplay + "\(index + 1)"
            (context.namePrefix, context.displayPrefix) = (name + ".", display + ".")
            let layer = layers[index]
            do {
                if let dense = layer as? DenseLayer, index + 1 < end,
                   let next = layers[index + 1] as? ActivationLayer, next.function == .relu {
                    let input = x
                    x = try dense.forward(x, relu: true, context: &context)
                    context.record(name, dense, input: input, output: x, fusedRelu: true)
                    context.record(outer + layerNames[index + 1], next, input: input, output: x, fusedRelu: true)
                    index += 2
                    continue
                }
                if !context.captureOutputs, let relu = layer as? ActivationLayer, relu.function == .relu,
                   index + 1 < end, let pool = layers[index + 1] as? PoolingLayer, pool.mode == .max {
                    x = try Network.maxPoolThenRelu(x, pool, relu, display: outerDisplay + "\(index + 2)",
                                                    context: &context)
                    index += 2
                    continue
                }
                let input = x
                x = try layer.forward(x, context: &context)
                context.record(name, layer, input: input, output: x)
            } catch let error as TensorError {
                throw ModelError.layer(path: display, kind: layer.kind, message: "\(error)")
            }
            index += 1
        }
        return x
    }

    /// relu followed by max pooling, computed in the other order: the two commute (relu is
    /// monotone, and max pooling picks the same first maximum or first NaN), so the values are
    /// the same, and gradients differ at most in the sign of a zero — but relu and its backward
    /// mask then touch a quarter of the elements (2×2 windows). In a CNN step they were ~6% of the
    /// time. Not used when capturing layer outputs, which must show relu's own output.
    static func maxPoolThenRelu(_ x: Tensor<Float>, _ pool: PoolingLayer, _ relu: ActivationLayer, display: String,
                                context: inout ForwardContext) throws -> Tensor<Float> {
        let pooled: Tensor<Float>
        do {
            pooled = try pool.forward(x, context: &context)
        } catch let error as TensorError {
            throw ModelError.layer(path: display, kind: pool.kind, message: "\(error)")
        }
        return try relu.forward(pooled, context: &context)
    }
}
