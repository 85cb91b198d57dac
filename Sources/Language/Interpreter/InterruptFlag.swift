import Synchronization

/// A request to stop evaluation, settable from any thread (e.g. a SIGINT handler's thread).
public final class InterruptFlag: @unchecked Sendable {
    private let flag = Atomic<Bool>(false)

    /// A cleared flag.
    public init() {}

    /// Asks the running evaluation to stop at its next loop iteration or call.
    public func request() { flag.store(true, ordering: .relaxed) }

    /// Clears the request (the interpreter does this when a run starts).
    public func clear() { flag.store(false, ordering: .relaxed) }

    /// Whether a stop has been requested.
    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}
