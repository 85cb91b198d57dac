import Foundation
import Learning
import TensorRuntime

/// Cost estimates of the probes P1–P8 and of training, from a `ProbeWorkload` and the
/// estimator's settings, before anything runs. Each returns a `CostEstimate`; `check(limit:)` on
/// it refuses what would not fit in memory, naming a cheaper alternative.
///
/// The counts follow the code paths of the probes: a Fisher pass is a forward pass for the
/// probabilities plus one batched backward pass per label assignment; curvature products (Fisher-
/// or Hessian-vector) cost `CostModel.curvatureProductFactor` forwards per sample; exact forms
/// build a k×k matrix of Doubles from k products and decompose it.
public enum ProbeCost {
    /// Rows of a forward pass without a graph (the PAC-Bayes draws' estimate).
    static var forwardChunk: Int { 256 }

    /// The share of the memory limit one chunk's recorded graph may take. The graph is the
    /// largest of several live blocks (the data, per-sample results, weights and their
    /// gradients, the caller's own tensors), so an eighth keeps the chunk well inside the limit
    /// while a probe's cost check still refuses what does not fit at all.
    static let chunkShareOfLimit = 8.0

    /// Rows per chunk of a Fisher pass (`secondOrder` false) or of a curvature product (true):
    /// all samples in one pass when their graph fits an eighth of the memory limit, else as
    /// many as fit, at least one. One pass runs the products at full width and records each
    /// operation once instead of once per chunk.
    public static func chunkRows(_ w: ProbeWorkload, secondOrder: Bool, limit: Int = TensorLimits.maxBytes) -> Int {
        let perRow = graphBytes(w, rows: 1, secondOrder: secondOrder)
        guard perRow > 0 else { return max(1, w.samples) }
        let fitting = (Double(limit) / chunkShareOfLimit / perRow).rounded(.down)
        return max(1, min(w.samples, Int(min(fitting, Double(Int.max / 2)))))
    }

    /// Rows per chunk of the curvature products (`CurvatureOperator.chunkSize`).
    static func productChunk(_ w: ProbeWorkload) -> Int { chunkRows(w, secondOrder: true) }

    /// P1: tr F (and diag F when `diagonal`), chunked like `FisherProbe.estimate` (nil: the
    /// chunk `chunkRows` chooses).
    public static func fisher(_ w: ProbeWorkload, estimator: FisherEstimator, diagonal: Bool = false,
                              chunkSize: Int? = nil, method: PerSampleMethod = .batched) -> CostEstimate {
        let n = Double(w.samples), f = w.forwardFlopsPerSample
        let chunk = max(1, min(chunkSize ?? chunkRows(w, secondOrder: false), w.samples))
        let passes: Double
        switch estimator {
        case .exact: passes = Double(w.classes)
        case .monteCarlo, .empirical: passes = 1
        }
        // The diagonal adds one (a²)ᵀ(δ²) product per dense layer and pass: about one forward.
        let convolutions = w.convolutionFlopsPerSample
        let backward = method == .batched
            ? CostModel.perSampleNormFactor * (f - convolutions) + CostModel.convolutionNormFactor * convolutions
            : CostModel.backwardFactor * f
        let flops = n * f + passes * n * ((1 + (diagonal ? 1 : 0)) * f + backward)
        let chunks = (n / Double(chunk)).rounded(.up)
        let backwards = method == .batched ? chunks * passes : n * passes
        let ops = layerOperations(w, passes: chunks + backwards * (1 + CostModel.backwardFactor))
        let peak = fisherBytes(w, chunk: chunk, diagonal: diagonal)
        let name: String
        switch estimator {
        case .exact: name = "exact over \(w.classes) classes"
        case .monteCarlo: name = "Monte Carlo"
        case .empirical: name = "empirical"
        }
        // A quarter of the chunk, at most 32 rows: the graph shrinks in proportion, the work does not.
        let smaller = max(1, min(32, chunk / 4))
        let alternative = chunk > smaller
            ? CostEstimate.Alternative("chunkSize: \(smaller)", peakBytes: fisherBytes(w, chunk: smaller, diagonal: diagonal))
            : nil
        return CostEstimate(probe: FisherProbe.name, method: "Fisher trace\(diagonal ? " and diagonal" : ""), \(name), \(w.samples) inputs",
                            tensorFlops: flops, operations: ops, peakBytes: peak,
                            largestAllocationBytes: graphBytes(w, rows: chunk), alternative: alternative)
    }

    /// Bytes of a Fisher pass: the chunk's graph, per-sample norms per tensor (two copies),
    /// the diagonal accumulators, variables and gradients.
    static func fisherBytes(_ w: ProbeWorkload, chunk: Int, diagonal: Bool) -> Double {
        let k = Double(w.parameterCount), tensors = Double(2 * w.layers.count)
        return graphBytes(w, rows: chunk) + 2 * tensors * Double(w.samples) * 8 + (diagonal ? 2 * k * 8 : 0)
            + 2 * k * Double(w.scalarBytes) + Double(chunk * w.classes) * 8
    }

