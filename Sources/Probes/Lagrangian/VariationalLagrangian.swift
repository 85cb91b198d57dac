import Foundation
import TensorRuntime

/// P3: the information Lagrangian without the quadratic assumption, by the reparameterisation
/// trick: minimise `E_{n~N(0,Σ)} L_D(w*+n) + β KL(N(w*,Σ) ‖ N(μ,λ²I))` over a diagonal Σ (one
/// variance per weight, mean fixed at w*, or optimised too from w* with `options.optimisesMean`)
/// with Adam on `ρ = log σ²` (and on the mean); μ is 0 unless `options.priorMean` gives it.
///
/// Gradient: `∂/∂ρ_i E L = ½ σ_i E[g_i ε_i]` with g the loss gradient at `w* + σ⊙ε` (one backward
/// pass per noise draw), and `∂/∂ρ_i β KL = (β/2)(σ_i²/λ² − 1)`; for the mean m,
/// `∂/∂m_i E L = E[g_i]` and `∂/∂m_i β KL = β(m_i − μ_i)/λ²`. The reported variances (and mean)
/// are the average of the iterates over the second half of the run (Polyak averaging). With
/// `options.objective` a PAC-Bayes bound, β is the bound's own rate at each step
/// (`VariationalObjective.bound`).
public enum VariationalLagrangian {
    static let name = "info_lagrangian"

