extension Tensor {
    /// `out[i] = self[i, indices[i]]` for a rank-2 tensor: e.g. each sample's score for its label.
    public func gatherColumns(_ indices: [Int]) throws -> Tensor {
        let name = "gatherColumns"
        guard rank == 2, shape[0] == indices.count else {
            throw TensorError.invalidArgument(
                operation: name,
                reason: "needs a rank-2 tensor with one row per index; got shape \(TensorShape.describe(shape)) and \(indices.count) indices")
        }
        try Tensor.checkLabels(indices, classes: shape[1], operation: name)
        let storage = try Tensor.allocate([indices.count], name)
        let width = shape[1]
        for (row, column) in indices.enumerated() {
            storage.pointer[row] = self.storage.pointer[row * width + column]
        }
        return .recorded(storage, [indices.count], .gatherColumns(indices), [self])
    }

    /// The adjoint of `gatherColumns`: `self[i]` placed at `[i, indices[i]]` of a zero `[n, width]`.
    func scatterColumns(_ indices: [Int], width: Int) throws -> Tensor {
        let result = try Tensor.zeros([indices.count, width])
        for (row, column) in indices.enumerated() {
            result.storage.pointer[row * width + column] = storage.pointer[row]
        }
        return .recorded(result.storage, result.shape, .scatterColumns(indices, width: width), [self])
    }

    /// Entries of axis 0 picked by index (repeats allowed): a batch drawn from a dataset.
    public func selectRows(_ indices: [Int]) throws -> Tensor {
        let name = "selectRows"
        guard rank >= 1 else {
            throw TensorError.invalidArgument(operation: name, reason: "a scalar has no rows")
        }
        try Tensor.checkLabels(indices, classes: shape[0] == 0 ? 1 : shape[0], operation: name)
        if shape[0] == 0 && !indices.isEmpty {
            throw TensorError.invalidArgument(operation: name, reason: "shape \(TensorShape.describe(shape)) has no rows")
        }
        var outShape = shape
        outShape[0] = indices.count
        let rowLength = shape.dropFirst().reduce(1, *)
        let storage = try Tensor.allocate(outShape, name)
        Tensor.copyRows(indices, of: UnsafePointer(self.storage.pointer), rowLength: rowLength, into: storage.pointer)
        return .recorded(storage, outShape, .selectRows(indices), [self])
    }

    /// Rows `indices` of a row-major buffer of `[rows] + rowShape` elements, gathered into a new
    /// constant tensor `[indices.count] + rowShape` — how a data source builds a batch straight
    /// from its samples, without first copying them into an array.
    ///
    /// - Throws: `TensorError.invalidArgument` when an index is outside the buffer's rows or the
    ///   buffer does not hold whole rows, `TensorError.allocation` over the memory limit.
    package static func gatherRows(_ indices: [Int], of source: UnsafeBufferPointer<Scalar>,
                                   rowShape: [Int]) throws -> Tensor {
        let name = "gatherRows"
        let rowLength = rowShape.reduce(1, *)
        guard rowLength > 0, source.count % rowLength == 0 else {
            throw TensorError.invalidArgument(
                operation: name, reason: "\(source.count) values are not whole rows of shape \(TensorShape.describe(rowShape))")
        }
        let rows = source.count / rowLength
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            throw TensorError.invalidArgument(operation: name, reason: "row \(bad) is outside the \(rows) rows")
        }
        let outShape = [indices.count] + rowShape
        let storage = try allocate(outShape, name)
        if let base = source.baseAddress { copyRows(indices, of: base, rowLength: rowLength, into: storage.pointer) }
        return Tensor(storage: storage, shape: outShape)
    }

    /// Copies rows `indices` of `source` (rows of `rowLength` elements) to consecutive rows of `target`.
    private static func copyRows(_ indices: [Int], of source: UnsafePointer<Scalar>, rowLength: Int,
                                 into target: UnsafeMutablePointer<Scalar>) {
        indices.withUnsafeBufferPointer { rows in
            func copy(_ range: Range<Int>) {
                for r in range { (target + r * rowLength).update(from: source + rows[r] * rowLength, count: rowLength) }
            }
            // A shuffled batch reads rows from anywhere in a dataset, so the copy waits on memory;
            // spread over the pool, the threads keep more cache misses in flight. Below 64 Ki
            // elements (256 KiB of Float) the copy is too short to pay for a hand-off.
            if let pool = TensorThreading.pool, pool.threadCount > 1, rows.count * rowLength >= 1 << 16 {
                let parts = 4 * pool.threadCount
                pool.parallelFor(parts) { part, _ in copy(part * rows.count / parts ..< (part + 1) * rows.count / parts) }
            } else {
                copy(0..<rows.count)
            }
        }
    }

    /// The adjoint of `selectRows`: row `r` of `self` added into row `indices[r]` of `count` zero rows.
    func addRows(_ indices: [Int], count rows: Int) throws -> Tensor {
        var outShape = shape
        outShape[0] = rows
        let rowLength = shape.dropFirst().reduce(1, *)
        let result = try Tensor.zeros(outShape)
        let plan = BroadcastPlan(a: [rowLength], b: [rowLength], shape: [rowLength], count: rowLength)
        for (r, index) in indices.enumerated() {
            let target = result.storage.pointer + index * rowLength
            Scalar._binaryKernel(.add, plan, target, storage.pointer + r * rowLength, target)
        }
        return .recorded(result.storage, outShape, .addRows(indices, count: rows), [self])
    }
}
