import Foundation
import Learning
import TensorRuntime

/// Which form of the activations' Fisher about the input P7 computes.
public enum ActivationFisherForm: String, Sendable {
    /// `F_{z|x} = Gᵀ Σ_z⁻¹ G + ½ [tr(Σ_z⁻¹ ∂_a Σ_z Σ_z⁻¹ ∂_b Σ_z)]_{ab}` (mean and covariance terms).
    case corrected = "corrected: GᵀΣ_z⁻¹G + ½[tr(Σ_z⁻¹∂_aΣ_z Σ_z⁻¹∂_bΣ_z)]"
    /// The paper's printed `(1/β) Gᵀ J F Jᵀ G` (wrong units; for comparison only).
    case paperPrinted = "paper's printed form (1/β)GᵀJFJᵀG (wrong units; comparison only)"
}

/// P7: effective information in the activations, linearised. With weight noise `n ~ N(0, β F⁻¹)`,
/// `z_n | x ~ N(f_w(x), Σ_z(x))`, `Σ_z = β J F⁻¹ Jᵀ + εI`.
public enum ActivationInformation {
    static let name = "activation_information"
    /// J is m×k Doubles: refuse above this many entries (80 MB), checked after the forward pass
    /// and before any backward pass.
    public static let maxJacobianEntries = 10_000_000

    /// F_{z|x} at input `x` for weight Fisher `fisher` (k×k, positive definite; add `damping` to
    /// its diagonal when it is singular).
    ///
    /// The covariance term needs `∂_a Σ_z`, taken by central differences of `Σ_z(x)` in x with
    /// step `differenceStep` (relative to max(1, |x_a|)); in Double, the default 1e-4 leaves a
    /// truncation error near 1e-8 relative. Use a Double model for this term.
    public static func linearised<S>(_ map: ActivationMap<S>, at x: Tensor<S>, fisher: Matrix64, beta: Double,
                                     epsilon: Double = 0, damping: Double = 0, form: ActivationFisherForm = .corrected,
                                     differenceStep: Double = 1e-4) throws -> ActivationInformationResult {
        try checkSettings(beta: beta, epsilon: epsilon, damping: damping, step: differenceStep)
        let k = map.parameterCount
        guard fisher.rows == k, fisher.columns == k else {
            throw ProbeError.shapeMismatch(probe: name, message: "the weight Fisher is \(fisher.rows)×\(fisher.columns) but the map has \(k) weights")
        }
        // The k×k copies come first; J's size is checked once the forward pass gives m.
        try ProbeCost.activationInformation(weights: k, outputs: 1, inputSize: x.count, prefixFlops: 0, form: form).check()
        var damped = fisher
        for i in 0..<k { damped.elements[i * k + i] += damping }
        let factor: Cholesky
        do { factor = try Cholesky(damped) } catch {
            let remedy = damping > 0 ? "raise damping from \(ActivationCovarianceSingular.format(damping))" : "pass damping > 0"
            throw ProbeError.invalidArgument(probe: name, message: "the weight Fisher is not positive definite (\(error)); \(remedy)")
        }
        return try linearised(map, at: x, fisher: .factored(factor, fisher), beta: beta, epsilon: epsilon, damping: damping,
                              form: form, differenceStep: differenceStep)
    }

    /// The same for the weight Fisher `c·I`: no k×k matrix is formed, and F⁻¹Jᵀ is Jᵀ/c, so the
    /// cost is that of the Jacobians (a network of any size whose J fits).
    public static func linearised<S>(_ map: ActivationMap<S>, at x: Tensor<S>, isotropicFisher c: Double, beta: Double,
                                     epsilon: Double = 0, form: ActivationFisherForm = .corrected,
                                     differenceStep: Double = 1e-4) throws -> ActivationInformationResult {
        try checkSettings(beta: beta, epsilon: epsilon, damping: 0, step: differenceStep)
        guard c > 0, c.isFinite else {
            throw ProbeError.invalidArgument(probe: name, message: "the isotropic weight Fisher c·I needs c > 0 and finite; got \(c)")
        }
        return try linearised(map, at: x, fisher: .isotropic(c), beta: beta, epsilon: epsilon, damping: 0,
                              form: form, differenceStep: differenceStep)
    }

    /// The same with the weight noise of a fitted posterior `Q = N(w, diag σ²)` in place of
    /// `β F⁻¹`: `Σ_z = J diag(σ²) Jᵀ + εI`, the noise the variational Lagrangian found the loss
    /// tolerates weight by weight (the quadratic-loss optimum `β F⁻¹` is its closed form). As with
    /// `c·I`, no k×k matrix is formed.
    public static func linearised<S>(_ map: ActivationMap<S>, at x: Tensor<S>, posteriorVariances variances: [Double],
                                     epsilon: Double = 0, form: ActivationFisherForm = .corrected,
                                     differenceStep: Double = 1e-4) throws -> ActivationInformationResult {
        try checkSettings(beta: 1, epsilon: epsilon, damping: 0, step: differenceStep)
        let noise = try WeightFisher.posterior(variances, weights: map.parameterCount)
        return try linearised(map, at: x, fisher: noise, beta: 1, epsilon: epsilon, damping: 0, form: form,
                              differenceStep: differenceStep)
    }

