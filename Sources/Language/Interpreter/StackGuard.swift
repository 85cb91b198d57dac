import Foundation

/// Knows how much of the evaluation thread's stack is left, so runaway recursion becomes an error
/// before it can overflow: the call-depth limit bounds recursion in the language, this bounds it
/// whatever the frame sizes of the build (debug frames are several times larger than release).
struct StackGuard {
    /// The evaluation thread's stack size. Parsing and evaluation recurse once per nesting level;
    /// 256 MiB leaves room for the call-depth limit even in unoptimised builds.
    static let stackSize = 256 << 20
    /// Kept free below the floor: more than one language call can use with expressions nested to
    /// the parser's depth limit, so a check at each call is always in time.
    static let reserve = 32 << 20

    /// Lowest address the stack may grow to before evaluation stops.
    let floor: UInt

    /// A guard for the current thread, whose stack (of `size` bytes) starts near here.
    init(size: Int) {
        var marker = 0
        let top = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        floor = top - UInt(size - Self.reserve)
    }

    /// True when the current frame is below the floor.
    var isExhausted: Bool {
        var marker = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < floor
    }
}

/// Runs `body` on a thread with a `StackGuard.stackSize` stack and waits for it.
func onLargeStack<T>(_ body: @escaping (StackGuard) -> T) -> T {
    let box = LargeStackBox(body)
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.run()
        done.signal()
    }
    thread.stackSize = StackGuard.stackSize
    thread.start()
    done.wait()
    guard let value = box.value else { return body(StackGuard(size: 1 << 20 + StackGuard.reserve)) }
    return value
}

/// Carries the closure and its result across the thread boundary of `onLargeStack`.
private final class LargeStackBox<T>: @unchecked Sendable {
    var value: T?
    private var body: ((StackGuard) -> T)?
    init(_ body: @escaping (StackGuard) -> T) { self.body = body }

    /// Runs the closure and lets go of it before returning: whatever it captured (the interpreter)
    /// must not outlive the call on the finishing thread, or its clean-up (a session's scratch
    /// directory) would happen at some later moment on that thread instead of when the caller
    /// drops it.
    func run() {
        guard let body else { return }
        self.body = nil
        value = body(StackGuard(size: StackGuard.stackSize))
    }
}