    /// Runs the optimisation.
    ///
    /// - Throws: `ProbeError` for β, λ, steps, pairs or learning rate outside their domains, or
    ///   data that does not fit the model, before any step.
    public static func optimise<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, options: VariationalOptions) throws -> VariationalResult {
        let code = try GaussianCode(lambda: options.lambda, beta: options.beta, probe: name)
        guard options.steps >= 2, options.pairs >= 1, options.learningRate > 0, options.initialRelativeVariance > 0,
              options.meanLearningRate > 0, (options.batchSize ?? 1) >= 1 else {
            throw ProbeError.invalidArgument(probe: name, message: "steps ≥ 2, pairs ≥ 1, learning rates > 0, initial variance > 0 and a batch of at least 1 are required")
        }
        let op = try CurvatureOperator(model: model, data: data)
        try ProbeCost.variational(op.workload, options: options).check()
        let center = try op.flatWeights(), k = center.count
        if let mean = options.priorMean, mean.count != k {
            throw ProbeError.invalidArgument(probe: name, message: "the prior mean has \(mean.count) values for \(k) weights")
        }
        let fit = VariationalFit(center: center, priorMean: options.priorMean, group: groups(model, options.grouping),
                                 layerOf: layerIndices(model), lambda: code.lambda,
                                 initialRelativeVariance: options.initialRelativeVariance, optimisesMean: options.optimisesMean)
        let base = RandomStream(seed: options.seed)
        // The objective at each step, from the losses the gradients already computed: free.
        var trace: [Double] = []
        var lastBeta = code.beta
        let batches = base.split(UInt64.max)
        let evaluations = 2 * options.pairs
        for step in 0..<options.steps {
            var noise = base.split(UInt64(step))
            let stepData = try options.batchSize.map { size in
                size >= data.count ? data : try data.rows(Self.batch(size, of: data.count, stream: batches.split(UInt64(step))))
            } ?? data
            fit.beginStep(learnsPriorScale: options.learnsPriorScale)
            var loss = 0.0
            for _ in 0..<options.pairs {
                noise.fillStandardNormals(UnsafeMutableBufferPointer(start: fit.noise.base, count: k))
                for sign in [1.0, -1.0] {
                    fit.perturb(sign: sign)
                    loss += try self.gradient(op, on: stepData, at: fit.point.base, into: fit.lossGradient.base) / Double(evaluations)
                    fit.addLossGradient(sign: sign, evaluations: evaluations)
                }
            }
            let kl = fit.stepKL
            trace.append(options.objective.value(fixedBeta: code.beta, loss: loss, kl: kl))
            let beta = options.objective.beta(fixed: code.beta, loss: loss, kl: kl)
            lastBeta = beta
            fit.finishStep(beta: beta, learningRate: options.learningRate, meanLearningRate: options.meanLearningRate)
            if step >= options.steps / 2 { fit.addToAverages() }
        }
        let n = Double(options.steps - options.steps / 2)
        let variances = (0..<k).map { Foundation.exp(fit.rhoSums[fit.group[$0]] / n) }
        let finalMean = options.optimisesMean ? fit.meanSums.array.map { $0 / n } : center
        let mu = options.priorMean ?? [Double](repeating: 0, count: k)
        let priorVariances = fit.layerOf.map { fit.priorSums[$0] / n }
        let expected = options.estimatesExpectedLoss
            ? try expectedLoss(op, center: finalMean, variances: variances, seed: options.seed) : (value: Double.nan, standardError: Double.nan)
        var result = VariationalResult(model: model, options: options, mean: finalMean, offsets: (0..<k).map { finalMean[$0] - mu[$0] },
                                       variances: variances,
                                       priorVariances: priorVariances,
                                       expectedLoss: expected.value, expectedLossStandardError: expected.standardError, objectiveTrace: trace)
        result.finalBeta = lastBeta
        return result
    }

    /// The group of each weight, flat in parameter order, numbered from 0 in order of appearance.
    static func groups<S>(_ model: ProbeModel<S>, _ grouping: VariationalGrouping) -> [Int] {
        var result: [Int] = [], next = 0
        for p in model.parameters {
            let rows = grouping == .filter ? max(p.shape.first ?? 1, 1) : p.count
            let width = max(p.count / rows, 1)
            result += (0..<p.count).map { next + $0 / width }
            next += rows
        }
        return result
    }

    /// The layer of each weight, flat in parameter order.
    static func layerIndices<S>(_ model: ProbeModel<S>) -> [Int] {
        model.layers.enumerated().flatMap { l, layer in
            [Int](repeating: l, count: model.parameters[layer.range].reduce(0) { $0 + $1.count })
        }
    }

    /// Samples for the final expected loss: 200 antithetic pairs give it to about 1% of its spread.
    package static let evaluationPairs = 200

    static func expectedLoss<S>(_ op: CurvatureOperator<S>, center: [Double], variances: [Double],
                                seed: UInt64) throws -> (value: Double, standardError: Double) {
        let sigma = variances.map { $0.squareRoot() }
        return try QuadraticCheck.antitheticLoss(op, center: center, pairs: evaluationPairs, seed: seed, probe: name) { noise in
            sigma.map { $0 * noise.nextNormal() }
        }
    }

    /// `size` distinct sample indices of `count` (size ≤ count), in increasing order, drawn from
    /// `stream` uniformly among all such sets by Floyd's method: O(size), whatever the data's size.
    static func batch(_ size: Int, of count: Int, stream: RandomStream) -> [Int] {
        var generator = stream
        var chosen = Set<Int>()
        for j in (count - size)..<count {
            let t = generator.nextInt(in: 0...j)
            chosen.insert(chosen.contains(t) ? j : t)
        }
        return chosen.sorted()
    }

    /// The mean loss over `data` at the weights `w`; its gradient is written to `gradient`.
    static func gradient<S>(_ op: CurvatureOperator<S>, on data: ProbeData<S>, at w: UnsafePointer<Double>,
                            into gradient: UnsafeMutablePointer<Double>) throws -> Double {
        let variables = try op.unflatten(w).map { $0.variable() }
        let loss = try op.model.meanLoss(data, values: variables, probe: name)
        op.flatten(try loss.gradients(withRespectTo: variables), into: gradient)
        return Double(try loss.detached().scalar())
    }

    /// One weight's `KL(N(w, s) ‖ N(μ, λ²))` = ½ (s/λ² + (w − μ)²/λ² − 1 − log(s/λ²)) nats, given
    /// `mean` = w − μ.
    static func klTerm(variance s: Double, mean w: Double, prior l2: Double) -> Double {
        0.5 * (s / l2 + w * w / l2 - 1 - Foundation.log(s / l2))
    }
}
