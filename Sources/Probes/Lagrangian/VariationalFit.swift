import Foundation
import KernelTiles
import TensorKernels
import TensorRuntime

/// One Double per weight (or per variance group), allocated once for a whole fit and reused by
/// every step: a fresh 3.8 MB array per vector per step cost 6% of a step in page faults alone.
/// `VariationalFit` owns its vectors and frees them.
struct FlatVector {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    static func allocate(_ count: Int, value: Double = 0) -> FlatVector {
        let base = UnsafeMutablePointer<Double>.allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
        return FlatVector(base: base, count: count)
    }

    subscript(i: Int) -> Double {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func fill(_ value: Double) { base.update(repeating: value, count: count) }
}

/// Adam's moments for a `FlatVector`, its step the kernel variant's loop over chunks.
struct FlatAdam {
    let m: FlatVector, v: FlatVector
    var t = 0

    /// Counts a step and returns its bias corrections `1 − β₁ᵗ` and `1 − β₂ᵗ`.
    mutating func advance() -> (c1: Double, c2: Double) {
        t += 1
        return (1 - Foundation.pow(0.9, Double(t)), 1 - Foundation.pow(0.999, Double(t)))
    }

    mutating func step(_ x: FlatVector, gradient g: FlatVector, learningRate: Double) {
        let (c1, c2) = advance()
        let (m, v, adam) = (m, v, KernelPath.active.optimizerKernels.adamStep)
        TensorThreading.inChunks(x.count) { r in
            let i = r.lowerBound
            adam(x.base + i, m.base + i, v.base + i, g.base + i, r.count, learningRate, c1, c2)
        }
    }
}

/// The state of one variational fit between steps (Q's log-variances and mean, their Adam moments
/// and running sums for the Polyak averages) and the per-weight passes of a step. Every pass runs
/// over chunks of the weights on the tensor pool, elementwise or summed chunk by chunk in a fixed
/// order, so a fit gives the same bits on any number of threads. With one variance per filter,
/// the passes that add into a group's gradient run in order instead.
final class VariationalFit {
    let weights: Int
    /// The variance group of each weight, and whether each weight is its own group.
    let group: [Int], perWeight: Bool
    /// The layer of each weight; the prior's variance is one per layer.
    let layerOf: [Int]
    /// The prior's mean.
    let mu: FlatVector
    /// Q: `log σ²` per group and the mean per weight, and their optimisers (none for a fixed mean).
    let rho: FlatVector, mean: FlatVector
    var rhoAdam: FlatAdam, meanAdam: FlatAdam?
    /// This step's standard deviation and noise per weight, the point being evaluated and the
    /// loss's gradient there.
    let sigma: FlatVector, noise: FlatVector, point: FlatVector, lossGradient: FlatVector
    /// This step's gradients with respect to `rho` and the mean.
    let rhoGradient: FlatVector, meanGradient: FlatVector
    /// The prior's variance per layer this step, and the sums for the averages.
    var priorOfLayer: [Double], priorSums: [Double]
    let rhoSums: FlatVector, meanSums: FlatVector
    /// KL(Q‖P) at this step's Q (which the step's gradients do not change).
    private(set) var stepKL = 0.0
    /// With one variance per weight: the weights cut into pieces within one layer each (so one
    /// prior variance per piece) of at most a chunk, the same cut for every thread count.
    let pieces: [(range: Range<Int>, layer: Int)]
    private var owned: [FlatVector] = []

