import KernelTiles

/// The path for products whose shared dimension dwarfs the output — weight gradients, where `k`
/// runs over every position of the batch (a 5×5 convolution's `dW` is 32 × 25 with k = 73,728).
///
/// The row and column blocks cannot keep two threads busy on such a product, and the loop nest
/// would hand work out once per 512-deep slice. Instead `k` is cut into fixed chunks; each chunk
/// is one task that multiplies into its own partial result, and the partials are then added in
/// chunk order. The chunk length depends only on the shape, so the sums, and the bits of the
/// result, are the same for every thread count.
enum GemmSplitDepth {
    /// Eight 512-deep blocks: long enough that a chunk's few partial tiles cost nothing to add up,
    /// short enough that a 73,728-deep product gives 18 tasks to share out.
    static let chunk = 4096
    /// Outputs up to 256 × 256: larger ones already have enough row and column blocks to share,
    /// and their partials would no longer fit in the L2 cache.
    static let maxOutputs = 1 << 16

    static func applies(to problem: GemmProblem) -> Bool {
        problem.k >= 2 * chunk && problem.m * problem.n <= maxOutputs
    }

    /// `transposed` forces the orientation of the chunks' products (tests compare both).
    static func run(_ problem: GemmProblem, team: WorkerTeam, transposed: Bool? = nil) {
        let chunks = (problem.k + chunk - 1) / chunk
        let outputs = problem.m * problem.n
        let partials = team.leadWorkspace.floats(.gemmPartials, count: chunks * outputs)
        let swapped = transposed ?? computesTransposed(problem)
        team.parallelFor(chunks) { index, workspace in
            let p0 = index * chunk
            let depth = min(chunk, problem.k - p0)
            let a = problem.a.advanced(row: 0, column: p0), b = problem.b.advanced(row: p0, column: 0)
            // Cᵀ = op(B)ᵀ op(A)ᵀ: each operand read with its transpose flag flipped.
            let part = swapped
                ? GemmProblem(m: problem.n, n: problem.m, k: depth,
                              a: GemmOperand(base: b.base, stride: b.stride, transposed: !b.transposed),
                              b: GemmOperand(base: a.base, stride: a.stride, transposed: !a.transposed),
                              c: partials + index * outputs, ldc: problem.m,
                              alpha: 1, beta: 0, bias: nil, relu: false, kernels: problem.kernels)
                : GemmProblem(m: problem.m, n: problem.n, k: depth, a: a, b: b,
                              c: partials + index * outputs, ldc: problem.n,
                              alpha: 1, beta: 0, bias: nil, relu: false, kernels: problem.kernels)
            gemmBlocked(part, team: WorkerTeam(serialWith: workspace))
        }
        let rowGroups = min(problem.m, team.size)
        team.parallelFor(rowGroups) { group, _ in
            for row in GemmBlocking.piece(group, of: rowGroups, count: problem.m) {
                reduceRow(row, problem, partials: UnsafePointer(partials), chunks: chunks, transposed: swapped)
            }
        }
    }

    /// Whether each chunk computes `Cᵀ` instead of `C`: when its register tiles (6×16 here) cover the
    /// transposed output with at least 10% less padding. Each element still sums the same
    /// products in the same order (`a·b` and `b·a` round alike), so the bits do not change. A
    /// 5×5 convolution's 32 × 25 weight gradient pads to 36 × 32 tiles, its transpose to 30 × 32:
    /// in the benchmark's `cnn_conv1_dW` at 1 thread, 37–44 → 55–61 GFLOP/s.
    static func computesTransposed(_ problem: GemmProblem) -> Bool {
        let width = problem.tileColumns
        func padded(_ rows: Int, _ columns: Int) -> Int {
            ((rows + gemmTileRows - 1) / gemmTileRows * gemmTileRows)
                * ((columns + width - 1) / width * width)
        }
        return 10 * padded(problem.n, problem.m) <= 9 * padded(problem.m, problem.n)
    }

    /// `C[row] = alpha * Σ partials + beta * C[row] + bias`, then the activation.
    private static func reduceRow(
        _ row: Int, _ problem: GemmProblem, partials: UnsafePointer<Float>, chunks: Int, transposed: Bool
    ) {
        let outputs = problem.m * problem.n
        let target = problem.c + row * problem.ldc
        // Element (row, j) of a chunk's partial: row-major C, or its transpose.
        let (first, step) = transposed ? (partials + row, problem.m) : (partials + row * problem.n, 1)
        for j in 0..<problem.n {
            var sum = first[j * step]
            for index in 1..<chunks {
                sum += first[index * outputs + j * step]
            }
            var value = problem.alpha * sum
            if problem.beta != 0 { value += problem.beta * target[j] }
            if let bias = problem.bias { value += bias[j] }
            if problem.relu && value < 0 { value = 0 }
            target[j] = value
        }
    }
}
