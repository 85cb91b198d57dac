import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of compute threads that runs data-parallel loops (`parallelFor`) for the kernels.
///
/// Ownership: whoever creates the pool owns it — normally one per process, created by the
/// command line from `--threads N` and handed down to every kernel call that may run in parallel.
/// There is no hidden global pool. The calling thread takes part in every loop, so a pool of
/// `threadCount` threads starts `threadCount - 1` extra threads; they live until the pool is
/// released, spin briefly after each loop (kernels tend to come back to back) and then park.
///
/// One loop runs at a time. A loop started while another is running on the same pool (from a
/// loop body, or from another thread) runs serially on its caller with a fresh workspace, so it
/// is correct but not parallel.
///
/// Determinism is the caller's part of the contract: `parallelFor` runs every index exactly once
/// on some thread; a kernel whose result for an index depends only on the index gets results that
/// are bit-identical for every thread count.
public final class WorkerPool: @unchecked Sendable {
    /// The number of threads that run a loop, the caller included.
    public let threadCount: Int

    private let state: WorkerPoolState
    private let leadWorkspace = Workspace()
    private var threads: [pthread_t] = []

    /// Creates a pool of `threadCount` threads, the caller included (values below 1 count as 1).
    ///
    /// If the system refuses to start a thread, the pool runs with the threads it got;
    /// `threadCount` tells how many that is.
    public init(threadCount: Int) {
        DenormalMode.prepareCurrentThread()
        let requested = max(1, threadCount)
        let shared = WorkerPoolState()
        let started = (1..<requested).compactMap { _ in shared.startWorker() }
        self.state = shared
        self.threads = started
        self.threadCount = started.count + 1
    }

    deinit {
        state.shutDown()
        for thread in threads {
            pthread_join(thread, nil)
        }
    }

    /// Runs `body` with exclusive use of the pool's threads and workspaces.
    ///
    /// Kernels that run several loops in a row (pack, then compute) use one team for all of them,
    /// so the shared buffers in `team.leadWorkspace` stay theirs in between. The team must not
    /// escape `body`. If the pool is busy, `body` gets a serial team of one with a fresh workspace.
    public func withTeam<Result>(_ body: (WorkerTeam) throws -> Result) rethrows -> Result {
        // The thread that hands out work computes too; it may not be the one that made the pool.
        DenormalMode.prepareCurrentThread()
        guard state.tryAcquire() else {
            return try body(WorkerTeam(serialWith: Workspace()))
        }
        defer { state.release() }
        return try body(WorkerTeam(pool: self))
    }

    /// Runs `body(index, workspace)` once for every index in `0..<count`, spread over the threads.
    ///
    /// `workspace` belongs to the running thread for the duration of the call. Returns when every
    /// index has finished.
    public func parallelFor(_ count: Int, _ body: (_ index: Int, _ workspace: Workspace) -> Void) {
        withTeam { team in team.parallelFor(count, body) }
    }

    /// Runs one loop on all threads; the pool must be acquired by the caller.
    func runAcquired(_ count: Int, _ body: (Int, Workspace) -> Void) {
        if threads.isEmpty || count <= 1 {
            for index in 0..<count {
                body(index, leadWorkspace)
            }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            state.publish(WorkerPoolJob(count: count, body: escapable))
            state.work(workspace: leadWorkspace)
            state.waitForWorkers()
        }
    }

    /// The workspace of the thread that calls into the pool.
    var callerWorkspace: Workspace { leadWorkspace }
}

