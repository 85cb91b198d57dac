extension Tensor {
    /// Reduces over `axes` one axis at a time (the kernels reduce the middle of `[outer, n, inner]`).
    /// Returns the storage with reduced axes kept as size 1, and the final shape.
    func reduceForward(_ op: ReduceKernelOp, _ axes: [Int], keepDims: Bool, _ name: String) throws
        -> (TensorStorage<Scalar>, [Int]) {
        var current = storage
        var keptShape = shape
        for axis in axes {
            let outer = keptShape[..<axis].reduce(1, *)
            let inner = keptShape[(axis + 1)...].reduce(1, *)
            let length = keptShape[axis]
            keptShape[axis] = 1
            let next = try Tensor.allocate(keptShape, name)
            let (source, target) = (current.pointer, next.pointer)
            // Outer slices reduce independently, so groups of them can run on the pool's threads
            // with the same bits as one pass (row norms of a [1000, 784] batch, for instance).
            let slice = Swift.max(1, length * inner)
            if outer == 1 && inner >= 4 * Tensor.reduceColumnBand {
                // One wide slice (a batch axis summed first): each column sums its own rows in
                // order, so bands of columns can run on the pool's threads with the same bits.
                Tensor.forEachElementChunk(inner, chunk: Tensor.reduceColumnBand) { first, count in
                    Scalar._reduceKernel(op, source + first, target + first,
                                         outer: 1, length: length, inner: count, stride: inner)
                }
            } else {
                let perGroup = Swift.max(1, Tensor.elementwiseChunk / slice)
                Tensor.forEachElementChunk(outer, chunk: perGroup) { first, count in
                    Scalar._reduceKernel(op, source + first * slice, target + first * inner,
                                         outer: count, length: length, inner: inner, stride: inner)
                }
            }
            current = next
        }
        let finalShape = keepDims ? keptShape : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        return (current, finalShape)
    }

    /// Columns per band when one wide slice is reduced in bands: 1,024 columns (4 KiB of Float per
    /// row) keep the 8-wide vector loop busy and cut a convolution bias gradient's batch sum over
    /// [128, 32·24·24] into 18 bands for the pool.
    static var reduceColumnBand: Int { 1024 }

    /// The shape with reduced axes kept as size 1 (used to broadcast a reduction back).
    static func keptShape(_ shape: [Int], axes: [Int]) -> [Int] {
        var kept = shape
        for axis in axes { kept[axis] = 1 }
        return kept
    }

    /// Sum over `axes` (all axes when nil), accumulated in Double in a fixed order.
    public func sum(axes: [Int]? = nil, keepingDims: Bool = false) throws -> Tensor {
        let resolved = try TensorShape.axes(axes, rank: rank, operation: "sum", shape: shape)
        let (storage, outShape) = try reduceForward(.sum, resolved, keepDims: keepingDims, "sum")
        return .recorded(storage, outShape, .sum(axes: resolved, keepDims: keepingDims), [self])
    }

    /// `Σ (x · scale)²` over each row (axis 0 indexes rows, the other axes are flattened), a
    /// constant `[rows]` computed in one read-only pass, rows spread over the pool: the squared
    /// norms of per-sample activations and gradients. Equal bit for bit to
    /// `((self * scale) * (self * scale)).sum(axes: 1...)` without its two temporaries.
    package func rowSquaredSums(scale: Scalar = 1) throws -> Tensor {
        let name = "rowSquaredSums"
        guard rank >= 1 else { throw TensorError.invalidArgument(operation: name, reason: "a scalar has no rows") }
        let rows = shape[0], length = shape.dropFirst().reduce(1, *)
        let storage = try Tensor.allocate([rows], name)
        let (x, out) = (self.storage.pointer, storage.pointer)
        // Rows in groups of about one element chunk: each row's sum is independent of the cut.
        let perGroup = Swift.max(1, Tensor.elementwiseChunk / Swift.max(1, length))
        let groups = (rows + perGroup - 1) / perGroup
        Tensor.forEachElementChunk(groups, chunk: 1) { first, count in
            let start = first * perGroup, end = Swift.min(rows, (first + count) * perGroup)
            Scalar._rowSquaredSumsKernel(x + start * length, scale: scale, out + start, rows: end - start, length: length)
        }
        return Tensor(storage: storage, shape: [rows])
    }

    /// Mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepingDims: Bool = false) throws -> Tensor {
        let resolved = try TensorShape.axes(axes, rank: rank, operation: "mean", shape: shape)
        let n = resolved.reduce(1) { $0 * shape[$1] }
        return try sum(axes: resolved, keepingDims: keepingDims) * (1 / Scalar(n))
    }

    /// Maximum over `axes` (all axes when nil). Tied maxima share the gradient equally.
    public func max(axes: [Int]? = nil, keepingDims: Bool = false) throws -> Tensor {
        let resolved = try TensorShape.axes(axes, rank: rank, operation: "max", shape: shape)
        let (storage, outShape) = try reduceForward(.max, resolved, keepDims: keepingDims, "max")
        return .recorded(storage, outShape, .max(axes: resolved, keepDims: keepingDims), [self])
    }

    /// `log Σ exp` over `axes` (all axes when nil), shifted by the maximum so it never overflows.
    public func logSumExp(axes: [Int]? = nil, keepingDims: Bool = false) throws -> Tensor {
        let resolved = try TensorShape.axes(axes, rank: rank, operation: "logSumExp", shape: shape)
        let (storage, outShape) = try reduceForward(.logSumExp, resolved, keepDims: keepingDims, "logSumExp")
        return .recorded(storage, outShape, .logSumExp(axes: resolved, keepDims: keepingDims), [self])
    }

    /// The index of the largest entry along `axis` (the first one on ties), for every position of
    /// the other axes, in row-major order of the shape without `axis`.
    public func argmax(axis: Int) throws -> [Int] {
        let a = try TensorShape.axis(axis, rank: rank, operation: "argmax", shape: shape)
        let length = shape[a]
        guard length > 0 else {
            throw TensorError.invalidArgument(
                operation: "argmax", reason: "axis \(axis) of shape \(TensorShape.describe(shape)) is empty")
        }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var result = [Int](repeating: 0, count: outer * inner)
        let p = storage.pointer
        for o in 0..<outer {
            for k in 0..<inner {
                var best = 0
                var bestValue = p[o * length * inner + k]
                for j in 1..<Swift.max(length, 1) {
                    let v = p[(o * length + j) * inner + k]
                    if v > bestValue { best = j; bestValue = v }
                }
                result[o * inner + k] = best
            }
        }
        return result
    }
}
