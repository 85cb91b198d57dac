import TensorRuntime

/// The arithmetic of batch and layer normalisation, generic over the element type so gradient
/// checks can run it in Double; the layers call it in Float.
public enum Normalization {
    /// PyTorch's default epsilon, so the same weights give the same outputs there.
    public static let defaultEpsilon = 1e-5

    /// `(x − mean) / sqrt(variance + ε) · scale + shift` with the batch's own mean and biased
    /// variance over `axes` (kept as size-1 axes so they broadcast); also returns them.
    public static func normalizeWithBatchStatistics<S>(
        _ x: Tensor<S>, axes: [Int], scale: Tensor<S>, shift: Tensor<S>, epsilon: S
    ) throws -> (output: Tensor<S>, mean: Tensor<S>, variance: Tensor<S>) {
        let mean = try x.mean(axes: axes, keepingDims: true)
        let centered = try x - mean
        let variance = try (centered * centered).mean(axes: axes, keepingDims: true)
        let output = try centered / (variance + epsilon).sqrt() * scale + shift
        return (output, mean, variance)
    }

    /// `(x − mean) / sqrt(variance + ε) · scale + shift` with given statistics (evaluation mode).
    public static func normalize<S>(_ x: Tensor<S>, mean: Tensor<S>, variance: Tensor<S>, scale: Tensor<S>,
                                    shift: Tensor<S>, epsilon: S) throws -> Tensor<S> {
        try (x - mean) / (variance + epsilon).sqrt() * scale + shift
    }

    /// The shape a per-channel `[C]` tensor takes to broadcast over a batch of rank `rank`
    /// (`[1, C]` or `[1, C, 1, 1]`).
    static func channelShape(channels: Int, rank: Int) -> [Int] {
        [1, channels] + [Int](repeating: 1, count: max(rank - 2, 0))
    }
}
