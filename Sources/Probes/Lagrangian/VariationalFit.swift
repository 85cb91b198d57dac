import Foundation
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

    mutating func step(_ x: FlatVector, gradient g: FlatVector, learningRate: Double) {
        t += 1
        let c1 = 1 - Foundation.pow(0.9, Double(t)), c2 = 1 - Foundation.pow(0.999, Double(t))
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
    /// This step's standard deviation and noise per weight, and the point being evaluated.
    let sigma: FlatVector, noise: FlatVector, point: FlatVector
    /// This step's gradients with respect to `rho` and the mean.
    let rhoGradient: FlatVector, meanGradient: FlatVector
    /// The prior's variance per layer this step, and the sums for the averages.
    var priorOfLayer: [Double], priorSums: [Double]
    let rhoSums: FlatVector, meanSums: FlatVector
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
        rhoGradient = make(groups)
        meanGradient = make(optimisesMean ? weights : 0)
        rhoSums = make(groups)
        meanSums = make(optimisesMean ? weights : 0)
        let layers = (layerOf.max() ?? 0) + 1
        priorOfLayer = [Double](repeating: lambda * lambda, count: layers)
        priorSums = [Double](repeating: 0, count: layers)
        self.owned = owned
    }

    deinit { owned.forEach { $0.base.deallocate() } }

    /// Starts a step: σ from `rho`, the prior's scale when it is learned, gradients zeroed.
    func beginStep(learnsPriorScale: Bool) {
        let (sigma, rho, group) = (sigma, rho, group)
        TensorThreading.inChunks(weights) { r in
            for i in r { sigma[i] = Foundation.exp(rho[group[i]] / 2) }
        }
        if learnsPriorScale { priorOfLayer = learnedPrior() }
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

    /// The weights `mean ± σ ⊙ noise`, for the sign given.
    func perturbed(sign: Double) -> [Double] {
        let (point, mean, sigma, noise) = (point, mean, sigma, noise)
        TensorThreading.inChunks(weights) { r in
            for i in r { point[i] = mean[i] + sign * sigma[i] * noise[i] }
        }
        return point.array
    }

    /// Adds one evaluation's share of the loss's gradient: `g` at `mean + sign·σ⊙noise`, one of
    /// `evaluations` this step.
    func addLossGradient(_ g: [Double], sign: Double, evaluations: Int) {
        let (rhoGradient, meanGradient, sigma, noise, group) = (rhoGradient, meanGradient, sigma, noise, group)
        let share = Double(evaluations)
        g.withUnsafeBufferPointer { g in
            if perWeight {
                TensorThreading.inChunks(weights) { r in
                    for i in r { rhoGradient[i] += g[i] * sign * noise[i] * sigma[i] / 2 / share }
                }
            } else {
                for i in 0..<weights { rhoGradient[group[i]] += g[i] * sign * noise[i] * sigma[i] / 2 / share }
            }
            if meanGradient.count > 0 {
                TensorThreading.inChunks(weights) { r in
                    for i in r { meanGradient[i] += g[i] / share }
                }
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

    /// Adds β times the KL's gradient: `(β/2)(σ²/λ² − 1)` for `rho`, `β (m − μ)/λ²` for the mean.
    func addKLGradient(beta: Double) {
        let (rhoGradient, meanGradient, sigma, mean, mu, group, layerOf) = (rhoGradient, meanGradient, sigma, mean, mu, group, layerOf)
        let prior = priorOfLayer
        if perWeight {
            TensorThreading.inChunks(weights) { r in
                for i in r { rhoGradient[i] += beta / 2 * (sigma[i] * sigma[i] / prior[layerOf[i]] - 1) }
            }
        } else {
            for i in 0..<weights { rhoGradient[group[i]] += beta / 2 * (sigma[i] * sigma[i] / prior[layerOf[i]] - 1) }
        }
        if meanGradient.count > 0 {
            TensorThreading.inChunks(weights) { r in
                for i in r { meanGradient[i] += beta * (mean[i] - mu[i]) / prior[layerOf[i]] }
            }
        }
    }

    /// Adam on `rho` and on the mean (when it is optimised).
    func optimiserSteps(learningRate: Double, meanLearningRate: Double) {
        rhoAdam.step(rho, gradient: rhoGradient, learningRate: learningRate)
        meanAdam?.step(mean, gradient: meanGradient, learningRate: meanLearningRate)
    }

    /// Adds this step's `rho`, mean and prior to the sums for the averages.
    func addToAverages() {
        let (rho, rhoSums, mean, meanSums) = (rho, rhoSums, mean, meanSums)
        TensorThreading.inChunks(rho.count) { r in for g in r { rhoSums[g] += rho[g] } }
        TensorThreading.inChunks(meanSums.count) { r in for i in r { meanSums[i] += mean[i] } }
        for l in priorSums.indices { priorSums[l] += priorOfLayer[l] }
    }
}
