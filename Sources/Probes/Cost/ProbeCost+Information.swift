import Foundation

extension ProbeCost {
    /// P4: the PAC-Bayes bound with `E_Q L_D` from `draws` passes over the data, each block of up to
    /// `GibbsErrorEstimate.maximumBlockRows` rows a forward pass (no graph) at its own weights drawn from Q; the bound
    /// itself is closed form.
    public static func pacBayes(_ w: ProbeWorkload, draws: Int) -> CostEstimate {
        let n = Double(w.samples), rows = min(w.samples, GibbsErrorEstimate.maximumBlockRows)
        let blocks = Double(draws) * (n / Double(max(rows, 1))).rounded(.up)
        let forward = Double(rows) * Double(w.activationsPerSample) * Double(w.scalarBytes)
        return CostEstimate(probe: "pac_bayes", method: "\(draws) passes over \(w.samples) inputs, fresh weights per block",
                            tensorFlops: Double(draws) * n * w.forwardFlopsPerSample + blocks * Double(w.parameterCount) * normalDrawFlops,
                            operations: layerOperations(w, passes: blocks),
                            peakBytes: forward + 2 * Double(w.parameterCount * w.scalarBytes), largestAllocationBytes: forward)
    }

    /// Arithmetic of one standard normal draw and the weight it moves, counted as flops.
    static let normalDrawFlops = 20.0

    /// P5: Shannon information from `datasets × seeds` training runs, each summarised by a
    /// Gaussian of `dimension` values (KL by Cholesky, O(d³) per pair); `run` is one training run.
    public static func shannon(datasets: Int, seeds: Int, dimension: Int, run: CostEstimate) -> CostEstimate {
        let runs = Double(datasets * seeds), d = Double(dimension)
        // One factorisation per run and per averaged posterior, and one for the mixture.
        let linalg = (runs + Double(datasets) + 1) * (pow(d, 3) / 3 + 2 * d * d)
        let matrix = d * d * 8
        // 64 values: the size of a penultimate layer or a projection that keeps the KLs cheap.
        let peak = max(run.peakBytes, (runs + 3) * d * 8 + 3 * matrix)
        return CostEstimate(probe: "shannon_information",
                            method: "\(datasets) datasets × \(seeds) seeds, summaries of \(dimension) values",
                            tensorFlops: runs * run.tensorFlops, linearAlgebraFlops: runs * run.linearAlgebraFlops + linalg,
                            operations: runs * run.operations, peakBytes: peak, largestAllocationBytes: matrix,
                            alternative: dimension > 64 ? .init("a low-dimensional summary (64 values)", peakBytes: max(run.peakBytes, (runs + 3) * 64 * 8 + 3 * 64 * 64 * 8)) : nil)
    }

    /// P7 at `inputs` inputs: J (m×k) and G (m×d) by m backward passes of the layer's prefix
    /// (`prefixFlops` per sample), again at 2d shifted inputs for the covariance term; Σ_z by
    /// a Cholesky solve with the k×k weight Fisher (`diagonalFisher`: F = c·I or a posterior's
    /// diag(1/σ²), which needs no k×k matrix).
    public static func activationInformation(weights k: Int, outputs m: Int, inputSize d: Int, prefixFlops: Double,
                                             inputs: Int = 1, form: ActivationFisherForm = .corrected,
                                             diagonalFisher: Bool = false) -> CostEstimate {
        let kk = Double(k), mm = Double(m), dd = Double(d)
        let jacobians = form == .corrected ? 1 + 2 * dd : 1
        let flops = Double(inputs) * jacobians * mm * (1 + CostModel.backwardFactor) * prefixFlops
        // Cholesky of F once; per Jacobian F⁻¹Jᵀ (2mk², or mk for a diagonal F) and J·(F⁻¹Jᵀ) (2m²k);
        // per input pair the derivative solves (d·2m³) and the trace products (d²·m²).
        let solve = diagonalFisher ? mm * kk : 2 * mm * kk * kk
        let linalg = (diagonalFisher ? 0 : pow(kk, 3) / 3) + Double(inputs) * (jacobians * (solve + 2 * mm * mm * kk)
                                                        + (form == .corrected ? dd * 2 * pow(mm, 3) + dd * dd * mm * mm : 0))
        // The given F, its damped copy, the Cholesky factor; none for a diagonal F.
        let fisherCopies = diagonalFisher ? 0 : 3 * kk * kk * 8
        let jacobianBytes = 2 * mm * kk * 8 + mm * dd * 8
        let peak = fisherCopies + jacobianBytes + (form == .corrected ? dd * mm * mm * 8 + dd * dd * 8 : 0) + 2 * mm * mm * 8
        let sampled = fisherCopies + 2 * kk * 8
        return CostEstimate(probe: ActivationInformation.name, method: "linearised, \(m) outputs × \(k) weights, input of \(d)",
                            tensorFlops: flops, linearAlgebraFlops: linalg, operations: Double(inputs) * jacobians * mm * 6,
                            peakBytes: peak, largestAllocationBytes: max(diagonalFisher ? 0 : kk * kk * 8, mm * kk * 8),
                            alternative: .init("the Monte Carlo form (sampleActivations, then I(z_n; c))", peakBytes: sampled))
    }

    /// P8: `I(z; c)` with the Gaussian class-conditional estimator on `rows` activations of
    /// `dimension` values and `classes` classes (one covariance per class and one pooled).
    public static func invariance(rows: Int, dimension: Int, classes: Int) -> CostEstimate {
        let n = Double(rows), m = Double(dimension), c = Double(classes)
        let matrices = (c + 1) * m * m * 8
        // 32 values: a pooled or projected z keeps the per-class covariances small.
        return CostEstimate(probe: MutualInformationEstimator.name, method: "Gaussian class-conditional, \(rows) rows × \(dimension) values, \(classes) classes",
                            tensorFlops: 0, linearAlgebraFlops: 2 * n * m * m + (c + 1) * pow(m, 3) / 3, operations: 0,
                            peakBytes: n * m * 8 + matrices, largestAllocationBytes: max(n * m * 8, m * m * 8),
                            alternative: dimension > 32 ? .init("a lower-dimensional z (pool or project to 32 values)", peakBytes: n * 32 * 8 + (c + 1) * 32 * 32 * 8) : nil)
    }
}
