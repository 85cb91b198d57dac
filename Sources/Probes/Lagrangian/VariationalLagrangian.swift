import Foundation
import TensorRuntime

/// P3: the information Lagrangian without the quadratic assumption, by the reparameterisation
/// trick: minimise `E_{n~N(0,Σ)} L_D(w*+n) + β KL(N(w*,Σ) ‖ N(0,λ²I))` over a diagonal Σ (one
/// variance per weight, mean fixed at w*) with Adam on `ρ = log σ²`.
///
/// Gradient: `∂/∂ρ_i E L = ½ σ_i E[g_i ε_i]` with g the loss gradient at `w* + σ⊙ε` (one backward
/// pass per noise draw), and `∂/∂ρ_i β KL = (β/2)(σ_i²/λ² − 1)`. The reported variances are the
/// average of the iterates over the second half of the run (Polyak averaging).
public enum VariationalLagrangian {
    static let name = "info_lagrangian"

    /// Runs the optimisation.
    ///
    /// - Throws: `ProbeError` for β, λ, steps, pairs or learning rate outside their domains, or
    ///   data that does not fit the model, before any step.
    public static func optimise<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, options: VariationalOptions) throws -> VariationalResult {
        let code = try GaussianCode(lambda: options.lambda, beta: options.beta, probe: name)
        guard options.steps >= 2, options.pairs >= 1, options.learningRate > 0, options.initialRelativeVariance > 0 else {
            throw ProbeError.invalidArgument(probe: name, message: "steps ≥ 2, pairs ≥ 1, learning rate > 0 and initial variance > 0 are required")
        }
        let op = try CurvatureOperator(model: model, data: data)
        try ProbeCost.variational(op.workload, options: options).check()
        let center = op.flatWeights(), k = center.count, l2 = code.lambda * code.lambda
        var rho = [Double](repeating: Foundation.log(options.initialRelativeVariance * l2), count: k)
        var adam = AdamState(count: k)
        var averaged = [Double](repeating: 0, count: k)
        let base = RandomStream(seed: options.seed)
        for step in 0..<options.steps {
            var noise = base.split(UInt64(step))
            let sigma = rho.map { Foundation.exp($0 / 2) }
            var lossGradient = [Double](repeating: 0, count: k)
            for _ in 0..<options.pairs {
                let eps = (0..<k).map { _ in noise.nextNormal() }
                for sign in [1.0, -1.0] {
                    let g = try gradient(op, at: (0..<k).map { center[$0] + sign * sigma[$0] * eps[$0] })
                    for i in 0..<k { lossGradient[i] += g[i] * sign * eps[i] * sigma[i] / 2 / Double(2 * options.pairs) }
                }
            }
            let total = (0..<k).map { lossGradient[$0] + code.beta / 2 * (sigma[$0] * sigma[$0] / l2 - 1) }
            adam.step(&rho, gradient: total, learningRate: options.learningRate)
            if step >= options.steps / 2 { for i in 0..<k { averaged[i] += rho[i] } }
        }
        let count = Double(options.steps - options.steps / 2)
        let variances = averaged.map { Foundation.exp($0 / count) }
        let expected = try expectedLoss(op, center: center, variances: variances, seed: options.seed)
        return VariationalResult(model: model, options: options, center: center, variances: variances,
                                 expectedLoss: expected.value, expectedLossStandardError: expected.standardError)
    }

    /// Samples for the final expected loss: 200 antithetic pairs give it to about 1% of its spread.
    package static let evaluationPairs = 200

    static func expectedLoss<S>(_ op: CurvatureOperator<S>, center: [Double], variances: [Double],
                                seed: UInt64) throws -> (value: Double, standardError: Double) {
        var noise = RandomStream(seed: seed, stream: 1)
        var values: [Double] = []
        for _ in 0..<evaluationPairs {
            let eps = center.indices.map { _ in noise.nextNormal() }
            var pair = 0.0
            for sign in [1.0, -1.0] {
                let w = center.indices.map { center[$0] + sign * variances[$0].squareRoot() * eps[$0] }
                pair += Double(try op.model.meanLoss(op.data, values: op.unflatten(w), probe: name).scalar()) / 2
            }
            values.append(pair)
        }
        return HessianProbe.meanAndError(values)
    }

    static func gradient<S>(_ op: CurvatureOperator<S>, at w: [Double]) throws -> [Double] {
        let variables = try op.unflatten(w).map { $0.variable() }
        let loss = try op.model.meanLoss(op.data, values: variables, probe: name)
        return op.flatten(try loss.gradients(withRespectTo: variables))
    }
}

/// Adam's moment estimates for a flat vector (β₁ = 0.9, β₂ = 0.999, ε = 1e-8: the usual defaults).
struct AdamState {
    var m: [Double], v: [Double], t = 0

    init(count: Int) {
        m = [Double](repeating: 0, count: count)
        v = [Double](repeating: 0, count: count)
    }

    mutating func step(_ x: inout [Double], gradient g: [Double], learningRate: Double) {
        t += 1
        let c1 = 1 - Foundation.pow(0.9, Double(t)), c2 = 1 - Foundation.pow(0.999, Double(t))
        for i in x.indices {
            m[i] = 0.9 * m[i] + 0.1 * g[i]
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i]
            x[i] -= learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + 1e-8)
        }
    }
}
