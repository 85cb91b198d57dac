import Foundation
import TensorRuntime

/// The quadratic assumption of P2 put to the test. The Gaussian code's Σ* and its nats assume
/// the loss is quadratic over Σ*: then `E_Q L_D = L_D(w*) + ½ Σ_j h_j σ_j²`. At a saturated
/// minimum the loss can rise far faster than its curvature at w* says, and the nats are then
/// wrong by as much. The check draws weights w* + n, n ~ N(0, Σ*), and averages the loss.
public struct QuadraticCheck: Sendable, Equatable {
    /// Antithetic pairs (n, −n) drawn: 32 forward passes over the data, a standard error of a
    /// few percent of the loss's spread over Q.
    public static let pairs = 16
    /// A sampled excess over L_D(w*) within this fraction of the predicted excess still agrees:
    /// the Fisher is not the Hessian away from a perfect fit, and a curvature off by up to a
    /// factor 2 moves a direction's nats by at most ½ log 2 ≈ 0.35. The failures this catches are
    /// off by orders of magnitude.
    public static let modelTolerance = 0.5
    /// A disagreement counts beyond this many standard errors.
    public static let errorMultiple = 3.0

    /// `L_D(w*)`.
    public let lossAtCenter: Double
    /// The quadratic prediction `L_D(w*) + ½ Σ_j h_j σ_j²`.
    public let predicted: Double
    /// `E_Q L_D` by sampling, and its standard error over the pairs.
    public let sampled: Double, standardError: Double

    /// Whether the sampled loss agrees with the prediction within its error and the model's tolerance.
    public var agrees: Bool {
        abs(sampled - predicted) <= Self.errorMultiple * standardError + Self.modelTolerance * abs(predicted - lossAtCenter)
    }

    /// The settings line: both estimates of E_Q L_D.
    public var setting: (key: String, value: String) {
        ("E_Q L_D", "quadratic \(NumberColumn.plain(predicted, decimals: nil)), sampled "
            + "\(NumberColumn.estimate(sampled, standardError: standardError).text) (\(2 * Self.pairs) draws from Σ*)")
    }

    /// The note when the two disagree, nil when they agree.
    public var note: String? {
        guard !agrees else { return nil }
        return "the loss is not quadratic over Σ*: weights drawn from it give E_Q L_D = "
            + "\(NumberColumn.estimate(sampled, standardError: standardError).text) against the "
            + "\(NumberColumn.plain(predicted, decimals: nil)) the Gaussian code assumes, so these nats rest on a broken "
            + "assumption; information_lagrangian measures the information in the weights without it"
    }

    /// Samples `E_Q L_D` with noise from `draw` (one draw of n per call) and sets it beside `predicted`.
    static func run<S>(_ op: CurvatureOperator<S>, lossAtCenter: Double, predicted: Double, seed: UInt64,
                       draw: (inout RandomStream) -> [Double]) throws -> QuadraticCheck {
        let center = try op.flatWeights()
        let e = try antitheticLoss(op, center: center, pairs: pairs, seed: seed, probe: WeightInformation.name, draw: draw)
        return QuadraticCheck(lossAtCenter: lossAtCenter, predicted: predicted, sampled: e.value, standardError: e.standardError)
    }

    /// `E L_D(w* + n)` over `pairs` antithetic pairs (n, −n), with its standard error over the pairs.
    static func antitheticLoss<S>(_ op: CurvatureOperator<S>, center: [Double], pairs: Int, seed: UInt64, probe: String,
                                  draw: (inout RandomStream) -> [Double]) throws -> (value: Double, standardError: Double) {
        var noise = RandomStream(seed: seed, stream: 1)
        var values: [Double] = []
        for _ in 0..<pairs {
            let n = draw(&noise)
            var pair = 0.0
            for sign in [1.0, -1.0] {
                let w = center.indices.map { center[$0] + sign * n[$0] }
                pair += Double(try op.model.meanLoss(op.data, values: op.unflatten(w), probe: probe).scalar()) / 2
            }
            values.append(pair)
        }
        return HessianProbe.meanAndError(values)
    }
}

/// Draws from Σ* = s·(F + c·I)⁻¹ (`GaussianCode.posteriorScale`, `.curvatureShift`) for one
/// block of weights: with F + cI = L Lᵀ, n = √s · L⁻ᵀ ε has covariance s (L Lᵀ)⁻¹.
struct PosteriorSampler {
    let lower: Matrix64
    let scale: Double

    /// Factorises F + cI. A Fisher summed in Float32 carries rounding about 1e-7 of its largest
    /// entry, which can leave it indefinite when c is tiny; that much jitter is then added.
    init(fisher: Matrix64, code: GaussianCode) throws {
        var shifted = fisher
        let k = fisher.rows
        for i in 0..<k { shifted.elements[i * k + i] += code.curvatureShift }
        let largest = (0..<k).map { abs(fisher[$0, $0]) }.max() ?? 0
        var factor: Cholesky?
        for jitter in [0, 1e-7 * largest, 1e-5 * largest] where factor == nil {
            var attempt = shifted
            for i in 0..<k { attempt.elements[i * k + i] += jitter }
            factor = try? Cholesky(attempt)
        }
        guard let factor else { throw ProbeError.invalidArgument(probe: WeightInformation.name, message: "F + cI (c the prior's shift) is not positive definite") }
        lower = factor.lower
        scale = code.posteriorScale
    }

    /// One draw: solves Lᵀ x = ε by back substitution, times √s.
    func draw(_ noise: inout RandomStream) -> [Double] {
        let k = lower.rows
        let eps = (0..<k).map { _ in noise.nextNormal() }
        var x = [Double](repeating: 0, count: k)
        for i in stride(from: k - 1, through: 0, by: -1) {
            var sum = eps[i]
            for j in (i + 1)..<max(k, i + 1) { sum -= lower[j, i] * x[j] }
            x[i] = sum / lower[i, i]
        }
        return x.map { $0 * scale.squareRoot() }
    }
}
