extension Tensor {
    /// A tensor of `shape` with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Scalar) throws -> Tensor {
        let count = try TensorShape.elementCount(shape, operation: "full")
        let storage = try TensorStorage<Scalar>(repeating: value, count: count, shape: shape, operation: "full")
        return Tensor(storage: storage, shape: shape)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor { try full(shape, 0) }

    /// A tensor of `shape` holding the Double values at `source`, converted in one pass into
    /// fresh storage (no array of the values, no Double tensor between).
    package static func converting(_ source: UnsafePointer<Double>, shape: [Int]) throws -> Tensor {
        let count = try TensorShape.elementCount(shape, operation: "tensor")
        let storage = try TensorStorage<Scalar>(count: count, shape: shape, operation: "tensor")
        Double._convertKernel(source, storage.pointer, count: count)
        return Tensor(storage: storage, shape: shape)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) throws -> Tensor { try full(shape, 1) }

    /// Zeros of the same shape as `other`.
    public static func zeros(like other: Tensor) throws -> Tensor { try full(other.shape, 0) }

    /// The values `start, start + step, …` below `end` (above it for a negative step), as a rank-1 tensor.
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(
                operation: "arange", reason: "start \(start), end \(end) and step \(step) must be finite with a nonzero step")
        }
        let span = ((end - start) / step).rounded(.up)
        let count = span > 0 ? Int(exactly: span) ?? Int.max : 0
        let storage = try allocate([count], "arange")
        for i in 0..<count { storage.pointer[i] = start + Scalar(i) * step }
        return Tensor(storage: storage, shape: [count])
    }

    /// The `n × n` identity matrix.
    public static func eye(_ n: Int) throws -> Tensor {
        let result = try zeros([n, n])
        for i in 0..<n { result.storage.pointer[i * n + i] = 1 }
        return result
    }

    /// Rows of `classes` columns with a 1 at each label's column and 0 elsewhere.
    public static func oneHot(_ labels: [Int], classes: Int) throws -> Tensor {
        try checkLabels(labels, classes: classes, operation: "oneHot")
        let result = try zeros([labels.count, classes])
        for (row, label) in labels.enumerated() { result.storage.pointer[row * classes + label] = 1 }
        return result
    }

    /// The same values in another element type. The result is a constant (autodiff graphs hold a
    /// single element type).
    public func cast<Other: TensorScalar>(to type: Other.Type) throws -> Tensor<Other> {
        let storage = try TensorStorage<Other>(count: count, shape: shape, operation: "cast")
        Scalar._convertKernel(self.storage.pointer, storage.pointer, count: count)
        return Tensor<Other>(storage: storage, shape: shape)
    }

    /// Checks that every label is a valid class index.
    static func checkLabels(_ labels: [Int], classes: Int, operation: String) throws {
        guard classes > 0 else {
            throw TensorError.invalidArgument(operation: operation, reason: "class count \(classes) must be positive")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw TensorError.invalidArgument(
                operation: operation,
                reason: "label \(labels[bad]) at position \(bad) is outside 0..<\(classes)")
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// The shape, element type and (up to 8) leading values.
    public var description: String {
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        let more = count > 8 ? ", …" : ""
        return "Tensor<\(Scalar.elementTypeName)>\(TensorShape.describe(shape)) [\(shown)\(more)]"
    }
}
