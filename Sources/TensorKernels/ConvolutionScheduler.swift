/// Spreads the per-image work of the convolution kernels over a worker pool, deterministically.
struct ConvolutionScheduler {
    /// Weight-gradient chunks: enough to keep 8 threads busy, few enough that the partial sums
    /// (one weight-sized buffer per chunk beyond the first) stay small next to the activations.
    static let chunkCount = 8
    /// Workspace slots of the convolution kernels (GEMM claims 0–3; the direct paths 10–13, see
    /// `Conv2DDirectPlan` and `Conv2DWeightPlan`; the gathering fold 14).
    static let columnsSlot = WorkspaceSlot(rawValue: 8)
    static let partialsSlot = WorkspaceSlot(rawValue: 9)

    let shape: Conv2DShape
    let workspace: UnsafeMutablePointer<Float>?
    let pool: WorkerPool?

    /// Runs `body(team)` on the pool's team, or on a serial team with one workspace for the call.
    func withTeam(_ body: (WorkerTeam) -> Void) {
        if let pool { pool.withTeam(body) } else { body(WorkerTeam(serialWith: Workspace())) }
    }

    /// The unfolded-image buffer for a thread: the caller's `workspace` on the serial path, else
    /// the thread's own workspace slot.
    func scratch(_ threadWorkspace: Workspace, parallel: Bool) -> ConvolutionScratch {
        let fixed = !parallel && pool == nil ? workspace : nil
        return ConvolutionScratch(fixed: fixed, workspace: threadWorkspace, count: shape.workspaceCount)
    }

    /// Calls `body(n, scratch, team)` for every image n. With at least as many images as threads,
    /// images run in parallel and each GEMM is serial on its thread (`team` is a team of one);
    /// otherwise images run in order and each GEMM gets the whole team.
    func forEachImage(_ body: (Int, ConvolutionScratch, WorkerTeam) -> Void) {
        withTeam { team in forEachImage(on: team, body) }
    }

    /// `forEachImage` on a team the caller already holds.
    func forEachImage(on team: WorkerTeam, _ body: (Int, ConvolutionScratch, WorkerTeam) -> Void) {
        if team.size > 1 && shape.batch >= team.size {
            team.parallelFor(shape.batch) { n, threadWorkspace in
                body(n, scratch(threadWorkspace, parallel: true), WorkerTeam(serialWith: threadWorkspace))
            }
        } else {
            let provider = scratch(team.leadWorkspace, parallel: false)
            for n in 0..<shape.batch { body(n, provider, team) }
        }
    }
}

extension ConvolutionScheduler {
    /// A chunk's view of the work: the image index, whether it is the chunk's first image (which
    /// overwrites instead of accumulating), the chunk's transposed weight sum (`columnRows ×
    /// outputChannels`) and bias sum, scratch, and the team its GEMMs may use.
    typealias ChunkBody = (_ image: Int, _ first: Bool, _ transposedWeights: UnsafeMutablePointer<Float>,
                           _ bias: UnsafeMutablePointer<Float>?,
                           _ scratch: ConvolutionScratch, _ team: WorkerTeam) -> Void

    /// Runs `body` for every image, grouped into `min(batch, chunkCount)` chunks of consecutive
    /// images. Every chunk sums its weights, transposed, into its own partial buffer; chunk 0 sums
    /// its bias straight into `biasGradient`, the others into partials. The partials are then
    /// added in chunk order (and the weights transposed back), so every element sums the same
    /// terms in the same order for every thread count.
    func forEachChunk(weightGradient: UnsafeMutablePointer<Float>, biasGradient: UnsafeMutablePointer<Float>?,
                      _ body: ChunkBody) {
        withTeam { team in forEachChunk(on: team, weightGradient: weightGradient, biasGradient: biasGradient, body) }
    }

    /// `forEachChunk` on a team the caller already holds.
    func forEachChunk(on team: WorkerTeam, weightGradient: UnsafeMutablePointer<Float>,
                      biasGradient: UnsafeMutablePointer<Float>?, _ body: ChunkBody) {
        let chunks = min(shape.batch, ConvolutionScheduler.chunkCount)
        let weightCount = shape.weightCount, stride = weightCount + shape.outputChannels
        do {
            let partials = team.leadWorkspace.floats(ConvolutionScheduler.partialsSlot, count: chunks * stride)
            func runChunk(_ c: Int, _ scratch: ConvolutionScratch, _ gemmTeam: WorkerTeam) {
                let weights = partials + c * stride
                let bias = biasGradient == nil ? nil : (c == 0 ? biasGradient : weights + weightCount)
                let start = c * shape.batch / chunks, end = (c + 1) * shape.batch / chunks
                for n in start..<end { body(n, n == start, weights, bias, scratch, gemmTeam) }
            }
            if team.size > 1 && chunks >= team.size {
                team.parallelFor(chunks) { c, threadWorkspace in
                    runChunk(c, scratch(threadWorkspace, parallel: true), WorkerTeam(serialWith: threadWorkspace))
                }
            } else {
                let provider = scratch(team.leadWorkspace, parallel: false)
                for c in 0..<chunks { runChunk(c, provider, team) }
            }
            addTransposedPartials(partials, chunks: chunks, stride: stride, into: weightGradient, team)
            if let biasGradient, chunks > 1 {
                addPartials(partials + stride + weightCount, chunks: chunks, stride: stride,
                            count: shape.outputChannels, into: biasGradient, team)
            }
        }
    }

    /// `target[co, j] = partial_0[j, co] + partial_1[j, co] + …`, added in chunk order, where each
    /// partial is a `columnRows × outputChannels` matrix `stride` floats after the previous one.
    private func addTransposedPartials(_ partials: UnsafeMutablePointer<Float>, chunks: Int, stride: Int,
                                       into target: UnsafeMutablePointer<Float>, _ team: WorkerTeam) {
        let rows = shape.columnRows, cout = shape.outputChannels
        // 64 rows of every partial per block: with 64 output channels, 16 KiB per partial.
        let block = 64
        team.parallelFor((rows + block - 1) / block) { b, _ in
            for j in (b * block)..<min(rows, (b + 1) * block) {
                for co in 0..<cout {
                    var sum = partials[j * cout + co]
                    for c in 1..<max(chunks, 1) { sum += partials[c * stride + j * cout + co] }
                    target[co * rows + j] = sum
                }
            }
        }
    }

    /// `target[i] += Σ_{c = 1 ..< chunks} partials[(c - 1)·stride + i]`, in chunk order, over
    /// element blocks spread across the team.
    private func addPartials(_ partials: UnsafeMutablePointer<Float>, chunks: Int, stride: Int, count: Int,
                             into target: UnsafeMutablePointer<Float>, _ team: WorkerTeam) {
        // 4096 floats (16 KiB) per block: enough work to amortise a hand-off, small enough to share.
        let block = 4096
        team.parallelFor((count + block - 1) / block) { b, _ in
            let start = b * block, end = min(count, start + block)
            for c in 1..<chunks {
                let partial = partials + (c - 1) * stride
                for i in start..<end { target[i] += partial[i] }
            }
        }
    }
}

/// Where one thread unfolds an image: a caller-supplied buffer, or a slot of its workspace
/// (fetched on first use, so pointwise convolutions never allocate one).
struct ConvolutionScratch {
    let fixed: UnsafeMutablePointer<Float>?
    let workspace: Workspace
    let count: Int

    func callAsFunction() -> UnsafeMutablePointer<Float> {
        fixed ?? workspace.floats(ConvolutionScheduler.columnsSlot, count: count)
    }
}
