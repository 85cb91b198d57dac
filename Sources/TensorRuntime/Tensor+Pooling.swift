import TensorKernels

extension Tensor {
    /// Max pooling of an NCHW tensor over `kernel × kernel` windows (stride defaults to the window).
    /// The gradient goes to the first maximum of each window; NaN propagates.
    public func maxPool2D(kernel: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        let pool = try poolingShape("maxPool2D", kernel: kernel, stride: stride, padding: padding)
        let outShape = [pool.batch, pool.channels, pool.outputHeight, pool.outputWidth]
        let storage = try Tensor.allocate(outShape, "maxPool2D")
        let count = storage.count
        let local = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(count, 1))
        defer { local.deallocate() }
        Scalar._pool2DKernel(max: true, transpose: false, pool, self.storage.pointer, storage.pointer, indices: local)
        guard node != nil else { return Tensor(storage: storage, shape: outShape) }
        // Window-local indices become flat indices into the input, so the result is recorded as a gather.
        let flat = [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            for plane in 0..<pool.planes {
                let inBase = plane * pool.inputPlaneCount, outBase = plane * pool.outputPlaneCount
                for o in outBase..<(outBase + pool.outputPlaneCount) { buffer[o] = inBase + Int(local[o]) }
            }
            initialized = count
        }
        return .recorded(storage, outShape, .gatherFlat(flat), [self])
    }

    /// Average pooling of an NCHW tensor over `kernel × kernel` windows; padding is excluded from
    /// each window's count.
    public func averagePool2D(kernel: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        let pool = try poolingShape("averagePool2D", kernel: kernel, stride: stride, padding: padding)
        let outShape = [pool.batch, pool.channels, pool.outputHeight, pool.outputWidth]
        let storage = try Tensor.allocate(outShape, "averagePool2D")
        if storage.count > 0 {
            Scalar._pool2DKernel(max: false, transpose: false, pool, self.storage.pointer, storage.pointer, indices: nil)
        }
        return .recorded(storage, outShape, .averagePool2D(kernel: kernel, stride: pool.strideHeight, padding: padding), [self])
    }

    /// The adjoint of `averagePool2D`, spreading each gradient over its window of an `height × width` input.
    func averagePool2DTranspose(kernel: Int, stride: Int, padding: Int, height: Int, width: Int) throws -> Tensor {
        let pool = Pool2DShape(batch: shape[0], channels: shape[1], inputHeight: height, inputWidth: width,
                               kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride, strideWidth: stride,
                               paddingHeight: padding, paddingWidth: padding)
        let outShape = [shape[0], shape[1], height, width]
        let storage = try Tensor.allocate(outShape, "averagePool2D")
        if storage.count > 0 {
            Scalar._pool2DKernel(max: false, transpose: true, pool, self.storage.pointer, storage.pointer, indices: nil)
        }
        let primitive = AutodiffPrimitive.averagePool2DTranspose(kernel: kernel, stride: stride, padding: padding,
                                                                 height: height, width: width)
        return .recorded(storage, outShape, primitive, [self])
    }

    /// The mean of each channel plane of an NCHW tensor: `[N, C, H, W]` → `[N, C]`.
    public func globalAveragePool() throws -> Tensor {
        guard rank == 4 else {
            throw TensorError.invalidArgument(
                operation: "globalAveragePool", reason: "input must be [N, C, H, W]; got \(TensorShape.describe(shape))")
        }
        return try mean(axes: [2, 3])
    }

    /// `out[i] = self.flat[indices[i]]`, shaped `shape` (indices are trusted: built by the runtime).
    func gatherFlat(_ indices: [Int], shape outShape: [Int]) throws -> Tensor {
        let storage = try Tensor.allocate(outShape, "gather")
        indices.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                Scalar._indexedKernel(scatter: false, base, count: buffer.count, self.storage.pointer, storage.pointer)
            }
        }
        return .recorded(storage, outShape, .gatherFlat(indices), [self])
    }

    /// The adjoint of `gatherFlat`: `out.flat[indices[i]] += self[i]` into zeros of `shape`.
    func scatterFlat(_ indices: [Int], shape outShape: [Int]) throws -> Tensor {
        let result = try Tensor.zeros(outShape)
        indices.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress {
                Scalar._indexedKernel(scatter: true, base, count: buffer.count, storage.pointer, result.storage.pointer)
            }
        }
        return .recorded(result.storage, outShape, .scatterFlat(indices, shape: outShape), [self])
    }
}
