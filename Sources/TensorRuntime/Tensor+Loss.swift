extension Tensor {
    /// Mean over the batch of `-log softmax(logits)[label]`: `logits` is `[batch, classes]`, one
    /// label per row. Computed in one stable pass (max-shifted, Double accumulation); its gradient is
    /// `(softmax(logits) - onehot(labels)) / batch`.
    public static func softmaxCrossEntropy(logits: Tensor, labels: [Int]) throws -> Tensor {
        let name = "softmaxCrossEntropy"
        guard logits.rank == 2, logits.shape[0] == labels.count, labels.count > 0 else {
            throw TensorError.invalidArgument(
                operation: name,
                reason: "logits must be [batch, classes] with one label per row and batch > 0; got shape \(TensorShape.describe(logits.shape)) and \(labels.count) labels")
        }
        try checkLabels(labels, classes: logits.shape[1], operation: name)
        let total = labels.withUnsafeBufferPointer { buffer -> Double in
            guard let base = buffer.baseAddress else { return 0 }
            return Scalar._softmaxCrossEntropyKernel(logits.storage.pointer, labels: base,
                                                     rows: labels.count, classes: logits.shape[1])
        }
        let storage = TensorStorage<Scalar>(smallCount: 1)
        storage.pointer[0] = Scalar(total / Double(labels.count))
        return .recorded(storage, [], .softmaxCrossEntropy(labels: labels), [logits])
    }

    /// `log softmax` along `axis`: `x - logSumExp(x)`.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        try self - logSumExp(axes: [axis], keepingDims: true)
    }

    /// `softmax` along `axis`, computed as `exp(logSoftmax)` so it never overflows.
    public func softmax(axis: Int = -1) throws -> Tensor {
        try logSoftmax(axis: axis).exp()
    }
}