    private static func checkSettings(beta: Double, epsilon: Double, damping: Double, step: Double) throws {
        guard beta > 0, beta.isFinite else { throw ProbeError.invalidArgument(probe: name, message: "β must be positive and finite (mean-loss convention); got \(beta)") }
        guard epsilon >= 0, damping >= 0, step > 0 else {
            throw ProbeError.invalidArgument(probe: name, message: "ε, damping must be ≥ 0 and the difference step > 0; got \(epsilon), \(damping), \(step)")
        }
    }

    private static func linearised<S>(_ map: ActivationMap<S>, at x: Tensor<S>, fisher: WeightFisher, beta: Double,
                                      epsilon: Double, damping: Double, form: ActivationFisherForm,
                                      differenceStep: Double) throws -> ActivationInformationResult {
        let (z, j, g) = try map.jacobians(at: x, probe: name, diagonalFisher: fisher.isDiagonal)
        if form == .paperPrinted {
            let jfj = try fisher.timesFisher(j).multiplied(by: j.transposed)
            let printed = try g.transposed.multiplied(by: jfj).multiplied(by: g).scaled(1 / beta)
            return try ActivationInformationResult(form: form, beta: beta, posteriorNoise: fisher.isPosterior, epsilon: epsilon,
                                                   sigmaZ: nil, meanTerm: printed,
                                                   covarianceTerm: nil, inputShape: x.shape)
        }
        do {
            let sigma = try covariance(j, fisher, beta: beta, epsilon: epsilon)
            let sigmaFactor = try Cholesky(sigma)
            let meanTerm = try g.transposed.multiplied(by: sigmaFactor.solveColumns(g))
            let cov = try covarianceTerm(map, at: x, fisher: fisher, sigma: sigmaFactor, outputs: z.count, beta: beta,
                                         epsilon: epsilon, step: differenceStep)
            return try ActivationInformationResult(form: form, beta: beta, posteriorNoise: fisher.isPosterior, epsilon: epsilon,
                                                   sigmaZ: sigma, meanTerm: meanTerm,
                                                   covarianceTerm: cov, inputShape: x.shape)
        } catch let e as LinalgError {
            // Which setting to change depends on why: the weight Fisher's conditioning tells.
            let variances = try? covariance(j, fisher, beta: beta, epsilon: 0)
            let diagonal = variances.map { v in (0..<v.rows).map { v[$0, $0] } } ?? []
            let largest = diagonal.isEmpty || !diagonal.allSatisfy(\.isFinite) ? .infinity : diagonal.max() ?? 0
            var singular = ActivationCovarianceSingular(reason: "\(e)", epsilon: epsilon, damping: damping, largestVariance: largest,
                                                        fisherPivotRatio: fisher.pivotRatio, meanFisherDiagonal: fisher.meanDiagonal)
            singular.fromPosterior = fisher.isPosterior
            throw singular
        }
    }

    /// `½ [tr(Σ_z⁻¹ ∂_aΣ_z Σ_z⁻¹ ∂_bΣ_z)]_{ab}`, with `∂_aΣ_z` by central differences in x_a.
    static func covarianceTerm<S>(_ map: ActivationMap<S>, at x: Tensor<S>, fisher: WeightFisher, sigma: Cholesky, outputs m: Int,
                                  beta: Double, epsilon: Double, step: Double) throws -> Matrix64 {
        let d = x.count
        // With several processes each differentiates along its share of the input's entries.
        let processes = Processes.world
        var derivatives: [Matrix64] = []
        for a in processes.share(of: d) {
            let h = step * max(1, abs(Double(x.scalars[a])))
            let up = try covariance(map.jacobians(at: shifted(x, a, h), probe: name, diagonalFisher: fisher.isDiagonal).j, fisher,
                                    beta: beta, epsilon: epsilon)
            let down = try covariance(map.jacobians(at: shifted(x, a, -h), probe: name, diagonalFisher: fisher.isDiagonal).j, fisher,
                                      beta: beta, epsilon: epsilon)
            // Σ_z⁻¹ ∂_aΣ_z, kept for the trace products below.
            derivatives.append(try sigma.solveColumns(Matrix64(rows: m, columns: m,
                                                               elements: zip(up.elements, down.elements).map { ($0 - $1) / (2 * h) })))
        }
        if processes.size > 1 {
            derivatives = try gatherRows(derivatives.map(\.elements), processes, what: "activation_information's covariance term")
                .map { try Matrix64(rows: m, columns: m, elements: $0) }
        }
        var cov = [Double](repeating: 0, count: d * d)
        for a in 0..<d { for b in 0..<d { cov[a * d + b] = 0.5 * traceOfProduct(derivatives[a], derivatives[b]) } }
        return try Matrix64(rows: d, columns: d, elements: cov)
    }

