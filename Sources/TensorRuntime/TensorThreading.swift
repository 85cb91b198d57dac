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

extension TensorThreading {
    /// Elements per chunk of an elementwise loop: 16,384 (64 KiB of floats per operand, about
    /// 20 µs of work) are enough to pay for a hand-off to another thread and small enough that
    /// the 784×256 weight of the benchmark MLP splits into 13 chunks for two threads to share.
    public static let chunkSize = 16_384

    /// Runs `body(range)` over consecutive element ranges covering `0..<count`, spread over the
    /// worker pool in force. The cut depends only on `count`, so when each element's update reads
    /// and writes that element alone the results are bit-identical for every thread count.
    public static func inChunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let chunks = (count + chunkSize - 1) / chunkSize
        guard chunks > 1, let pool else {
            body(0..<count)
            return
        }
        pool.parallelFor(chunks) { chunk, _ in
            body(chunk * chunkSize ..< Swift.min(count, (chunk + 1) * chunkSize))
        }
    }

    /// The sum over `0..<count` of `partial(range)` taken over the chunks of `inChunks`, the
    /// chunks' sums added in chunk order: the same bits for every thread count.
    public static func chunkedSum(_ count: Int, _ partial: (Range<Int>) -> Double) -> Double {
        let chunks = max((count + chunkSize - 1) / chunkSize, 1)
        var sums = [Double](repeating: 0, count: chunks)
        sums.withUnsafeMutableBufferPointer { out in
            func chunk(_ c: Int) { out[c] = partial(c * chunkSize ..< Swift.min(count, (c + 1) * chunkSize)) }
            // Chunk by chunk even on one thread: `inChunks` would take the whole range at once
            // there, and one sum over everything rounds differently from the chunks' sums.
            if chunks > 1, let pool {
                pool.parallelFor(chunks) { c, _ in chunk(c) }
            } else {
                for c in 0..<chunks { chunk(c) }
            }
        }
        return sums.reduce(0, +)
    }
}
