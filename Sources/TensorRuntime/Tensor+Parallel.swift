extension Tensor {
    /// Elements per chunk of a parallel element-wise kernel: 32 Ki elements (128 KiB of Float,
    /// ~10–30 µs of work) amortise a hand-off; a multiple of every vector width, so each chunk's
    /// vector loop sees the same element groups as one pass over everything would.
    static var elementwiseChunk: Int { 1 << 15 }

    /// Runs `body(start, count)` over consecutive ranges of `chunk` items covering `0..<count`,
    /// spread over the worker pool in force when there are at least four chunks; otherwise once,
    /// on this thread.
    ///
    /// The cut depends only on `count`, so a kernel whose result for an element depends only on
    /// that element's inputs gives the same bits for every thread count. Why: in a CNN step the
    /// activation functions, their masks and the gradient products over 9 MB activations were
    /// the largest work left on one thread once the convolutions ran on all of them.
    static func forEachElementChunk(_ count: Int, chunk: Int = elementwiseChunk,
                                    _ body: (_ start: Int, _ count: Int) -> Void) {
        let chunks = (count + chunk - 1) / chunk
        guard chunks >= 4, let pool = TensorThreading.pool, pool.threadCount > 1 else {
            body(0, count)
            return
        }
        pool.parallelFor(chunks) { index, _ in
            let start = index * chunk
            body(start, Swift.min(chunk, count - start))
        }
    }
}

extension Pool2DShape {
    /// Runs `body(part, firstPlane)` over groups of consecutive planes covering all of them, spread
    /// over the worker pool in force when there are at least four groups. Planes are pooled
    /// independently, so the result does not depend on the thread count.
    func forEachPlaneGroup(_ body: (_ part: Pool2DShape, _ firstPlane: Int) -> Void) {
        let perGroup = Swift.max(1, Tensor<Float>.elementwiseChunk / Swift.max(1, inputPlaneCount))
        let groups = (planes + perGroup - 1) / perGroup
        guard groups >= 4, let pool = TensorThreading.pool, pool.threadCount > 1 else {
            body(self, 0)
            return
        }
        pool.parallelFor(groups) { group, _ in
            let first = group * perGroup
            var part = self
            part.batch = Swift.min(perGroup, planes - first)
            part.channels = 1
            body(part, first)
        }
    }
}
