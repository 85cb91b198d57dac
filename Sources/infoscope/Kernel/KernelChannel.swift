import Foundation
import Glibc

/// The kernel's outgoing half of the line protocol (docs/kernel.md): one JSON object per line.
///
/// The protocol owns a private copy of the original standard output; descriptor 1 itself is
/// pointed at standard error when the kernel starts, so a stray write by any library can never
/// corrupt the stream of events.
final class KernelChannel: @unchecked Sendable {
    // `descriptor` never changes; `lock` keeps events written from several threads whole.
    private let descriptor: Int32
    private let lock = NSLock()

    /// Takes over standard output for the protocol; nil when no descriptor is left for it.
    static func takeOverStandardOutput() -> KernelChannel? {
        let saved = dup(STDOUT_FILENO)
        guard saved >= 0 else { return nil }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        _ = dup2(STDERR_FILENO, STDOUT_FILENO)
        return KernelChannel(descriptor: saved)
    }

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `event` as one line. Keys are sorted so the same event is always the same text.
    func send(_ event: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        let line = String(decoding: data, as: UTF8.self) + "\n"
        lock.lock()
        defer { lock.unlock() }
        TerminalOutput.writeAll(line, to: descriptor)
    }
}
