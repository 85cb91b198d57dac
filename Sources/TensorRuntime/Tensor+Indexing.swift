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
        let (source, target) = (self.storage.pointer, storage.pointer)
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
        return .recorded(storage, outShape, .selectRows(indices), [self])
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
