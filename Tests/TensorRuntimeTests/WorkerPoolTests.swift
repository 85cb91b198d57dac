import Foundation
import Synchronization
import XCTest
import TensorKernels

/// A counter cell that threads may bump concurrently.
private final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

final class WorkerPoolTests: XCTestCase {
    func testEveryIndexRunsExactlyOnce() {
        for threads in [1, 2, 3, 5] {
            let pool = WorkerPool(threadCount: threads)
            for count in [0, 1, 2, 7, 64, 1000] {
                let counters = (0..<count).map { _ in Counter() }
                pool.parallelFor(count) { index, _ in
                    counters[index].value.add(1, ordering: .relaxed)
                }
                let runs = counters.map { $0.value.load(ordering: .relaxed) }
                XCTAssertEqual(runs, Array(repeating: 1, count: count), "threads \(threads) count \(count)")
            }
        }
    }

    func testSurvivesManyTinyJobs() {
        let pool = WorkerPool(threadCount: 2)
        let total = Counter()
        let jobs = 20_000
        for job in 0..<jobs {
            pool.parallelFor(job % 4 + 1) { _, _ in total.value.add(1, ordering: .relaxed) }
        }
        // Σ (job % 4 + 1) over 20,000 jobs = 5,000 × (1 + 2 + 3 + 4).
        XCTAssertEqual(total.value.load(ordering: .relaxed), 50_000)
    }

    func testSurvivesParkingBetweenJobs() {
        // Long enough between jobs for the workers to stop spinning and park.
        let pool = WorkerPool(threadCount: 3)
        let total = Counter()
        for _ in 0..<5 {
            usleep(20_000)
            pool.parallelFor(10) { _, _ in total.value.add(1, ordering: .relaxed) }
        }
        XCTAssertEqual(total.value.load(ordering: .relaxed), 50)
        // Released with its workers parked: deinit must wake and join them.
        usleep(20_000)
    }

    func testWorkIsSharedAmongThreads() {
        let pool = WorkerPool(threadCount: 2)
        XCTAssertEqual(pool.threadCount, 2)
        let threadIDs = Mutex<Set<UInt>>([])
        // Each index sleeps 5 ms, so the second thread has 40 ms to wake and take some.
        pool.parallelFor(8) { _, _ in
            usleep(5_000)
            let id = UInt(pthread_self())
            threadIDs.withLock { _ = $0.insert(id) }
        }
        XCTAssertEqual(threadIDs.withLock { $0.count }, 2)
    }

    func testNestedLoopsRunSeriallyInsteadOfDeadlocking() {
        let pool = WorkerPool(threadCount: 2)
        let total = Counter()
        pool.parallelFor(4) { _, _ in
            pool.parallelFor(5) { _, _ in total.value.add(1, ordering: .relaxed) }
        }
        XCTAssertEqual(total.value.load(ordering: .relaxed), 20)
    }

    func testEachThreadHasItsOwnWorkspace() {
        let pool = WorkerPool(threadCount: 3)
        let owners = Mutex<[ObjectIdentifier: UInt]>([:])
        let clashes = Counter()
        for _ in 0..<50 {
            pool.parallelFor(30) { _, workspace in
                let me = UInt(pthread_self())
                let previous = owners.withLock { table -> UInt? in
                    let old = table[ObjectIdentifier(workspace)]
                    table[ObjectIdentifier(workspace)] = me
                    return old
                }
                if let previous, previous != me { clashes.value.add(1, ordering: .relaxed) }
            }
        }
        XCTAssertEqual(clashes.value.load(ordering: .relaxed), 0, "a workspace was handed to two different threads")
    }

    func testThreadCountBelowOneMeansOne() {
        XCTAssertEqual(WorkerPool(threadCount: 0).threadCount, 1)
        XCTAssertEqual(WorkerPool(threadCount: -3).threadCount, 1)
    }

    func testPoolsAreReleasedCleanly() throws {
        // Creating and dropping pools must join their threads, not leak or hang: the process has
        // no more threads after 50 pools than before (a thread another test left may end meanwhile).
        let before = try Self.threadCount()
        for _ in 0..<50 {
            let pool = WorkerPool(threadCount: 3)
            pool.parallelFor(6) { _, _ in }
        }
        XCTAssertLessThanOrEqual(try Self.threadCount(), before)
    }

    /// The threads of this process, from the kernel's `Threads:` line in /proc/self/status.
    static func threadCount() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }),
              let count = Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) else {
            throw XCTSkip("/proc/self/status has no Threads line")
        }
        return count
    }
}
