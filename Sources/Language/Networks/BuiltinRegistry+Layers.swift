import Learning

/// The layer builtins: what the lines of a `network` declaration call. Each returns a fresh,
/// unbuilt layer; shapes and weights come when the network is built.
extension BuiltinRegistry {
    static var layers: [BuiltinFunction] { weightLayers + shapeLayers + activations }

    private static func layer(_ l: any Layer) -> Value { .object(LayerValue(l)) }

    /// `init:` of the weight layers: how the layer draws its weights (default: the network's
    /// `init` line, else automatic). See docs/layers.md.
    private static func initParameter(_ p: ParameterList) -> Param<Initializer> {
        p.optional("init", .oneOf(Initializer.names.map(\.0)), default: .string("auto")).map { name in
            Initializer.names.first { $0.0 == name }?.1 ?? .automatic
        }
    }

    static var weightLayers: [BuiltinFunction] {
        [
            def("dense", "layers", "a fully connected layer with units outputs",
                "Expects flat inputs [n] (put flatten before it for images); weight [units, n], bias [units].",
                example: "network m { input [4]; dense(3) }") { p in
                let units = p.required("units", .integer(atLeast: 1)), bias = p.optional("bias", .bool, default: .bool(true))
                let rule = initParameter(p)
                return { a in layer(Layers.dense(try a[units], bias: try a[bias], initializer: try a[rule])) }
            },
            def("conv", "layers", "a 2-D convolution with filters output channels and a square kernel",
                "Expects images [channels, height, width]; the output is [filters, (h + 2·padding − kernel) / stride + 1, ...].",
                example: "network c { input [1, 8, 8]; conv(4, kernel: 3, stride: 2) }") { p in
                let filters = p.required("filters", .integer(atLeast: 1))
                let kernel = p.optional("kernel", .integer(atLeast: 1), default: .number(3))
                let stride = p.optional("stride", .integer(atLeast: 1), default: .number(1))
                let padding = p.optional("padding", .integer(atLeast: 0), default: .number(0))
                let bias = p.optional("bias", .bool, default: .bool(true)), rule = initParameter(p)
                return { a in
                    layer(Layers.conv2d(try a[filters], kernel: try a[kernel], stride: try a[stride],
                                        padding: try a[padding], bias: try a[bias], initializer: try a[rule]))
                }
            },
            def("batchnorm", "layers", "batch normalisation over channels (or features of flat inputs)",
                "Trains a scale and shift per channel and keeps running statistics for evaluation.",
                example: "network b { input [4]; dense(4) batchnorm relu }") { p in
                let momentum = p.optional("momentum", .probability, default: .number(0.1))
                return { a in layer(Layers.batchNorm(momentum: Float(try a[momentum]))) }
            },
            def("layernorm", [], "layers", "layer normalisation over each whole sample",
                "Normalises every sample to mean 0 and variance 1, then scales and shifts.",
                example: "network l { input [4]; layernorm }") { _ in layer(Layers.layerNorm()) },
            def("dropout", "layers", "inverted dropout: zero each value with probability rate while training",
                "rate is in [0, 1); at evaluation the layer passes values through.",
                example: "network d { input [4]; dense(4) dropout(0.5) }") { p in
                let rate = p.required("rate", .unitInterval)
                return { a in layer(Layers.dropout(Float(try a[rate]))) }
            },
        ]
    }

