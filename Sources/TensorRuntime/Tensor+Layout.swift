extension Tensor {
    /// The same elements in a new shape; one dimension may be `-1` and is then inferred.
    /// Shares storage with `self`.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        let name = "reshape"
        var resolved = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        if unknown.count > 1 || newShape.contains(where: { $0 < -1 }) {
            throw TensorError.invalidArgument(
                operation: name, reason: "target shape \(TensorShape.describe(newShape)) may hold at most one -1 and no other negative size")
        }
        if let u = unknown.first {
            var others = newShape
            others.remove(at: u)
            let known = try TensorShape.elementCount(others, operation: name)
            guard known > 0, count % known == 0 else {
                throw TensorError.incompatibleShapes(
                    operation: name, shapes: [shape, newShape],
                    reason: "\(count) elements cannot fill the -1 dimension")
            }
            resolved[u] = count / known
        }
        let newCount = try TensorShape.elementCount(resolved, operation: name)
        guard newCount == count else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [shape, newShape],
                reason: "\(count) elements cannot be viewed as \(newCount)")
        }
        return .recorded(storage, resolved, .reshape, [self])
    }

    /// Axes reordered: axis `i` of the result is axis `permutation[i]` of `self`.
    public func permuted(_ permutation: [Int]) throws -> Tensor {
        guard permutation.sorted() == Array(0..<rank) else {
            throw TensorError.invalidArgument(
                operation: "permute",
                reason: "\(permutation) is not a permutation of the axes of shape \(TensorShape.describe(shape))")
        }
        let outShape = permutation.map { shape[$0] }
        let own = TensorShape.strides(shape)
        let storage = try Tensor.allocate(outShape, "permute")
        Scalar._stridedCopyKernel(shape: outShape, self.storage.pointer, srcStrides: permutation.map { own[$0] },
                                  storage.pointer, dstStrides: TensorShape.strides(outShape))
        return .recorded(storage, outShape, .permute(permutation), [self])
    }

    /// The last two axes swapped (the matrix transpose for rank 2).
    public func transposed() throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.invalidArgument(
                operation: "transpose", reason: "shape \(TensorShape.describe(shape)) has fewer than 2 axes")
        }
        var permutation = Array(0..<rank)
        permutation.swapAt(rank - 1, rank - 2)
        return try permuted(permutation)
    }

    /// The values repeated to `target` by broadcasting rules (a copy).
    public func broadcast(to target: [Int]) throws -> Tensor {
        let result = try broadcastConstant(to: target, "broadcast")
        return .recorded(result.storage, target, .broadcast, [self])
    }

    /// Materialises a broadcast without recording it.
    func broadcastConstant(to target: [Int], _ name: String) throws -> Tensor {
        if shape == target { return detached() }
        let joined = try TensorShape.broadcast(shape, target, operation: name)
        guard joined == target else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [shape, target], reason: "the first does not broadcast to the second")
        }
        let storage = try Tensor.allocate(target, name)
        Scalar._stridedCopyKernel(shape: target, self.storage.pointer,
                                  srcStrides: TensorShape.broadcastStrides(shape, to: target),
                                  storage.pointer, dstStrides: TensorShape.strides(target))
        return Tensor(storage: storage, shape: target)
    }

    /// `count` entries of `axis` starting at `start`.
    public func slice(axis: Int, start: Int, count: Int) throws -> Tensor {
        let a = try TensorShape.axis(axis, rank: rank, operation: "slice", shape: shape)
        // Written so no sum can overflow, whatever the caller passes.
        guard start >= 0, count >= 0, count <= shape[a], start <= shape[a] - count else {
            throw TensorError.invalidArgument(
                operation: "slice",
                reason: "start \(start) and count \(count) do not fit 0..<\(shape[a]) on axis \(axis) of shape \(TensorShape.describe(shape))")
        }
        var outShape = shape
        outShape[a] = count
        let own = TensorShape.strides(shape)
        let storage = try Tensor.allocate(outShape, "slice")
        if storage.count > 0 {
            Scalar._stridedCopyKernel(shape: outShape, self.storage.pointer + start * own[a], srcStrides: own,
                                      storage.pointer, dstStrides: TensorShape.strides(outShape))
        }
        return .recorded(storage, outShape, .slice(axis: a, start: start, count: count), [self])
    }

    /// Zeros added along `axis`: `before` entries in front and `after` behind.
    public func padded(axis: Int, before: Int, after: Int) throws -> Tensor {
        let a = try TensorShape.axis(axis, rank: rank, operation: "pad", shape: shape)
        let (extra, overflow) = before.addingReportingOverflow(after)
        let (size, overflow2) = shape[a].addingReportingOverflow(extra)
        guard before >= 0, after >= 0, !overflow, !overflow2 else {
            throw TensorError.invalidArgument(
                operation: "pad", reason: "padding \(before), \(after) must not be negative or overflow the axis size")
        }
        var outShape = shape
        outShape[a] = size
        let result = try Tensor.zeros(outShape)
        let outStrides = TensorShape.strides(outShape)
        if count > 0 {
            Scalar._stridedCopyKernel(shape: shape, storage.pointer, srcStrides: TensorShape.strides(shape),
                                      result.storage.pointer + before * outStrides[a], dstStrides: outStrides)
        }
        return .recorded(result.storage, outShape, .pad(axis: a, before: before, after: after), [self])
    }

    /// The tensors joined along `axis`; all other dimensions must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int) throws -> Tensor {
        let name = "concatenate"
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(operation: name, reason: "needs at least one tensor")
        }
        let a = try TensorShape.axis(axis, rank: first.rank, operation: name, shape: first.shape)
        for t in tensors where t.rank != first.rank
            || t.shape.enumerated().contains(where: { $0.offset != a && $0.element != first.shape[$0.offset] }) {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [first.shape, t.shape],
                reason: "they must agree on every axis but \(a)")
        }
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let storage = try allocate(outShape, name)
        let outStrides = TensorShape.strides(outShape)
        var offset = 0
        for t in tensors {
            if t.count > 0 {
                Scalar._stridedCopyKernel(shape: t.shape, t.storage.pointer, srcStrides: TensorShape.strides(t.shape),
                                          storage.pointer + offset * outStrides[a], dstStrides: outStrides)
            }
            offset += t.shape[a]
        }
        return .recorded(storage, outShape, .concatenate(axis: a), tensors)
    }

    /// The tensors, all of one shape, stacked along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(operation: "stack", reason: "needs at least one tensor")
        }
        for t in tensors where t.shape != first.shape {
            throw TensorError.incompatibleShapes(operation: "stack", shapes: [first.shape, t.shape],
                                                 reason: "stacked tensors must have one shape")
        }
        let a = try TensorShape.axis(axis, rank: first.rank + 1, operation: "stack", shape: first.shape)
        var expanded = first.shape
        expanded.insert(1, at: a)
        return try concatenate(tensors.map { try $0.reshaped(expanded) }, axis: a)
    }

    /// The tensor with a new axis of size 1 at `axis`.
    public func expandingDims(at axis: Int) throws -> Tensor {
        let a = try TensorShape.axis(axis, rank: rank + 1, operation: "expandDims", shape: shape)
        var newShape = shape
        newShape.insert(1, at: a)
        return try reshaped(newShape)
    }

    /// The rows flattened: shape `[shape[0], rest]`.
    public func flattenedRows() throws -> Tensor {
        guard rank >= 1 else {
            throw TensorError.invalidArgument(operation: "flatten", reason: "a scalar has no rows")
        }
        return try reshaped([shape[0], shape.dropFirst().reduce(1, *)])
    }
}
