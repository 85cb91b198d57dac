import TensorRuntime

/// A layer that only changes shape: `flatten` (`[C, H, W]` → `[C·H·W]`, row-major as in PyTorch)
/// or `global_avgpool` (`[C, H, W]` → `[C]`, the mean of each channel).
public final class ReshapeLayer: Layer {
    /// Which reshaping.
    public enum Mode: Sendable { case flatten, globalAveragePool }

    /// Flatten or global average pooling.
    public let mode: Mode
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A shape-changing layer.
    public init(_ mode: Mode) { self.mode = mode }

    /// `flatten` or `global_avgpool`.
    public var kind: String { mode == .flatten ? "flatten" : "global_avgpool" }

    /// The flat size, or the channel count.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        let out: [Int]
        switch mode {
        case .flatten:
            guard !inputShape.isEmpty else { throw scope.error(kind, "expects at least one axis, got []") }
            guard let count = elementCount(inputShape) else {
                throw scope.error(kind, "input \(TensorShape.describe(inputShape)) has too many elements to flatten")
            }
            out = [count]
        case .globalAveragePool:
            guard inputShape.count == 3 else {
                throw scope.error(kind, "expects an image input [channels, height, width], got \(TensorShape.describe(inputShape))")
            }
            out = [inputShape[0]]
        }
        outputShape = out
        return out
    }

    /// The reshaped batch.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        switch mode {
        case .flatten: return try input.flattenedRows()
        case .globalAveragePool: return try input.globalAveragePool()
        }
    }
}