    /// The recorded graph of a forward and backward pass over `rows` samples.
    static func graphBytes(_ w: ProbeWorkload, rows: Int, secondOrder: Bool = false) -> Double {
        Double(rows) * Double(w.activationsPerSample) * Double(w.scalarBytes) * CostModel.graphValuesPerActivation * (secondOrder ? 2 : 1)
    }

    /// The fixed per-operation work of `passes` passes through every layer.
    static func layerOperations(_ w: ProbeWorkload, passes: Double) -> Double {
        passes * Double(max(w.layers.count, 1)) * CostModel.operationsPerLayerPass
    }

    /// Flops and operations of `count` curvature products over all samples (chunked).
    static func curvatureProducts(_ w: ProbeWorkload, count: Double) -> (flops: Double, operations: Double) {
        let chunks = (Double(w.samples) / Double(productChunk(w))).rounded(.up)
        return (count * Double(w.samples) * CostModel.curvatureProductFactor * w.forwardFlopsPerSample,
                layerOperations(w, passes: count * chunks * CostModel.curvatureProductFactor))
    }

    /// Bytes that every curvature product needs besides its result: a chunk's second-order graph
    /// and a few flat Double vectors of length k.
    static func productBytes(_ w: ProbeWorkload) -> Double {
        graphBytes(w, rows: productChunk(w), secondOrder: true) + 4 * Double(w.parameterCount) * 8
    }

    /// A k×k matrix of Doubles.
    static func squareBytes(_ k: Int) -> Double { Double(k) * Double(k) * 8 }

    /// Training: `epochs` passes over the data in batches, plus evaluations on `evaluationSamples`.
    /// Memory: a batch's graph and, per weight, the value, its gradient and two optimizer moments.
    ///
    /// On `ranks` processes with `replicas` parts per batch (docs/distributed.md) the figures are
    /// one rank's: its rows of every batch and of the evaluation, each replica's graph in turn,
    /// the whole optimizer step, and per replica a flat gradient buffer plus the sum's buffers;
    /// the method says how many bytes each rank sends and receives to sum the gradients.
    public static func training(_ w: ProbeWorkload, epochs: Int, batchSize: Int, evaluationSamples: Int = 0,
                                evaluations: Int = 0, ranks: Int = 1, replicas: Int? = nil) -> CostEstimate {
        let n = Double(w.samples), f = w.forwardFlopsPerSample, k = Double(w.parameterCount)
        let ranks = max(ranks, 1), replicas = max(replicas ?? ranks, 1)
        let steps = Double(epochs) * (n / Double(max(batchSize, 1))).rounded(.up)
        let share = 1 / Double(ranks)
        // The optimizer's update reads and writes about four values per weight per step.
        let flops = share * Double(epochs) * n * (1 + CostModel.backwardFactor) * f + steps * 4 * k
            + share * Double(evaluations * evaluationSamples) * f
        let passesPerStep = Double(replicas) * share
        let ops = layerOperations(w, passes: steps * passesPerStep * (1 + CostModel.backwardFactor))
        let rows = min((batchSize + replicas - 1) / replicas, max(w.samples, 1))
        let sumBytes = replicas > 1 ? (passesPerStep + 3) * k * 4 : 0
        let peak = graphBytes(w, rows: rows) + 4 * k * Double(w.scalarBytes) + sumBytes
        var method = "\(epochs) epoch\(epochs == 1 ? "" : "s") of \(TextFormat.groupedThousands(w.samples)) samples, batch \(batchSize)"
        if ranks > 1 || replicas > 1 {
            method += ranks > 1 ? "; one rank of \(ranks):" : ";"
            method += " \(replicas) replicas of about \(rows) rows"
            if ranks > 1 {
                let perStep = 2 * Double(ranks - 1) / Double(ranks) * k * 4 * passesPerStep
                method += ", \(CostEstimate.formatBytes(perStep)) sent and as much received per step to sum the gradients "
                    + "(\(CostEstimate.formatBytes(perStep * steps)) in all)"
            }
        }
        return CostEstimate(probe: "train", method: method,
                            tensorFlops: flops, operations: ops, peakBytes: peak,
                            largestAllocationBytes: graphBytes(w, rows: rows),
                            // 32 rows: a common small batch that still keeps the GEMMs efficient.
                            alternative: rows > 32 ? .init("a smaller batch size (32)", peakBytes: graphBytes(w, rows: 32) + 4 * k * Double(w.scalarBytes)) : nil)
    }
}