    static var shapeLayers: [BuiltinFunction] {
        [
            def("flatten", [], "layers", "join every axis of a sample into one",
                "[c, h, w] becomes [c·h·w], as dense layers expect.",
                example: "network f { input [1, 2, 2]; flatten }") { _ in layer(Layers.flatten()) },
            pooling("maxpool", "max", Layers.maxPool),
            pooling("avgpool", "average", Layers.avgPool),
            def("residual", "layers", "a skip connection: the layers' output plus the input",
                "residual(conv(8, padding: 1), relu, conv(8, padding: 1)) adds its input to the body's output; when "
                    + "the body changes the shape the input goes through a learned projection. Arguments are layers, "
                    + "layer builtins written bare (relu) or networks.",
                example: "network r { input [4]; residual(dense(4), relu) }") { p in
                let layers = p.rest("layers")
                return { a in
                    let parts = try a[layers].map { v -> any Layer in
                        var item = v
                        if case .builtin = v { item = try a.call(v, []) }
                        switch item {
                        case .object(let l as LayerValue): return l.layer
                        case .object(let n as NetworkValue): return n.network
                        default: throw RuntimeError(Messages.argumentType("residual", "layers", "layers", item.typeName), parameter: layers.index)
                        }
                    }
                    guard !parts.isEmpty else {
                        throw RuntimeError(Messages.argumentType("residual", "layers", "at least one layer", "none"), parameter: layers.index)
                    }
                    return layer(Layers.residual(parts))
                }
            },
            def("global_avgpool", [], "layers", "the mean of each channel: [c, h, w] becomes [c]",
                "The usual head of an all-convolutional network.",
                example: "network g { input [2, 4, 4]; global_avgpool }") { _ in layer(Layers.globalAvgPool()) },
        ]
    }

    /// maxpool or avgpool over window × window patches; stride defaults to the window. (That
    /// padding stays below the window is checked when the network is built, with the input.)
    private static func pooling(_ name: String, _ mode: String,
                                _ make: @escaping (Int, Int?, Int) -> PoolingLayer) -> BuiltinFunction {
        def(name, "layers", "\(mode) pooling over window × window patches",
            "stride defaults to the window.", example: "network p { input [1, 4, 4]; \(name)(2) }") { p in
            let window = p.required("window", .integer(atLeast: 1)), stride = p.optional("stride", .integer(atLeast: 1))
            let padding = p.optional("padding", .integer(atLeast: 0), default: .number(0))
            return { a in layer(make(try a[window], try a[stride], try a[padding])) }
        }
    }

    static var activations: [BuiltinFunction] {
        [
            def("relu", [], "layers", "the activation max(x, 0)", "Keeps the shape.",
                example: "network r { input [4]; dense(4) relu }") { _ in layer(Layers.relu()) },
            def("leaky_relu", "layers", "x for positive x, else slope · x",
                "Keeps the shape.", example: "network r { input [4]; leaky_relu(0.1) }") { p in
                // Weights are Float32: a slope beyond Float's range would become infinite.
                let slope = p.optional("slope", ArgumentKind<Double>.finite.constrained("a finite number") {
                    Swift.abs($0) <= Double(Float.greatestFiniteMagnitude)
                }, default: .number(0.01))
                return { a in layer(Layers.leakyRelu(slope: Float(try a[slope]))) }
            },
            def("sigmoid", [], "layers", "the logistic activation 1 / (1 + e^-x)",
                "Keeps the shape. As the last layer of a network with one output it is the output distribution "
                    + "p(class 1) = σ(z): training, evaluate and the probes read its input z as the logit and never "
                    + "apply it twice. A last sigmoid over several outputs is refused by train and evaluate (independent "
                    + "probabilities are not a distribution over classes).",
                example: "network s { input [4]; sigmoid }") { _ in layer(Layers.sigmoid()) },
            def("gelu", [], "layers", "the exact GELU activation", "Keeps the shape.",
                example: "network g { input [4]; gelu }") { _ in layer(Layers.gelu()) },
            def("softmax", [], "layers", "softmax over classes, as an output layer",
                "As the last layer it is the network's output distribution: train, evaluate, the probes and the "
                    + "experiment helpers compute the loss from its input (the logits), so it is never applied twice, "
                    + "and a network ending in dense(classes) softmax trains exactly as one ending in dense(classes).",
                example: "network s { input [4]; softmax }") { _ in layer(Layers.softmax()) },
        ]
    }
}
