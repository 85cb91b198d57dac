/// The geometry of a 2-D pooling over NCHW tensors; channels are pooled independently.
///
/// Preconditions (unchecked; the runtime validates): every count is positive, strides are at least
/// 1, and `0 <= padding < kernel` on each axis with the padded input at least as large as the
/// kernel. `padding < kernel` guarantees every window overlaps the input in at least one element,
/// so a max is always defined and an average never divides by zero.
public struct Pool2DShape: Sendable, Equatable {
    /// Number of images `N`.
    public var batch: Int
    /// Channels `C`.
    public var channels: Int
    /// Input height `H`.
    public var inputHeight: Int
    /// Input width `W`.
    public var inputWidth: Int
    /// Window height.
    public var kernelHeight: Int
    /// Window width.
    public var kernelWidth: Int
    /// Vertical stride.
    public var strideHeight: Int
    /// Horizontal stride.
    public var strideWidth: Int
    /// Rows of padding above and below (never read: padding is excluded from max and average).
    public var paddingHeight: Int
    /// Columns of padding left and right.
    public var paddingWidth: Int

    /// Describes a pooling; by default the stride equals the window and there is no padding.
    public init(batch: Int, channels: Int, inputHeight: Int, inputWidth: Int,
                kernelHeight: Int, kernelWidth: Int,
                strideHeight: Int? = nil, strideWidth: Int? = nil,
                paddingHeight: Int = 0, paddingWidth: Int = 0) {
        self.batch = batch
        self.channels = channels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight ?? kernelHeight
        self.strideWidth = strideWidth ?? kernelWidth
        self.paddingHeight = paddingHeight
        self.paddingWidth = paddingWidth
    }

    /// Output height: `(H + 2·padH - kh) / strideH + 1` (floor division).
    public var outputHeight: Int { (inputHeight + 2 * paddingHeight - kernelHeight) / strideHeight + 1 }
    /// Output width: `(W + 2·padW - kw) / strideW + 1` (floor division).
    public var outputWidth: Int { (inputWidth + 2 * paddingWidth - kernelWidth) / strideWidth + 1 }
    /// Number of independent planes, `N · C`.
    public var planes: Int { batch * channels }
    /// Floats per input plane, `H · W`.
    public var inputPlaneCount: Int { inputHeight * inputWidth }
    /// Floats per output plane.
    public var outputPlaneCount: Int { outputHeight * outputWidth }

    /// The input rows (or columns) `lo..<hi` covered by window `o` along one axis, clipped to the input.
    @inline(__always)
    static func window(_ o: Int, stride: Int, padding: Int, kernel: Int, size: Int) -> (Int, Int) {
        let start = o * stride - padding
        return (max(start, 0), min(start + kernel, size))
    }
}
