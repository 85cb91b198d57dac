extension Tensor {
    /// Runs `body` over the elements in row-major order, read-only, without copying them out.
    ///
    /// The buffer is valid only inside `body`. Its base address is never nil, even when empty.
    package func withUnsafeScalars<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: storage.count))
    }

    /// Runs `body` over the elements for writing in place, copy-on-write: when another tensor (a
    /// view, a copy of this value, or an autodiff record) shares the storage, this tensor first
    /// takes a private copy, so no one else ever sees the writes.
    ///
    /// Why: optimizers update every parameter every step; copying the values out into arrays and
    /// new tensors back in cost as much as the update itself. After the call the tensor is a
    /// constant (it no longer belongs to an autodiff graph, whose record holds the old values).
    /// The buffer is valid only inside `body`; its base address is never nil, even when empty.
    package mutating func withUnsafeMutableScalars<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        node = nil
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(copying: storage)
        }
        return try body(UnsafeMutableBufferPointer(start: storage.pointer, count: storage.count))
    }
}
