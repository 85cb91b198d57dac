import TensorKernels

/// The worker pool tensor operations hand to the parallel kernels (`gemm`).
///
/// The owner of the pool (the command line, from `--threads N`) creates it once and runs the work
/// inside `withPool`; every matrix product computed by tensor operations in that scope — forward
/// and backward, from Swift or from a script — uses it. Outside any scope, kernels run on the
/// calling thread. A task-local value rather than a parameter on every operation keeps the tensor
/// API free of plumbing without any global mutable state; results do not depend on the thread
/// count, because the kernels are deterministic per output element.
public enum TensorThreading {
    /// The pool in force for the current task, or nil for single-threaded kernels.
    @TaskLocal public static var pool: WorkerPool?

    /// Runs `body` with tensor operations using `pool`.
    public static func withPool<R>(_ pool: WorkerPool?, _ body: () throws -> R) rethrows -> R {
        try $pool.withValue(pool, operation: body)
    }
}
