import Foundation

extension ProbeCost {
    /// P2: information in the weights with the given estimator.
    public static func weightInformation(_ w: ProbeWorkload, estimator: WeightInformationEstimator) -> CostEstimate {
        let k = w.parameterCount, loss = Double(w.samples) * w.forwardFlopsPerSample
        let name = WeightInformation.name
        let diagonal = weightInformationDiagonal(w)
        // The quadratic check: 2·pairs forward passes, and per draw a triangular solve per block.
        let checkFlops = Double(2 * QuadraticCheck.pairs) * loss
        let solves = Double(QuadraticCheck.pairs) * w.layers.reduce(0.0) { $0 + pow(Double($1.parameters), 2) }
        switch estimator {
        case .exact(let maxParameters):
            let products = curvatureProducts(w, count: Double(k))
            // The k×k Fisher, then beside it the working copy the tridiagonal reduction makes, or
            // the quadratic check's sampler: the shifted matrix, a trial copy and its factor.
            let peak = 4 * squareBytes(k) + productBytes(w)
            // Eigenvalues (4/3 k³), then the Cholesky factor Σ* is drawn from (k³/3) and a solve per draw.
            return CostEstimate(probe: name, method: "exact eigen-decomposition of the \(k)×\(k) Fisher",
                                tensorFlops: products.flops + loss + checkFlops,
                                linearAlgebraFlops: 5.0 / 3 * pow(Double(k), 3) + Double(QuadraticCheck.pairs) * pow(Double(k), 2),
                                operations: products.operations, peakBytes: peak, largestAllocationBytes: squareBytes(k),
                                alternative: .init(instead: [.diagonal, .lanczos], peakBytes: diagonal.peakBytes),
                                refusal: k > maxParameters ? .init("the exact eigen-decomposition takes at most \(maxParameters) weights; "
                                                                       + "the model has \(k)", instead: [.layerBlocks, .diagonal, .lanczos]) : nil)
        case .layerBlocks(let maxBlock):
            let largest = w.layers.map(\.parameters).max() ?? 0
            let products = curvatureProducts(w, count: Double(k))
            // Each block's eigenvalues (4/3 n³) and Cholesky factor (n³/3).
            let eigen = w.layers.reduce(0.0) { $0 + 5.0 / 3 * pow(Double($1.parameters), 3) }
            return CostEstimate(probe: name, method: "per-layer Fisher blocks (largest \(largest)×\(largest))",
                                tensorFlops: products.flops + loss + checkFlops, linearAlgebraFlops: eigen + solves,
                                operations: products.operations,
                                // Every block and every block's sampler factor stay alive together (the
                                // check draws from all of them), beside the working copies of one.
                                peakBytes: 2 * w.layers.reduce(0.0) { $0 + squareBytes($1.parameters) } + 2 * squareBytes(largest)
                                    + productBytes(w),
                                largestAllocationBytes: squareBytes(largest),
                                alternative: .init(instead: [.diagonal, .lanczos], peakBytes: diagonal.peakBytes),
                                refusal: w.layers.first { $0.parameters > maxBlock }.map {
                                    .init("layer '\($0.name)' has \($0.parameters) weights; its exact block is over the limit of \(maxBlock) weights",
                                          instead: [.diagonal, .lanczos])
                                })
        case .diagonal:
            return CostEstimate(probe: name, method: diagonal.method, tensorFlops: diagonal.tensorFlops + checkFlops,
                                operations: diagonal.operations, peakBytes: diagonal.peakBytes,
                                largestAllocationBytes: diagonal.largestAllocationBytes, alternative: diagonal.alternative)
        case .lanczos(let steps, let probes, _):
            let products = curvatureProducts(w, count: 2 * Double(steps * probes))
            let basis = Double(steps) * Double(k) * 8
            let fewer = max(1, steps / 4) // the Krylov basis shrinks with the steps
            return CostEstimate(probe: name, method: "stochastic Lanczos quadrature, \(steps) steps × \(probes) probes",
                                tensorFlops: products.flops + loss, operations: products.operations,
                                peakBytes: basis + productBytes(w), largestAllocationBytes: basis,
                                alternative: steps > fewer ? .init("\(fewer) Lanczos steps", peakBytes: Double(fewer * k) * 8 + productBytes(w)) : nil)
        }
    }

    /// P2 from the Fisher diagonal: one exact Fisher pass with the diagonal.
    static func weightInformationDiagonal(_ w: ProbeWorkload) -> CostEstimate {
        let pass = fisher(w, estimator: .exact, diagonal: true)
        return CostEstimate(probe: WeightInformation.name, method: "Fisher diagonal (upper bound)",
                            tensorFlops: pass.tensorFlops + Double(w.samples) * w.forwardFlopsPerSample,
                            operations: pass.operations, peakBytes: pass.peakBytes,
                            largestAllocationBytes: pass.largestAllocationBytes, alternative: pass.alternative)
    }

