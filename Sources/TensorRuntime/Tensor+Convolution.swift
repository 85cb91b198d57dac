import TensorKernels

extension Tensor {
    /// 2-D convolution (cross-correlation) of an NCHW `input` `[N, C, H, W]` with `weight`
    /// `[Cout, C, kh, kw]` and an optional `bias` `[Cout]`; zero padding on every side.
    /// Float32 runs through im2col and `gemm`; Float64 through a direct loop.
    public static func conv2D(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int = 1,
                              padding: Int = 0) throws -> Tensor {
        let shape = try convolutionShape(input.shape, weight.shape, stride: stride, padding: padding)
        if let bias, bias.shape != [shape.outputChannels] {
            throw TensorError.incompatibleShapes(
                operation: "conv2D", shapes: [weight.shape, bias.shape],
                reason: "bias must be [\(shape.outputChannels)], one value per output channel")
        }
        let outShape = [shape.batch, shape.outputChannels, shape.outputHeight, shape.outputWidth]
        let storage = try allocate(outShape, "conv2D")
        if storage.count > 0 {
            Scalar._conv2DKernel(.forward, shape, input.storage.pointer, weight.storage.pointer, storage.pointer,
                                 bias: bias.map { UnsafePointer($0.storage.pointer) })
        }
        let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
        return .recorded(storage, outShape, .conv2D(stride: stride, padding: padding), inputs)
    }

    /// The convolution's adjoint in its input, `Cᵀ_x(g, w)`, for an `height × width` input.
    static func conv2DInputGradient(_ g: Tensor, weight: Tensor, stride: Int, padding: Int,
                                    height: Int, width: Int) throws -> Tensor {
        let shape = Conv2DShape(batch: g.shape[0], inputChannels: weight.shape[1], inputHeight: height,
                                inputWidth: width, outputChannels: weight.shape[0], kernelHeight: weight.shape[2],
                                kernelWidth: weight.shape[3], strideHeight: stride, strideWidth: stride,
                                paddingHeight: padding, paddingWidth: padding)
        let outShape = [shape.batch, shape.inputChannels, height, width]
        let storage = try allocate(outShape, "conv2D")
        if storage.count > 0 {
            Scalar._conv2DKernel(.inputGradient, shape, g.storage.pointer, weight.storage.pointer, storage.pointer, bias: nil)
        }
        return .recorded(storage, outShape,
                         .conv2DInputGradient(stride: stride, padding: padding, height: height, width: width), [g, weight])
    }

    /// The convolution's adjoint in its weights, `Cᵀ_w(x, g)`, for a `kh × kw` kernel.
    static func conv2DWeightGradient(_ x: Tensor, _ g: Tensor, stride: Int, padding: Int,
                                     kernelHeight: Int, kernelWidth: Int) throws -> Tensor {
        let shape = Conv2DShape(batch: x.shape[0], inputChannels: x.shape[1], inputHeight: x.shape[2],
                                inputWidth: x.shape[3], outputChannels: g.shape[1], kernelHeight: kernelHeight,
                                kernelWidth: kernelWidth, strideHeight: stride, strideWidth: stride,
                                paddingHeight: padding, paddingWidth: padding)
        let outShape = [shape.outputChannels, shape.inputChannels, kernelHeight, kernelWidth]
        let storage = try allocate(outShape, "conv2D")
        if shape.batch == 0 {
            storage.pointer.update(repeating: 0, count: storage.count)
        } else if storage.count > 0 {
            Scalar._conv2DKernel(.weightGradient, shape, x.storage.pointer, g.storage.pointer, storage.pointer, bias: nil)
        }
        let primitive = AutodiffPrimitive.conv2DWeightGradient(stride: stride, padding: padding,
                                                               kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        return .recorded(storage, outShape, primitive, [x, g])
    }

    /// Validates a convolution's operands and describes its geometry.
    static func convolutionShape(_ x: [Int], _ w: [Int], stride: Int, padding: Int) throws -> Conv2DShape {
        let name = "conv2D"
        guard x.count == 4, w.count == 4 else {
            throw TensorError.incompatibleShapes(operation: name, shapes: [x, w],
                                                 reason: "input must be [N, C, H, W] and weight [Cout, C, kh, kw]")
        }
        guard x[1] == w[1] else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [x, w], reason: "input has \(x[1]) channels but the weight expects \(w[1])")
        }
        // Paddings beyond 2^30 are nonsense and would overflow the size arithmetic below.
        guard stride >= 1, padding >= 0, padding < 1 << 30 else {
            throw TensorError.invalidArgument(
                operation: name, reason: "stride \(stride) must be at least 1 and padding \(padding) not negative")
        }
        guard w[0] > 0, w[2] > 0, w[3] > 0, x[2] + 2 * padding >= w[2], x[3] + 2 * padding >= w[3] else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [x, w],
                reason: "the \(w[2])×\(w[3]) kernel does not fit the \(x[2])×\(x[3]) input with padding \(padding)")
        }
        let shape = Conv2DShape(batch: x[0], inputChannels: x[1], inputHeight: x[2], inputWidth: x[3],
                                outputChannels: w[0], kernelHeight: w[2], kernelWidth: w[3],
                                strideHeight: stride, strideWidth: stride, paddingHeight: padding, paddingWidth: padding)
        // The Float32 path unfolds one image at a time into a scratch buffer; it obeys the limit too.
        let scratch = [shape.columnRows, shape.outputPixels]
        let (bytes, overflow) = try TensorShape.elementCount(scratch, operation: name)
            .multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        if overflow || bytes > TensorLimits.maxBytes {
            throw TensorError.allocationTooLarge(operation: name, shape: scratch, bytes: overflow ? Int.max : bytes,
                                                 limitBytes: TensorLimits.maxBytes)
        }
        return shape
    }

    /// Validates a pooling of this NCHW tensor and describes its geometry.
    func poolingShape(_ name: String, kernel: Int, stride: Int?, padding: Int) throws -> Pool2DShape {
        guard rank == 4 else {
            throw TensorError.invalidArgument(
                operation: name, reason: "input must be [N, C, H, W]; got \(TensorShape.describe(shape))")
        }
        let step = stride ?? kernel
        // padding < kernel keeps every window overlapping the input, so max and mean are defined.
        guard kernel >= 1, step >= 1, padding >= 0, padding < kernel, kernel < 1 << 30,
              shape[2] + 2 * padding >= kernel, shape[3] + 2 * padding >= kernel else {
            throw TensorError.invalidArgument(
                operation: name,
                reason: "window \(kernel), stride \(step), padding \(padding) do not fit input \(TensorShape.describe(shape)) (need 0 <= padding < window <= padded size)")
        }
        return Pool2DShape(batch: shape[0], channels: shape[1], inputHeight: shape[2], inputWidth: shape[3],
                           kernelHeight: kernel, kernelWidth: kernel, strideHeight: step, strideWidth: step,
                           paddingHeight: padding, paddingWidth: padding)
    }
}
