import Foundation
import TensorRuntime

/// P7 could not factorise Σ_z = β J F⁻¹ Jᵀ + εI (or what it feeds) at this input. Two causes
/// need different remedies: a weight Fisher with tiny eigenvalues makes F⁻¹, and so Σ_z, so large
/// that rounding swamps ε (raise `damping`); an activation that does not move with the weights
/// leaves Σ_z singular but for ε (pass or raise `epsilon`, or probe another input).
public struct ActivationCovarianceSingular: Error, Equatable, CustomStringConvertible {
    /// The linear-algebra failure, as reported.
    public let reason: String
    /// The settings the user gave.
    public let epsilon: Double, damping: Double
    /// The largest diagonal entry of β J F⁻¹ Jᵀ (infinite when it overflowed).
    public let largestVariance: Double
    /// The smallest pivot of the damped weight Fisher's Cholesky factor over its largest (about
    /// 1/condition): F⁻¹ reaches 1/(smallest pivot).
    public let fisherPivotRatio: Double
    /// The mean of diag F, the scale a damping is measured against.
    public let meanFisherDiagonal: Double
    /// Whether the noise came from a fitted posterior's variances, which no damping changes: then
    /// ε is the only setting to name.
    public var fromPosterior = false

    /// Below this pivot ratio F⁻¹ spans more than Double's 16 digits can add ε to; the Fisher,
    /// summed in Float32, is noise there anyway.
    static let illConditioned = 1e-12
    /// An ε below this fraction of the largest variance is lost to rounding in Σ_z.
    static let lostInRounding = 1e-13
    /// The damping suggested, as a fraction of the mean of diag F: enough to bound F⁻¹ at
    /// 1000/mean diag F while changing the well-determined directions by 0.1%.
    static let suggestedDamping = 1e-3

    /// Whether damping, not ε, is the setting to change: Σ_z is too large for any ε to count.
    public var needsDamping: Bool {
        !fromPosterior && fisherPivotRatio < Self.illConditioned || !largestVariance.isFinite
            || (epsilon > 0 && epsilon < Self.lostInRounding * largestVariance)
    }

    /// What the user can change, naming the value they gave.
    public var advice: String {
        if needsDamping {
            let suggested = max(Self.suggestedDamping * meanFisherDiagonal, 10 * damping)
            let given = damping > 0 ? "raise damping from \(Self.format(damping))" : "pass damping > 0"
            let size = largestVariance.isFinite ? "reach \(Self.format(largestVariance))" : "overflow"
            return "its variances \(size) (the weight Fisher's smallest pivot is "
                + "\(Self.format(fisherPivotRatio)) of its largest, so F⁻¹ is huge), too large for ε to count; "
                + "\(given), e.g. \(Self.format(suggested)) (10⁻³ of the mean of diag F)"
        }
        let given = epsilon > 0 ? "raise epsilon from \(Self.format(epsilon))" : "pass epsilon > 0 (e.g. 1e-6)"
        if fromPosterior, epsilon > 0, !largestVariance.isFinite || epsilon < Self.lostInRounding * largestVariance {
            let size = largestVariance.isFinite ? "reach \(Self.format(largestVariance))" : "overflow"
            return "its variances \(size), too large for ε to count; \(given) to about 1e-6 of that"
        }
        return "some activation does not move with the weights here (a relu that is off, say); \(given) or probe another input"
    }

    public var description: String { "\(ActivationInformation.name): Σ_z is singular at this input (\(reason)): \(advice)" }

    static func format(_ x: Double) -> String { String(format: "%.3g", x) }
}

extension Cholesky {
    /// The smallest squared diagonal of the factor over the largest: the pivots' spread, about
    /// the reciprocal of the matrix's condition number.
    var pivotRatio: Double {
        let pivots = (0..<size).map { lower[$0, $0] * lower[$0, $0] }
        guard let largest = pivots.max(), largest > 0 else { return 0 }
        return (pivots.min() ?? 0) / largest
    }
}
