import Foundation
import TensorRuntime

/// The result of P7 at one input: the activations' Fisher about the input, its terms, trace and
/// (pseudo-)log-determinant. No information unit for the Fisher; the log-det is in nats-scale.
public struct ActivationInformationResult: ProbeResult, Sendable {
    /// Which form was computed.
    public let form: ActivationFisherForm
    /// β (mean-loss convention); 1 when the noise is a posterior's own variances.
    public let beta: Double
    /// Whether the weight noise was a fitted posterior's N(0, diag σ²) rather than N(0, β F⁻¹).
    public let posteriorNoise: Bool
    /// The jitter ε added to Σ_z.
    public let epsilon: Double
    /// Σ_z (m×m); nil for the printed form.
    public let sigmaZ: Matrix64?
    /// `Gᵀ Σ_z⁻¹ G` (or the printed form's whole matrix).
    public let meanTerm: Matrix64
    /// `½ [tr(Σ_z⁻¹ ∂_aΣ_z Σ_z⁻¹ ∂_bΣ_z)]`; nil for the printed form.
    public let covarianceTerm: Matrix64?
    /// F_{z|x} (d×d).
    public let fisher: Matrix64
    /// tr F_{z|x}.
    public let trace: Double
    /// log-det of F_{z|x}, or the pseudo-log-det over its nonzero eigenvalues.
    public let logDeterminant: Double
    /// Whether `logDeterminant` is a pseudo-log-det (rank-deficient F_{z|x}, e.g. dim z < dim x).
    public let isPseudoLogDeterminant: Bool
    /// diag F_{z|x} in the input's shape: the per-pixel map.
    public let diagonal: [Double]
    /// The input's shape, to lay `diagonal` out as an image.
    public let inputShape: [Int]

    /// Eigenvalues at or below this fraction of the largest are treated as zero for the rank:
    /// 1e-10 sits far above Double rounding (~1e-16) and far below any real direction.
    public static let rankTolerance = 1e-10

    init(form: ActivationFisherForm, beta: Double, posteriorNoise: Bool = false, epsilon: Double, sigmaZ: Matrix64?,
         meanTerm: Matrix64, covarianceTerm: Matrix64?, inputShape: [Int]) throws {
        var total = meanTerm
        if let c = covarianceTerm { total.elements = zip(total.elements, c.elements).map { $0 + $1 } }
        total = try total.symmetrized()
        let values = try SymmetricEigen.eigenvalues(of: total)
        let largest = values.last ?? 0
        let kept = values.filter { $0 > Self.rankTolerance * max(largest, .leastNormalMagnitude) }
        self.form = form
        self.beta = beta
        self.posteriorNoise = posteriorNoise
        self.epsilon = epsilon
        self.sigmaZ = sigmaZ
        self.meanTerm = meanTerm
        self.covarianceTerm = covarianceTerm
        self.fisher = total
        self.trace = (0..<total.rows).reduce(0) { $0 + total[$1, $1] }
        self.isPseudoLogDeterminant = kept.count < values.count
        self.logDeterminant = kept.reduce(0) { $0 + Foundation.log($1) }
        self.diagonal = (0..<total.rows).map { total[$0, $0] }
        self.inputShape = inputShape
    }

    /// The table: trace, log-det, and the diagonal (one row per input entry).
    public var table: ProbeTable {
        var rows: [[ProbeCell]] = [[.text("tr F_z|x"), .number(trace)],
                                   [.text(isPseudoLogDeterminant ? "pseudo-log-det F_z|x (rank-deficient)" : "log-det F_z|x"), .number(logDeterminant)]]
        rows += diagonal.enumerated().map { [.text("diag[\($0)]"), .number($1)] }
        return ProbeTable(title: "Effective information in the activations, linearised (Fisher of z about x)",
                          settings: [("form", form.rawValue),
                                     ("β", posteriorNoise ? "in the posterior's variances" : "\(beta) (mean-loss convention)"),
                                     ("ε", "\(epsilon)"),
                                     ("weight noise", posteriorNoise ? "N(0, diag σ²), a fitted posterior's variances" : "N(0, β F⁻¹)"),
                                     ("unit", "none (Fisher)")],
                          columns: ["quantity", "value"], rows: rows)
    }
}
