import TensorRuntime

/// A 2-D convolution `[C, H, W]` → `[filters, H', W']` with a square kernel, a stride and zero
/// padding on every side; weight `[filters, C, k, k]` and bias `[filters]` as in PyTorch's `Conv2d`.
/// The bias is added inside the runtime's convolution kernel.
public final class ConvolutionLayer: Layer {
    /// The number of output channels.
    public let filters: Int
    /// The kernel's height and width.
    public let kernel: Int
    /// The step between windows.
    public let stride: Int
    /// Zeros added on each side.
    public let padding: Int
    /// Whether the layer adds a bias.
    public let hasBias: Bool
    /// How the weight is initialised.
    public let initializer: Initializer
    /// The weight `[filters, C, k, k]`, once built.
    public private(set) var weight: Parameter?
    /// The bias `[filters]`, once built (nil without bias).
    public private(set) var bias: Parameter?
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A convolution with `filters` output channels.
    public init(filters: Int, kernel: Int, stride: Int = 1, padding: Int = 0, bias: Bool = true,
                initializer: Initializer = .automatic) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.hasBias = bias
        self.initializer = initializer
    }

    /// `conv2d`.
    public var kind: String { "conv2d" }
    /// The weight, then the bias.
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// Checks the geometry and creates the weights.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        // 2^20 bounds every argument far above any real network while keeping sizes from overflowing.
        let limit = 1 << 20
        guard (1...limit).contains(filters), (1...limit).contains(kernel), (1...limit).contains(stride),
              (0...limit).contains(padding) else {
            throw scope.error(kind, "filters \(filters), kernel \(kernel) and stride \(stride) must be positive "
                + "and padding \(padding) not negative")
        }
        guard inputShape.count == 3 else {
            let hint = inputShape.count == 1 ? "; reshape flat data to [channels, height, width]" : ""
            throw scope.error(kind, "expects an image input [channels, height, width], got "
                + "\(TensorShape.describe(inputShape))\(hint)")
        }
        let (c, h, w) = (inputShape[0], inputShape[1], inputShape[2])
        guard h + 2 * padding >= kernel, w + 2 * padding >= kernel else {
            throw scope.error(kind, "the \(kernel)×\(kernel) kernel does not fit the \(h)×\(w) input "
                + "with padding \(padding), got \(TensorShape.describe(inputShape))")
        }
        let out = [filters, (h + 2 * padding - kernel) / stride + 1, (w + 2 * padding - kernel) / stride + 1]
        let area = kernel * kernel
        let rule = initializer.within(scope)
        let value = try rule.weight([filters, c, kernel, kernel], fanIn: c * area, fanOut: filters * area,
                                    next: scope.nextKind, random: &scope.random)
        weight = Parameter(name: scope.name("weight"), value: value)
        bias = hasBias ? Parameter(name: scope.name("bias"), value: try rule.bias(filters, fanIn: c * area, random: &scope.random)) : nil
        outputShape = out
        return out
    }

    /// The convolution of a batch `[N, C, H, W]`.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        guard let weight else { throw ModelError.network(message: "conv2d layer used before the network was built") }
        return try Tensor.conv2D(input, weight: context.value(of: weight), bias: bias.map { context.value(of: $0) },
                                 stride: stride, padding: padding)
    }
}
