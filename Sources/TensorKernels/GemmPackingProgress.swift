import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares the packing of one block of `B` among whichever threads of a loop turn up.
///
/// Each thread claims panels one at a time until none are left, then waits until the panels
/// claimed by others are packed too. Only threads that are running take part, so a worker that
/// the system has not scheduled never holds the others up; the wait is only for packing already
/// under way.
final class GemmPackingProgress: @unchecked Sendable {
    let count: Int
    private let next = Atomic<Int>(0)
    private let done = Atomic<Int>(0)

    init(count: Int) {
        self.count = count
    }

    /// Packs unclaimed panels with `pack(index)`, then returns once all `count` are packed.
    func packAll(_ pack: (Int) -> Void) {
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            if index >= count { break }
            pack(index)
            done.add(1, ordering: .releasing)
        }
        var spins = 0
        while done.load(ordering: .acquiring) < count {
            spins += 1
            // The thread still packing may have been descheduled by another process.
            if spins % 1024 == 0 { sched_yield() }
        }
    }
}