    init(center: [Double], priorMean: [Double]?, group: [Int], layerOf: [Int], lambda: Double, initialRelativeVariance: Double,
         optimisesMean: Bool) {
        weights = center.count
        self.group = group
        self.layerOf = layerOf
        let groups = (group.last ?? -1) + 1
        perWeight = groups == weights
        var owned: [FlatVector] = []
        func make(_ count: Int, _ value: Double = 0) -> FlatVector {
            let v = FlatVector.allocate(count, value: value)
            owned.append(v)
            return v
        }
        mu = make(weights)
        mean = make(weights)
        for i in 0..<weights {
            mu[i] = priorMean?[i] ?? 0
            mean[i] = center[i]
        }
        rho = make(groups, Foundation.log(initialRelativeVariance * lambda * lambda))
        rhoAdam = FlatAdam(m: make(groups), v: make(groups))
        meanAdam = optimisesMean ? FlatAdam(m: make(weights), v: make(weights)) : nil
        sigma = make(weights)
        noise = make(weights)
        point = make(weights)
        lossGradient = make(weights)
        rhoGradient = make(groups)
        meanGradient = make(optimisesMean ? weights : 0)
        rhoSums = make(groups)
        meanSums = make(optimisesMean ? weights : 0)
        let layers = (layerOf.max() ?? 0) + 1
        priorOfLayer = [Double](repeating: lambda * lambda, count: layers)
        priorSums = [Double](repeating: 0, count: layers)
        var pieces: [(range: Range<Int>, layer: Int)] = [], start = 0
        while start < layerOf.count {
            var end = start
            while end < layerOf.count, layerOf[end] == layerOf[start], end - start < TensorThreading.chunkSize { end += 1 }
            pieces.append((start..<end, layerOf[start]))
            start = end
        }
        self.pieces = pieces
        self.owned = owned
    }

    /// Runs `body` on every piece (its index, weights and layer), spread over the tensor pool.
    private func forEachPiece(_ body: (Int, Range<Int>, Int) -> Void) {
        let pieces = pieces
        if let pool = TensorThreading.pool, pieces.count > 1 {
            pool.parallelFor(pieces.count) { p, _ in body(p, pieces[p].range, pieces[p].layer) }
        } else {
            for (p, piece) in pieces.enumerated() { body(p, piece.range, piece.layer) }
        }
    }

    deinit { owned.forEach { $0.base.deallocate() } }

    /// Starts a step: σ from `rho`, the prior's scale when it is learned, the step's KL, gradients
    /// zeroed. With one variance per weight and a fixed prior, σ and the KL come from one pass
    /// of the kernel variant (its own `exp`, within a few units in the last place of libm's).
    func beginStep(learnsPriorScale: Bool) {
        let (sigma, rho, group, mean, mu) = (sigma, rho, group, mean, mu)
        if perWeight {
            let kernel = KernelPath.active.variationalKernels.sigmaAndKL
            let prior = priorOfLayer, logPrior = priorOfLayer.map { Foundation.log($0) }
            // The pieces' shares, added in piece order: the same sum for every thread count.
            var sums = [Double](repeating: 0, count: pieces.count)
            sums.withUnsafeMutableBufferPointer { out in
                forEachPiece { p, r, l in
                    let i = r.lowerBound
                    out[p] = kernel(rho.base + i, sigma.base + i, mean.base + i, mu.base + i, r.count, prior[l], logPrior[l])
                }
            }
            stepKL = sums.reduce(0, +)
        } else {
            TensorThreading.inChunks(weights) { r in
                for i in r { sigma[i] = Foundation.exp(rho[group[i]] / 2) }
            }
        }
        if learnsPriorScale { priorOfLayer = learnedPrior() }
        if learnsPriorScale || !perWeight { stepKL = kl() }
        rhoGradient.fill(0)
        meanGradient.fill(0)
    }

    /// λ_l² = mean over layer l of σ_i² + (m_i − μ_i)²: the prior variance that minimises the
    /// layer's KL.
    private func learnedPrior() -> [Double] {
        var sums = [Double](repeating: 0, count: priorOfLayer.count), counts = sums
        for i in 0..<weights {
            let offset = mean[i] - mu[i]
            sums[layerOf[i]] += sigma[i] * sigma[i] + offset * offset
            counts[layerOf[i]] += 1
        }
        return zip(sums, counts).map { $0 / max($1, 1) }
    }

    /// Sets `point` to the weights `mean ± σ ⊙ noise`, for the sign given.
    func perturb(sign: Double) {
        let (point, mean, sigma, noise) = (point, mean, sigma, noise)
        let kernel = KernelPath.active.variationalKernels.point
        TensorThreading.inChunks(weights) { r in
            let i = r.lowerBound
            kernel(point.base + i, mean.base + i, sigma.base + i, noise.base + i, r.count, sign)
        }
    }

