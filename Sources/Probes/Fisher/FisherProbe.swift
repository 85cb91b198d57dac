import Learning
import TensorRuntime

/// Which Fisher information a probe estimates, and how.
public enum FisherEstimator: Equatable, Sendable {
    /// The true Fisher (labels drawn from the model), exactly: `Σ_y p_y ‖∇ log p_y‖²`, one batched
    /// backward pass per class.
    case exact
    /// The true Fisher by Monte Carlo: one label `y ~ p_w(·|x)` per input (unbiased), seeded.
    case monteCarlo(seed: UInt64)
    /// The EMPIRICAL Fisher: the data labels instead of the model's. A different quantity.
    case empirical

    /// How the estimator is named in output.
    public var label: String {
        switch self {
        case .exact: return "true Fisher (labels drawn from the model), exact over classes"
        case .monteCarlo: return "true Fisher (labels drawn from the model), Monte Carlo, one label per input"
        case .empirical: return "EMPIRICAL Fisher (data labels; not the true Fisher)"
        }
    }
}

/// P1: the trace and diagonal of the Fisher information, in total, per layer and per tensor.
///
/// `tr F = (1/n) Σ_i E_{y~p(·|x_i)} ‖∇_w log p(y|x_i)‖²` from per-sample gradients, never from the
/// square of a batch-mean gradient (that estimates `tr F / B`; see `squaredMeanGradient`).
public enum FisherProbe {
    static let name = "fisher_trace"
    /// Estimates tr F (and diag F when `diagonal`) of `model` on `data`.
    ///
    /// - Parameters:
    ///   - layers: report only these layers (their shares stay relative to the whole model's
    ///     trace); nil for all. Unknown names throw before any work, listing the existing ones.
    ///   - method: `.batched` uses the model's taps when they cover every tensor (else falls back
    ///     to the loop, and the result says so); `.sampleLoop` forces the reference loop.
    ///   - chunkSize: inputs per forward/backward chunk; nil: all of them when their graph fits
    ///     the memory share `ProbeCost.chunkRows` allows, else as many as fit. Chunking bounds
    ///     activation memory without changing the result.
    /// - Throws: `ProbeError` for data that does not fit the model or a chunk size below 1.
    ///
    /// With several processes (`processes`, docs/distributed.md) each takes a contiguous share of
    /// the chunks (chunks of at most ⌈n/N⌉ inputs, so every process has some); the per-sample
    /// values are gathered in input order and the diagonal's per-chunk sums added in chunk order,
    /// so the result is the one a single process gives with the same chunks.
    public static func estimate<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, estimator: FisherEstimator,
                                   diagonal: Bool = false, layers: [String]? = nil, method: PerSampleMethod = .batched,
                                   chunkSize: Int? = nil, processes: any ProcessGroup = Processes.world) throws -> FisherResult {
        let selected = try layers.map { try $0.map { try model.layer(named: $0, probe: name).name } }
        if let chunkSize, chunkSize < 1 {
            throw ProbeError.invalidArgument(probe: name, message: "chunk size \(chunkSize) must be at least 1")
        }
        let (classes, first) = try model.checkedForward(data, probe: name)
        let workload = try ProbeWorkload(model: model, data: data, firstForward: first)
        var chunkSize = chunkSize ?? ProbeCost.chunkRows(workload, secondOrder: false)
        try ProbeCost.fisher(workload, estimator: estimator, diagonal: diagonal, chunkSize: chunkSize, method: method).check()
        if processes.size > 1 { chunkSize = max(1, min(chunkSize, (data.count + processes.size - 1) / processes.size)) }
        let chunkStarts = Array(stride(from: 0, to: data.count, by: chunkSize))
        let myChunks = processes.share(of: chunkStarts.count)
        var random: RandomStream? = nil
        if case .monteCarlo(let seed) = estimator {
            random = RandomStream(seed: seed)
            // One draw per input before this process's first: the labels a single process draws.
            for _ in 0..<(myChunks.first.map { chunkStarts[$0] } ?? 0) { _ = random?.nextDouble() }
        }
        let tensorCount = model.parameters.count
        var perSample = [[Double]](repeating: [], count: tensorCount)
        // The diagonal of each chunk, added up in chunk order at the end.
        var chunkDiagonals = [[Double]]()
        var used = method
        for chunkIndex in myChunks {
            let start = chunkStarts[chunkIndex]
            let end = min(start + chunkSize, data.count)
            // A chunk of all the data is the data itself: no copy of the inputs.
            let chunk = start == 0 && end == data.count ? data : try data.rows(Array(start..<end))
            // One recorded forward pass serves the probabilities and every label pass (the exact
            // estimator back-propagates once per class), instead of one forward pass each.
            let recorded = method == .batched
                ? try model.recordedForward(chunk.inputs, diagonal: diagonal, probe: name) : nil
            let p = try recorded.map { try model.probabilities(fromLogits: $0.logits, probe: name) }
                ?? model.probabilities(chunk.inputs, probe: name)
            let passes = try labelPasses(estimator, chunk.labels, p, classes, &random)
            var chunkValues = [[Double]](repeating: [Double](repeating: 0, count: chunk.count), count: tensorCount)
            var diag: [[Double]]? = diagonal ? model.parameters.map { [Double](repeating: 0, count: $0.count) } : nil
            for pass in passes {
                let g: SampleGradients
                if let recorded {
                    g = try model.sampleGradients(recorded, labels: pass.labels, weights: pass.weights, diagonal: diagonal)
                    used = .batched
                } else {
                    (g, used) = try model.sampleGradients(chunk.inputs, labels: pass.labels, weights: pass.weights,
                                                          diagonal: diagonal, preferBatched: false, probe: name)
                }
                for t in 0..<tensorCount {
                    for i in 0..<chunk.count { chunkValues[t][i] += pass.weights[i] * g.norms[t][i] }
                    if let d = g.diagonal { for e in d[t].indices { diag?[t][e] += d[t][e] } }
                }
            }
            for t in 0..<tensorCount { perSample[t] += chunkValues[t] }
            if let diag { chunkDiagonals.append(diag.flatMap { $0 }) }
        }
        if processes.size > 1 {
            perSample = try gatherInInputOrder(perSample, processes)
            chunkDiagonals = try processes.gather(chunkDiagonals.flatMap { $0 }, what: "\(name)'s diagonal").flatMap { all in
                stride(from: 0, to: all.count, by: max(1, model.parameterCount)).map { Array(all[$0..<($0 + model.parameterCount)]) }
            }
        }
        let n = Double(data.count)
        let diag = diagonal ? unflatten(chunkDiagonals.isEmpty ? [Double](repeating: 0, count: model.parameterCount)
                                                               : SingleProcess.addInOrder(chunkDiagonals), model) : nil
        return FisherResult(model: model, estimator: estimator, method: used, perSample: perSample,
                            diagonal: diag.map { $0.map { $0.map { $0 / n } } }, selectedLayers: selected)
    }

    /// Every process's per-sample values (tensor by tensor, its inputs in order), joined in
    /// process order: the inputs in order.
    private static func gatherInInputOrder(_ perSample: [[Double]], _ processes: any ProcessGroup) throws -> [[Double]] {
        let all = try processes.gather(perSample.flatMap { $0 }, what: "\(name)'s per-sample values")
        return perSample.indices.map { t in
            all.flatMap { theirs -> ArraySlice<Double> in
                let rows = theirs.count / max(perSample.count, 1)
                return theirs[(t * rows)..<((t + 1) * rows)]
            }
        }
    }

    /// A flat vector back into one array per parameter tensor.
    private static func unflatten<S>(_ flat: [Double], _ model: ProbeModel<S>) -> [[Double]] {
        var offset = 0
        return model.parameters.map { tensor in
            defer { offset += tensor.count }
            return Array(flat[offset..<(offset + tensor.count)])
        }
    }

    /// The label assignments to back-propagate, with per-sample weights: every class weighted by
    /// its probability (exact), one sampled label (Monte Carlo), or the data labels (empirical).
    private static func labelPasses(_ estimator: FisherEstimator, _ labels: [Int], _ p: [[Double]], _ classes: Int,
                                    _ random: inout RandomStream?) throws -> [(labels: [Int], weights: [Double])] {
        let ones = [Double](repeating: 1, count: labels.count)
        switch estimator {
        case .exact:
            return (0..<classes).map { c in ([Int](repeating: c, count: labels.count), p.map { $0[c] }) }
        case .empirical:
            return [(labels, ones)]
        case .monteCarlo:
            var sampled: [Int] = []
            for row in p {
                let u = random?.nextDouble() ?? 0
                var acc = 0.0, pick = row.count - 1
                for (c, pc) in row.enumerated() {
                    acc += pc
                    if u < acc { pick = c; break }
                }
                sampled.append(pick)
            }
            return [(sampled, ones)]
        }
    }

    /// The squared norm of the gradient of a batch-MEAN loss, labels drawn from the model, averaged
    /// over `draws` label draws and all consecutive batches of `batchSize`: the pitfall of
    /// docs/probe-formulas.md, T9. Per-sample gradients have mean zero under the model's labels,
    /// so this estimates `tr F / B`, not tr F; it is offered only to show the difference. Returns
    /// the mean and its standard error over draws.
    public static func squaredMeanGradient<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, batchSize: Int,
                                              draws: Int, seed: UInt64) throws -> (value: Double, standardError: Double) {
        guard batchSize >= 1, batchSize <= data.count, draws >= 2 else {
            throw ProbeError.invalidArgument(probe: name, message: "batch size \(batchSize) must be in 1...\(data.count) and draws \(draws) at least 2")
        }
        let classes = try model.check(data, probe: name)
        var random: RandomStream? = RandomStream(seed: seed)
        var values: [Double] = []
        for _ in 0..<draws {
            var total = 0.0, batches = 0
            for start in stride(from: 0, to: data.count - batchSize + 1, by: batchSize) {
                let rows = try data.rows(Array(start..<(start + batchSize)))
                let p = try model.probabilities(rows.inputs, probe: name)
                let labels = try labelPasses(.monteCarlo(seed: seed), rows.labels, p, classes, &random)[0].labels
                let variables = model.parameters.map { $0.detached().variable() }
                let loss = try model.meanLoss(ProbeData(inputs: rows.inputs, labels: labels), values: variables, probe: name)
                total += try loss.gradients(withRespectTo: variables).reduce(0) { $0 + Double(try ($1 * $1).sum().scalar()) }
                batches += 1
            }
            values.append(total / Double(batches))
        }
        let mean = values.reduce(0, +) / Double(draws)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
        return (mean, (variance / Double(draws)).squareRoot())
    }
}