    /// P6: Hutchinson trace, top eigenvalues by Lanczos and the gap to the Fisher, as
    /// `HessianProbe.summarize` runs them.
    public static func hessian(_ w: ProbeWorkload, options: HessianOptions = HessianOptions()) -> CostEstimate {
        let k = w.parameterCount
        let exactGap = k <= options.exactGapMaxParameters
        let gapProducts = exactGap ? 2 * Double(k) : 2 * Double(max(options.probes, 1))
        let count = Double(options.probes) + Double(min(options.lanczosSteps, k)) + gapProducts
        let products = curvatureProducts(w, count: count)
        let basis = Double(min(options.lanczosSteps, k) * k) * 8
        let stochasticPeak = basis + productBytes(w)
        let peak = exactGap ? 2 * squareBytes(k) + productBytes(w) : stochasticPeak
        return CostEstimate(probe: HessianProbe.name,
                            method: "Hutchinson (\(options.probes) probes), Lanczos (\(options.lanczosSteps) steps), \(exactGap ? "exact" : "stochastic") gap",
                            tensorFlops: products.flops, operations: products.operations, peakBytes: peak,
                            largestAllocationBytes: exactGap ? squareBytes(k) : basis,
                            alternative: exactGap ? .init("a stochastic gap (exactGapMaxParameters below \(k))", peakBytes: stochasticPeak) : nil)
    }

    /// P3: the variational Lagrangian. Every step takes `2·pairs` gradients over all samples (or a
    /// batch of them) in one graph, and the final expected loss 400 forward passes over all. The
    /// convergence trace adds nothing counted here: each step's objective reuses the losses of its
    /// gradients plus O(k) for the KL.
    public static func variational(_ w: ProbeWorkload, options: VariationalOptions) -> CostEstimate {
        let n = Double(w.samples), f = w.forwardFlopsPerSample, k = Double(w.parameterCount)
        let rows = min(w.samples, options.batchSize ?? w.samples)
        let gradients = Double(options.steps * options.pairs * 2)
        let evaluations = options.estimatesExpectedLoss ? Double(2 * VariationalLagrangian.evaluationPairs) : 0
        // Per step and weight, the noise draws, the Adam update and the averaging: about 20 flops
        // (twice that when the mean moves too).
        let perWeight = options.optimisesMean ? 40.0 : 20.0
        let flops = gradients * Double(rows) * (1 + CostModel.backwardFactor) * f + evaluations * n * f + Double(options.steps) * perWeight * k
        let ops = layerOperations(w, passes: gradients * (1 + CostModel.backwardFactor) + evaluations)
        // Centre, log-variances, two Adam moments, the average, σ, noise and gradient: 8 vectors
        // (and the mean's four more).
        let vectors = (options.optimisesMean ? 12 : 8) * k * 8
        // The final estimate runs over every sample in one (forward) graph: counted as a full one.
        let graph = graphBytes(w, rows: options.estimatesExpectedLoss ? w.samples : rows)
        let data = rows < w.samples ? "batches of \(rows) of \(w.samples) inputs" : "\(w.samples) inputs"
        // A quarter of the data (at most 1000 samples) cuts the one-batch graph fourfold.
        let subset = max(1, min(rows / 4, 1000))
        return CostEstimate(probe: VariationalLagrangian.name,
                            method: "variational, \(options.steps) steps × \(options.pairs) pairs on \(data)",
                            tensorFlops: flops, operations: ops, peakBytes: graph + vectors, largestAllocationBytes: graph,
                            alternative: subset < rows ? .init("batch: \(subset) (each step's gradients from \(subset) samples)",
                                                               peakBytes: graphBytes(w, rows: subset) + vectors) : nil)
    }
}

extension ProbeCost {
    /// P6, the Hutchinson trace alone: `probes` Hessian-vector products over all samples.
    public static func hessianTrace(_ w: ProbeWorkload, probes: Int) -> CostEstimate {
        let products = curvatureProducts(w, count: Double(probes))
        return CostEstimate(probe: HessianProbe.name, method: "Hutchinson trace, \(probes) probes on \(w.samples) inputs",
                            tensorFlops: products.flops, operations: products.operations, peakBytes: productBytes(w),
                            largestAllocationBytes: graphBytes(w, rows: productChunk(w), secondOrder: true))
    }

    /// P6, the top eigenvalues alone: `steps` Lanczos steps, each a Hessian-vector product.
    public static func hessianEigenvalues(_ w: ProbeWorkload, steps: Int) -> CostEstimate {
        let used = min(steps, w.parameterCount)
        let products = curvatureProducts(w, count: Double(used))
        let basis = Double(used * w.parameterCount) * 8
        return CostEstimate(probe: HessianProbe.name, method: "Lanczos, \(steps) steps on \(w.samples) inputs",
                            tensorFlops: products.flops, operations: products.operations, peakBytes: basis + productBytes(w),
                            largestAllocationBytes: basis)
    }

    /// P6, the gap ‖H − F‖/‖F‖ alone: exact matrices up to `exactMaxParameters`, else `probes`
    /// pairs of products.
    public static func hessianFisherGap(_ w: ProbeWorkload, probes: Int, exactMaxParameters: Int) -> CostEstimate {
        var options = HessianOptions()
        options.probes = probes
        options.exactGapMaxParameters = exactMaxParameters
        let k = w.parameterCount, exact = k <= exactMaxParameters
        let products = curvatureProducts(w, count: exact ? 2 * Double(k) : 2 * Double(probes))
        let stochastic = productBytes(w)
        return CostEstimate(probe: HessianProbe.name, method: "\(exact ? "exact" : "stochastic") ‖H − F‖/‖F‖ on \(w.samples) inputs",
                            tensorFlops: products.flops, operations: products.operations,
                            peakBytes: exact ? 2 * squareBytes(k) + stochastic : stochastic,
                            largestAllocationBytes: exact ? squareBytes(k) : stochastic,
                            alternative: exact ? .init("a stochastic gap", peakBytes: stochastic) : nil)
    }
}