    /// Adds one evaluation's share of the loss's gradient: `lossGradient`, taken at
    /// `mean + sign·σ⊙noise`, one of `evaluations` this step.
    func addLossGradient(sign: Double, evaluations: Int) {
        let (rhoGradient, meanGradient, sigma, noise, group, g) = (rhoGradient, meanGradient, sigma, noise, group, lossGradient)
        let share = Double(evaluations)
        if perWeight {
            let kernel = KernelPath.active.variationalKernels.lossGradient
            let means = meanGradient.count > 0 ? meanGradient.base : nil
            TensorThreading.inChunks(weights) { r in
                let i = r.lowerBound
                kernel(rhoGradient.base + i, means.map { $0 + i }, g.base + i, noise.base + i, sigma.base + i, r.count, sign, share)
            }
            return
        }
        for i in 0..<weights { rhoGradient[group[i]] += g[i] * sign * noise[i] * sigma[i] / 2 / share }
        if meanGradient.count > 0 {
            TensorThreading.inChunks(weights) { r in
                for i in r { meanGradient[i] += g[i] / share }
            }
        }
    }

    /// KL(Q‖P) in nats, each weight's `½ (σ²/λ² + (m − μ)²/λ² − 1 − log(σ²/λ²))` with `log σ²`
    /// read from `rho` rather than taken again.
    func kl() -> Double {
        let (sigma, mean, mu, rho, group, layerOf) = (sigma, mean, mu, rho, group, layerOf)
        let prior = priorOfLayer, logPrior = priorOfLayer.map { Foundation.log($0) }
        return TensorThreading.chunkedSum(weights) { r in
            var sum = 0.0
            for i in r {
                let l2 = prior[layerOf[i]], offset = mean[i] - mu[i]
                sum += 0.5 * (sigma[i] * sigma[i] / l2 + offset * offset / l2 - 1 - (rho[group[i]] - logPrior[layerOf[i]]))
            }
            return sum
        }
    }

    /// Ends a step: β times the KL's gradient added, then Adam on `rho` and on the mean (when it
    /// is optimised). With one variance per weight, one pass of the kernel variant does all of it.
    func finishStep(beta: Double, learningRate: Double, meanLearningRate: Double) {
        guard perWeight else {
            addKLGradient(beta: beta)
            rhoAdam.step(rho, gradient: rhoGradient, learningRate: learningRate)
            meanAdam?.step(mean, gradient: meanGradient, learningRate: meanLearningRate)
            return
        }
        // Both optimisers count the same steps, so they share the bias corrections.
        let (c1, c2) = rhoAdam.advance()
        _ = meanAdam?.advance()
        let adam = AdamSettings(rate: learningRate, meanRate: meanLearningRate, c1: c1, c2: c2)
        let operands = VariationalOperands(rho: rho.base, rhoM: rhoAdam.m.base, rhoV: rhoAdam.v.base, rhoGradient: rhoGradient.base,
                                           sigma: sigma.base, mean: mean.base, meanM: meanAdam?.m.base, meanV: meanAdam?.v.base,
                                           meanGradient: meanAdam == nil ? nil : meanGradient.base, mu: mu.base)
        let update = KernelPath.active.variationalKernels.update, prior = priorOfLayer
        forEachPiece { _, range, layer in update(operands, range.lowerBound, range.count, prior[layer], beta, adam) }
    }

    /// Adds β times the KL's gradient: `(β/2)(σ²/λ² − 1)` for `rho`, `β (m − μ)/λ²` for the mean.
    private func addKLGradient(beta: Double) {
        let (rhoGradient, meanGradient, sigma, mean, mu, group, layerOf) = (rhoGradient, meanGradient, sigma, mean, mu, group, layerOf)
        let prior = priorOfLayer
        for i in 0..<weights { rhoGradient[group[i]] += beta / 2 * (sigma[i] * sigma[i] / prior[layerOf[i]] - 1) }
        if meanGradient.count > 0 {
            TensorThreading.inChunks(weights) { r in
                for i in r { meanGradient[i] += beta * (mean[i] - mu[i]) / prior[layerOf[i]] }
            }
        }
    }

    /// Adds this step's `rho`, mean and prior to the sums for the averages.
    func addToAverages() {
        let (rho, rhoSums, mean, meanSums) = (rho, rhoSums, mean, meanSums)
        TensorThreading.inChunks(rho.count) { r in for g in r { rhoSums[g] += rho[g] } }
        TensorThreading.inChunks(meanSums.count) { r in for i in r { meanSums[i] += mean[i] } }
        for l in priorSums.indices { priorSums[l] += priorOfLayer[l] }
    }
}