    /// `Σ_z = β J F⁻¹ Jᵀ + εI`.
    static func covariance(_ j: Matrix64, _ fisher: WeightFisher, beta: Double, epsilon: Double) throws -> Matrix64 {
        let fInvJt = try fisher.solveColumns(j.transposed)
        var s = try j.multiplied(by: fInvJt).scaled(beta)
        for i in 0..<s.rows { s.elements[i * s.rows + i] += epsilon }
        return try s.symmetrized()
    }

    static func shifted<S>(_ x: Tensor<S>, _ a: Int, _ h: Double) throws -> Tensor<S> {
        var values = x.scalars
        values[a] += S(h)
        return try Tensor(shape: x.shape, scalars: values)
    }

    static func traceOfProduct(_ a: Matrix64, _ b: Matrix64) -> Double {
        var t = 0.0
        for i in 0..<a.rows { for j in 0..<a.columns { t += a[i, j] * b[j, i] } }
        return t
    }
}

extension Matrix64 {
    func scaled(_ c: Double) -> Matrix64 {
        var copy = self
        copy.elements = elements.map { $0 * c }
        return copy
    }
}

extension Cholesky {
    /// `A⁻¹ B` column by column.
    func solveColumns(_ b: Matrix64) throws -> Matrix64 {
        var out = [Double](repeating: 0, count: b.rows * b.columns)
        for c in 0..<b.columns {
            let x = try solve((0..<b.rows).map { b[$0, c] })
            for r in 0..<b.rows { out[r * b.columns + c] = x[r] }
        }
        return try Matrix64(rows: b.rows, columns: b.columns, elements: out)
    }
}

/// The weights' Fisher F as P7 applies it: F⁻¹ to columns, and J·F.
enum WeightFisher {
    /// A k×k Fisher and its Cholesky factor (of F plus any damping).
    case factored(Cholesky, Matrix64)
    /// F = c·I.
    case isotropic(Double)
    /// F = diag(f): the precisions 1/σ² of a posterior's variances (with β = 1, β F⁻¹ = diag σ²).
    case diagonal([Double])

    /// Whether F is diagonal (c·I or diag f): then no k×k matrix is formed.
    var isDiagonal: Bool {
        if case .factored = self { return false }
        return true
    }

    /// Whether this is a posterior's noise (`diagonal` is made only by `posterior(_:weights:)`).
    var isPosterior: Bool {
        if case .diagonal = self { return true }
        return false
    }

    /// The noise of a posterior with these variances, one per weight: each positive and finite.
    static func posterior(_ variances: [Double], weights k: Int) throws -> WeightFisher {
        guard variances.count == k else {
            throw ProbeError.shapeMismatch(probe: ActivationInformation.name,
                                           message: "the posterior has \(variances.count) variances but the map has \(k) weights")
        }
        if let bad = variances.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw ProbeError.invalidArgument(probe: ActivationInformation.name,
                                             message: "the posterior's variance of weight \(bad) is \(variances[bad]); every variance must be positive and finite")
        }
        return .diagonal(variances.map { 1 / $0 })
    }

    /// `F⁻¹ B`.
    func solveColumns(_ b: Matrix64) throws -> Matrix64 {
        switch self {
        case .factored(let factor, _): return try factor.solveColumns(b)
        case .isotropic(let c): return b.scaled(1 / c)
        case .diagonal(let f):
            var copy = b
            for r in 0..<b.rows { for c in 0..<b.columns { copy.elements[r * b.columns + c] /= f[r] } }
            return copy
        }
    }

    /// `J F`.
    func timesFisher(_ j: Matrix64) throws -> Matrix64 {
        switch self {
        case .factored(_, let f): return try j.multiplied(by: f)
        case .isotropic(let c): return j.scaled(c)
        case .diagonal(let f):
            var copy = j
            for r in 0..<j.rows { for c in 0..<j.columns { copy.elements[r * j.columns + c] *= f[c] } }
            return copy
        }
    }

    /// The factor's smallest pivot over its largest (1 for c·I).
    var pivotRatio: Double {
        switch self {
        case .factored(let factor, _): return factor.pivotRatio
        case .isotropic: return 1
        case .diagonal(let f): return (f.min() ?? 1) / (f.max() ?? 1)
        }
    }

    /// The mean of F's diagonal.
    var meanDiagonal: Double {
        switch self {
        case .factored(_, let f): return (0..<f.rows).reduce(0) { $0 + f[$1, $1] } / Double(max(f.rows, 1))
        case .isotropic(let c): return c
        case .diagonal(let f): return f.reduce(0, +) / Double(max(f.count, 1))
        }
    }
}
