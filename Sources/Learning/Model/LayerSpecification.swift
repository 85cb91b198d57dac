/// A plain, JSON-encodable description of a built layer: its kind, its arguments and its
/// per-sample input and output shapes. Used to rebuild the same network elsewhere (the PyTorch
/// round-trip check in `bench/torch_roundtrip.py`) and to print architectures.
public struct LayerSpecification: Codable, Equatable {
    /// The layer kind, e.g. `dense`.
    public var kind: String
    /// The name in parameter paths, e.g. `"3"` or `"block1"`.
    public var name: String
    /// The per-sample input shape (nil before build).
    public var input: [Int]?
    /// The per-sample output shape (nil before build).
    public var output: [Int]?
    /// Dense units or convolution filters.
    public var units: Int?
    /// Whether a dense or convolution layer has a bias.
    public var bias: Bool?
    /// Convolution kernel or pooling window.
    public var kernel: Int?
    /// Convolution or pooling stride.
    public var stride: Int?
    /// Convolution or pooling padding.
    public var padding: Int?
    /// Leaky relu slope, dropout rate or batch-norm momentum.
    public var value: Float?
    /// Normalisation epsilon.
    public var epsilon: Float?
    /// The layers of a block or a residual body.
    public var layers: [LayerSpecification]?
    /// A residual block's projection.
    public var projection: [LayerSpecification]?

    init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }
}

extension Network {
    /// The description of every layer, in order, with the shapes inferred at build.
    public var specification: [LayerSpecification] {
        var shape = inputShape
        return zip(layerNames, layers).map { name, layer in
            let spec = Network.describe(layer, name: name, input: shape)
            shape = layer.outputShape
            return spec
        }
    }

    private static func describe(_ layer: any Layer, name: String, input: [Int]?) -> LayerSpecification {
        var spec = LayerSpecification(kind: layer.kind, name: name)
        spec.input = input
        spec.output = layer.outputShape
        switch layer {
        case let dense as DenseLayer:
            (spec.units, spec.bias) = (dense.units, dense.hasBias)
        case let conv as ConvolutionLayer:
            (spec.units, spec.bias, spec.kernel, spec.stride, spec.padding) =
                (conv.filters, conv.hasBias, conv.kernel, conv.stride, conv.padding)
        case let pool as PoolingLayer:
            (spec.kernel, spec.stride, spec.padding) = (pool.window, pool.stride, pool.padding)
        case let dropout as DropoutLayer:
            spec.value = dropout.rate
        case let norm as BatchNormLayer:
            (spec.value, spec.epsilon) = (norm.momentum, norm.epsilon)
        case let norm as LayerNormLayer:
            spec.epsilon = norm.epsilon
        case let activation as ActivationLayer:
            if case .leakyRelu(let slope) = activation.function { spec.value = slope }
        case let network as Network:
            spec.layers = network.specification
        case let block as ResidualBlock:
            spec.layers = block.body.specification
            spec.projection = block.projection.map { [describe($0, name: "projection", input: input)] }
        default:
            break
        }
        return spec
    }
}
