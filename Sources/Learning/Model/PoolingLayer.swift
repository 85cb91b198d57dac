import TensorRuntime

/// Max or average pooling over square windows of an image `[C, H, W]`; the stride defaults to
/// the window. Average pooling leaves padding out of each window's count.
public final class PoolingLayer: Layer {
    /// Which statistic of each window is kept.
    public enum Mode: Sendable { case max, average }

    /// Max or average.
    public let mode: Mode
    /// The window's height and width.
    public let window: Int
    /// The step between windows.
    public let stride: Int
    /// Padding on each side (less than the window, so every window touches the input).
    public let padding: Int
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A pooling layer; `stride` nil means the window size.
    public init(_ mode: Mode, window: Int, stride: Int? = nil, padding: Int = 0) {
        self.mode = mode
        self.window = window
        self.stride = stride ?? window
        self.padding = padding
    }

    /// `maxpool` or `avgpool`.
    public var kind: String { mode == .max ? "maxpool" : "avgpool" }

    /// Checks the geometry.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        guard window >= 1, stride >= 1, padding >= 0, padding < window, window < 1 << 20 else {
            throw scope.error(kind, "window \(window) and stride \(stride) must be positive and padding "
                + "\(padding) in 0..<window")
        }
        guard inputShape.count == 3 else {
            throw scope.error(kind, "expects an image input [channels, height, width], got \(TensorShape.describe(inputShape))")
        }
        let (h, w) = (inputShape[1], inputShape[2])
        guard h + 2 * padding >= window, w + 2 * padding >= window else {
            throw scope.error(kind, "the \(window)×\(window) window does not fit the \(h)×\(w) input, got "
                + "\(TensorShape.describe(inputShape))")
        }
        let out = [inputShape[0], (h + 2 * padding - window) / stride + 1, (w + 2 * padding - window) / stride + 1]
        outputShape = out
        return out
    }

    /// The pooled batch.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        switch mode {
        case .max: return try input.maxPool2D(kernel: window, stride: stride, padding: padding)
        case .average: return try input.averagePool2D(kernel: window, stride: stride, padding: padding)
        }
    }
}
