/// The contiguous row-major buffer behind one or more tensors. Tensors never write to a storage
/// after the operation that created it returns, so views (reshape) can share it safely; the one
/// exception, `Tensor.withUnsafeMutableScalars`, writes only to a storage no one else references.
final class TensorStorage<Scalar: TensorScalar>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Scalar>
    let count: Int

    /// Allocates uninitialised room for `count` elements, checked against `TensorLimits`.
    init(count: Int, shape: [Int], operation: String) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Scalar>.stride)
        let limit = TensorLimits.maxBytes
        if overflow || bytes > limit {
            throw TensorError.allocationTooLarge(operation: operation, shape: shape,
                                                 bytes: overflow ? Int.max : bytes, limitBytes: limit)
        }
        // One element even for empty tensors, so the pointer is always valid to pass to kernels.
        pointer = .allocate(capacity: Swift.max(count, 1))
        self.count = count
    }

    /// Allocates without consulting the limit: only for scalars, which no sensible limit forbids.
    init(smallCount count: Int) {
        pointer = .allocate(capacity: Swift.max(count, 1))
        self.count = count
    }

    /// A copy of `other`: same count, same elements. No limit check, since `other` already passed it.
    init(copying other: TensorStorage) {
        pointer = .allocate(capacity: Swift.max(other.count, 1))
        count = other.count
        // Through the element type's copy loop, for the reason given in `init(repeating:)`.
        Scalar._stridedCopyKernel(shape: [Swift.max(count, 1)], other.pointer, srcStrides: [1],
                                  pointer, dstStrides: [1])
    }

    /// Allocates and fills with `value`.
    convenience init(repeating value: Scalar, count: Int, shape: [Int], operation: String) throws {
        try self.init(count: count, shape: shape, operation: operation)
        // Through the element type's own copy loop: a fill in this generic class would run
        // unspecialised, one value-witness call per element.
        let filled = Swift.max(count, 1)
        withUnsafePointer(to: value) { source in
            Scalar._stridedCopyKernel(shape: [filled], source, srcStrides: [0], pointer, dstStrides: [1])
        }
    }

    deinit {
        pointer.deallocate()
    }
}
