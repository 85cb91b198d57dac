/// Short constructors for every layer kind, for declaring networks compactly:
/// `Network([Layers.flatten(), Layers.dense(128), Layers.relu(), Layers.dense(10)])`.
public enum Layers {
    /// A fully connected layer with `units` outputs (`bias: false` for a model without intercept).
    public static func dense(_ units: Int, bias: Bool = true, initializer: Initializer = .automatic) -> DenseLayer {
        DenseLayer(units: units, bias: bias, initializer: initializer)
    }
    /// A 2-D convolution with `filters` output channels and a square `kernel`.
    public static func conv2d(_ filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
                              initializer: Initializer = .automatic) -> ConvolutionLayer {
        ConvolutionLayer(filters: filters, kernel: kernel, stride: stride, padding: padding, bias: bias,
                         initializer: initializer)
    }
    /// Max pooling over `window × window` (stride defaults to the window).
    public static func maxPool(_ window: Int, stride: Int? = nil, padding: Int = 0) -> PoolingLayer {
        PoolingLayer(.max, window: window, stride: stride, padding: padding)
    }
    /// Average pooling over `window × window` (stride defaults to the window).
    public static func avgPool(_ window: Int, stride: Int? = nil, padding: Int = 0) -> PoolingLayer {
        PoolingLayer(.average, window: window, stride: stride, padding: padding)
    }
    /// The mean of each channel: `[C, H, W]` → `[C]`.
    public static func globalAvgPool() -> ReshapeLayer { ReshapeLayer(.globalAveragePool) }
    /// Every axis of a sample joined into one.
    public static func flatten() -> ReshapeLayer { ReshapeLayer(.flatten) }
    /// Inverted dropout with drop probability `rate`.
    public static func dropout(_ rate: Float) -> DropoutLayer { DropoutLayer(rate: rate) }
    /// Batch normalisation over channels.
    public static func batchNorm(momentum: Float = 0.1) -> BatchNormLayer { BatchNormLayer(momentum: momentum) }
    /// Layer normalisation over each whole sample.
    public static func layerNorm() -> LayerNormLayer { LayerNormLayer() }
    /// `max(x, 0)`.
    public static func relu() -> ActivationLayer { ActivationLayer(.relu) }
    /// `x` for positive `x`, else `slope · x` (PyTorch's default slope 0.01).
    public static func leakyRelu(slope: Float = 0.01) -> ActivationLayer { ActivationLayer(.leakyRelu(slope: slope)) }
    /// Hyperbolic tangent.
    public static func tanh() -> ActivationLayer { ActivationLayer(.tanh) }
    /// Logistic sigmoid.
    public static func sigmoid() -> ActivationLayer { ActivationLayer(.sigmoid) }
    /// Exact GELU.
    public static func gelu() -> ActivationLayer { ActivationLayer(.gelu) }
    /// Softmax over classes, as an output layer.
    public static func softmax() -> ActivationLayer { ActivationLayer(.softmax) }
    /// `layers(x) + x`, with a projection of `x` when the shapes differ.
    public static func residual(_ layers: [any Layer]) -> ResidualBlock { ResidualBlock(layers) }
    /// A nested network (a block) of `layers`.
    public static func block(_ layers: [any Layer], kind: String = "block") -> Network { Network(layers, kind: kind) }
}
