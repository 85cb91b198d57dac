import Glibc

/// A pipe whose read end becomes readable when another thread calls `notify()`: the way a
/// Ctrl-C wakes the REPL's line reader out of `poll(2)` while it waits for a key.
final class WakePipe: @unchecked Sendable {
    // Both descriptors are fixed at creation; `write(2)` and `read(2)` on them are thread-safe.
    /// The end to poll for readability.
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    /// Opens the pipe, or returns nil when the process is out of descriptors.
    init?() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        for descriptor in descriptors {
            // Non-blocking, so `drain` stops when the pipe is empty and `notify` never stalls.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    /// Makes the read end readable. A full pipe already means "woken", so a failed write is fine.
    func notify() {
        var byte: UInt8 = 1
        _ = Glibc.write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe, forgetting wake-ups that arrived before now.
    func drain() {
        // Any size works; a few bytes per read keeps the loop short.
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ Glibc.read(readDescriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }
}
