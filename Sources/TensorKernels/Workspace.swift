/// Names one reusable scratch buffer inside a `Workspace`.
///
/// Each kernel that needs scratch memory claims its own slot numbers, so kernels running one after
/// another on the same thread keep their buffers instead of reallocating them on every call.
public struct WorkspaceSlot: Hashable, Sendable {
    /// The slot's index; small integers, because slots are kept in a short array.
    public let rawValue: Int

    /// Creates a slot with the given index.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }
}

extension WorkspaceSlot {
    /// The packed panel of `op(A)` that one thread multiplies (GEMM).
    public static let gemmPackedA = WorkspaceSlot(rawValue: 0)
    /// The packed panel of `op(B)` that all threads of a GEMM share.
    public static let gemmPackedB = WorkspaceSlot(rawValue: 1)
    /// A partial row panel of `A` when GEMM reads full panels of `A` in place.
    public static let gemmEdgeA = WorkspaceSlot(rawValue: 2)
    /// Partial products of a GEMM whose shared dimension is split into chunks.
    public static let gemmPartials = WorkspaceSlot(rawValue: 3)
}

/// Scratch memory that belongs to exactly one thread at a time and grows on demand.
///
/// A `WorkerPool` keeps one workspace per thread for its whole life, so packing buffers are
/// allocated once per thread and reused across calls. A workspace is not thread-safe: only the
/// thread it was handed to may use it, and only for the duration of that hand-over.
public final class Workspace: @unchecked Sendable {
    /// Cache-line alignment: packed panels are streamed with 32-byte vector loads, and 64 keeps a
    /// panel from sharing a line with another thread's data.
    private static let alignment = 64

    private var buffers: [UnsafeMutableRawPointer?] = []
    private var capacities: [Int] = []

    /// Creates an empty workspace; memory is allocated at the first request.
    public init() {}

    deinit {
        for buffer in buffers {
            buffer?.deallocate()
        }
    }

    /// A buffer of at least `count` floats for `slot`, aligned to 64 bytes.
    ///
    /// The contents are unspecified. The buffer stays valid until the next request for the same
    /// slot with a larger count, or until the workspace is released.
    public func floats(_ slot: WorkspaceSlot, count: Int) -> UnsafeMutablePointer<Float> {
        let index = slot.rawValue
        if index >= buffers.count {
            buffers.append(contentsOf: repeatElement(nil, count: index + 1 - buffers.count))
            capacities.append(contentsOf: repeatElement(0, count: index + 1 - capacities.count))
        }
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        if let buffer = buffers[index], capacities[index] >= bytes {
            return buffer.assumingMemoryBound(to: Float.self)
        }
        buffers[index]?.deallocate()
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: Self.alignment)
        buffer.initializeMemory(as: Float.self, repeating: 0, count: bytes / MemoryLayout<Float>.stride)
        buffers[index] = buffer
        capacities[index] = bytes
        return buffer.assumingMemoryBound(to: Float.self)
    }
}
