import Foundation
import Learning
import TensorRuntime

extension ActivationInformation {
    /// The Monte Carlo alternative to the linearisation: draws weight noise `n ~ N(0, β F⁻¹)` and
    /// returns `z_n = f_{w+n}(x)` flattened, `draws` rows per input (input-major), so that
    /// `MutualInformationEstimator.gaussianClassConditional` can estimate `I(z_n; c)`.
    ///
    /// `n = √β L⁻ᵀ ε` with `F + damping·I = L Lᵀ` and ε standard normal, which has covariance `β F⁻¹`.
    public static func sampleActivations<S>(_ map: ActivationMap<S>, inputs: [Tensor<S>], fisher: Matrix64, beta: Double,
                                            damping: Double = 0, draws: Int, seed: UInt64) throws -> [[Double]] {
        guard beta > 0, beta.isFinite, damping >= 0, draws >= 1 else {
            throw ProbeError.invalidArgument(probe: name, message: "β must be positive, damping ≥ 0 and draws ≥ 1; got \(beta), \(damping), \(draws)")
        }
        let k = map.parameterCount
        guard fisher.rows == k, fisher.columns == k else {
            throw ProbeError.shapeMismatch(probe: name, message: "the weight Fisher is \(fisher.rows)×\(fisher.columns) but the map has \(k) weights")
        }
        var damped = fisher
        for i in 0..<k { damped.elements[i * k + i] += damping }
        let lower: Matrix64
        do { lower = try Cholesky(damped).lower } catch {
            throw ProbeError.invalidArgument(probe: name, message: "the weight Fisher is not positive definite (\(error)); pass damping > 0")
        }
        let scale = beta.squareRoot()
        return try sampleActivations(map, inputs: inputs, draws: draws, seed: seed) { eps in upperSolve(lower, eps).map { $0 * scale } }
    }

    /// The same with the weight noise of a fitted posterior `Q = N(w, diag σ²)`: `n = σ ⊙ ε`.
    public static func sampleActivations<S>(_ map: ActivationMap<S>, inputs: [Tensor<S>], posteriorVariances variances: [Double],
                                            draws: Int, seed: UInt64) throws -> [[Double]] {
        guard draws >= 1 else { throw ProbeError.invalidArgument(probe: name, message: "draws must be ≥ 1; got \(draws)") }
        _ = try WeightFisher.posterior(variances, weights: map.parameterCount)
        let deviations = variances.map { $0.squareRoot() }
        return try sampleActivations(map, inputs: inputs, draws: draws, seed: seed) { eps in zip(eps, deviations).map { $0 * $1 } }
    }

    /// `z_n = f_{w+n}(x)` for `draws` noises per input, each `noise(ε)` of a standard normal ε.
    private static func sampleActivations<S>(_ map: ActivationMap<S>, inputs: [Tensor<S>], draws: Int, seed: UInt64,
                                             noise: ([Double]) -> [Double]) throws -> [[Double]] {
        let k = map.parameterCount
        let center = map.parameters.flatMap { $0.scalars.map(Double.init) }
        // With several processes each takes a contiguous share of the inputs, first drawing (and
        // dropping) the noise of the inputs before it, so every row is the single process's.
        let processes = Processes.world
        let mine = processes.share(of: inputs.count)
        var random = RandomStream(seed: seed)
        for _ in 0..<(mine.lowerBound * draws * k) { _ = random.nextNormal() }
        var rows: [[Double]] = []
        for x in inputs[mine] {
            for _ in 0..<draws {
                let eps = (0..<k).map { _ in random.nextNormal() }
                let n = noise(eps)
                var offset = 0
                let values = try map.parameters.map { p -> Tensor<S> in
                    defer { offset += p.count }
                    return try Tensor<S>(shape: p.shape, scalars: (0..<p.count).map { S(center[offset + $0] + n[offset + $0]) })
                }
                let z: Tensor<S>
                do { z = try map.function(values, x) } catch let error as TensorError {
                    throw ProbeError.shapeMismatch(probe: name, message: "the activation map failed on input \(TensorShape.describe(x.shape)): \(error)")
                }
                rows.append(z.scalars.map(Double.init))
            }
        }
        guard processes.size > 1 else { return rows }
        return try gatherRows(rows, processes, what: "activation_information's sampled activations")
    }

    /// Every process's rows (all of one length), in process order.
    static func gatherRows(_ rows: [[Double]], _ processes: any ProcessGroup, what: String) throws -> [[Double]] {
        let all = try processes.gather([Double(rows.first?.count ?? 0)] + rows.flatMap { $0 }, what: what)
        return all.flatMap { theirs -> [[Double]] in
            let width = Int(theirs.first ?? 0)
            guard width > 0 else { return [] }
            return stride(from: 1, to: theirs.count, by: width).map { Array(theirs[$0..<($0 + width)]) }
        }
    }

    /// Solves `Lᵀ x = b` by back substitution.
    static func upperSolve(_ lower: Matrix64, _ b: [Double]) -> [Double] {
        let n = b.count
        var x = b
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for j in (i + 1)..<max(i + 1, n) { s -= lower[j, i] * x[j] }
            x[i] = s / lower[i, i]
        }
        return x
    }
}
