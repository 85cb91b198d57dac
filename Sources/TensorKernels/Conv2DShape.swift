/// The geometry of a 2-D convolution over NCHW tensors with weights `[Cout, Cin, kh, kw]`.
///
/// The kernels trust this description; the runtime builds it from validated tensor shapes.
/// Preconditions (unchecked): every count is positive, strides are at least 1, paddings are at
/// least 0, and the padded input is at least as large as the kernel, so `outputHeight` and
/// `outputWidth` are at least 1.
public struct Conv2DShape: Sendable, Equatable {
    /// Number of images `N`.
    public var batch: Int
    /// Input channels `Cin`.
    public var inputChannels: Int
    /// Input height `H`.
    public var inputHeight: Int
    /// Input width `W`.
    public var inputWidth: Int
    /// Output channels `Cout`.
    public var outputChannels: Int
    /// Kernel height `kh`.
    public var kernelHeight: Int
    /// Kernel width `kw`.
    public var kernelWidth: Int
    /// Vertical stride.
    public var strideHeight: Int
    /// Horizontal stride.
    public var strideWidth: Int
    /// Zero rows added above and below the input.
    public var paddingHeight: Int
    /// Zero columns added left and right of the input.
    public var paddingWidth: Int

    /// Describes a convolution; stride and padding apply to both axes unless given per axis.
    public init(batch: Int, inputChannels: Int, inputHeight: Int, inputWidth: Int,
                outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
                strideHeight: Int = 1, strideWidth: Int = 1,
                paddingHeight: Int = 0, paddingWidth: Int = 0) {
        self.batch = batch
        self.inputChannels = inputChannels
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
        self.outputChannels = outputChannels
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.strideHeight = strideHeight
        self.strideWidth = strideWidth
        self.paddingHeight = paddingHeight
        self.paddingWidth = paddingWidth
    }

    /// Output height: `(H + 2·padH - kh) / strideH + 1` (floor division).
    public var outputHeight: Int { (inputHeight + 2 * paddingHeight - kernelHeight) / strideHeight + 1 }
    /// Output width: `(W + 2·padW - kw) / strideW + 1` (floor division).
    public var outputWidth: Int { (inputWidth + 2 * paddingWidth - kernelWidth) / strideWidth + 1 }
    /// Rows of the unfolded input: `Cin · kh · kw`, the inner dimension of the convolution GEMM.
    public var columnRows: Int { inputChannels * kernelHeight * kernelWidth }
    /// Output pixels per image: `outputHeight · outputWidth`.
    public var outputPixels: Int { outputHeight * outputWidth }
    /// Floats per input image, `Cin · H · W`.
    public var inputImageCount: Int { inputChannels * inputHeight * inputWidth }
    /// Floats per output image, `Cout · outputHeight · outputWidth`.
    public var outputImageCount: Int { outputChannels * outputPixels }
    /// Floats in the weight tensor, `Cout · Cin · kh · kw`.
    public var weightCount: Int { outputChannels * columnRows }

    /// Floats of scratch space the convolution kernels need: one unfolded image,
    /// `columnRows · outputPixels`.
    public var workspaceCount: Int { columnRows * outputPixels }

    /// Whether the unfolded image is the input image itself (1×1 kernel, stride 1, no padding),
    /// so the unfold can be skipped.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideHeight == 1 && strideWidth == 1
            && paddingHeight == 0 && paddingWidth == 0
    }
}
