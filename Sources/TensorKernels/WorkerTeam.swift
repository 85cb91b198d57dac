/// The threads of a `WorkerPool` lent to one kernel call, or a single thread when none are lent.
public struct WorkerTeam {
    private let pool: WorkerPool?
    /// Scratch memory for the calling thread; it stays the caller's between the team's loops, so
    /// it can hold data that all threads read in a later loop.
    public let leadWorkspace: Workspace
    /// The number of threads that run each loop.
    public let size: Int

    init(pool: WorkerPool) {
        self.pool = pool
        self.leadWorkspace = pool.callerWorkspace
        self.size = pool.threadCount
    }

    /// A team of one: loops run serially on the calling thread with `workspace`.
    ///
    /// Kernels that already run inside a parallel loop use this to call other kernels with the
    /// workspace their thread was given.
    public init(serialWith workspace: Workspace) {
        self.pool = nil
        self.leadWorkspace = workspace
        self.size = 1
    }

    /// Runs `body(index, workspace)` once for every index in `0..<count` on the team's threads.
    public func parallelFor(_ count: Int, _ body: (_ index: Int, _ workspace: Workspace) -> Void) {
        guard count > 0 else { return }
        if let pool {
            pool.runAcquired(count, body)
        } else {
            for index in 0..<count {
                body(index, leadWorkspace)
            }
        }
    }
}
