import Foundation

/// Whether an optimiser's objective has settled, from its trace (one estimate per step), by the
/// means of its quarters. The variational probes average their iterates over the second half of
/// the run, so a run whose objective still moves there reports numbers of an unfinished
/// optimisation. Two signs of that: the last quarter's mean differs from the third's by more than
/// `tolerance` of the objective; or, beyond the steps' noise, it still differs by more than
/// `lateShare` of the whole run's movement (a slow steady drift, small per quarter in a short run).
public struct Convergence: Sendable, Equatable {
    /// A relative change up to this is taken as settled.
    public static let tolerance = 0.01
    /// The largest share of the run's movement a settled run makes in its last quarter: an
    /// exponential approach that has had three time constants makes under a tenth.
    public static let lateShare = 0.1
    /// A change counts as movement beyond this many standard errors of the step noise.
    static let noiseMultiple = 3.0

    /// |mean of the last quarter − mean of the third| / |mean of the last quarter|.
    public let relativeChange: Double
    /// |mean of the last quarter − mean of the third| / |mean of the last quarter − mean of the first|.
    public let shareOfRunChange: Double
    /// Whether the last quarter's change exceeds the noise of the per-step estimates.
    let lateChangeIsReal: Bool
    /// The steps in each quarter.
    public let window: Int

    /// The convergence of `trace`.
    public init(trace: [Double]) {
        window = max(trace.count / 4, 1)
        func mean(_ part: ArraySlice<Double>) -> Double? { part.isEmpty ? nil : part.reduce(0, +) / Double(part.count) }
        let last = mean(trace.suffix(window)), third = mean(trace.dropLast(window).suffix(window)), first = mean(trace.prefix(window))
        guard let last, let third, let first, trace.count >= 2 else {
            (relativeChange, shareOfRunChange, lateChangeIsReal) = (.infinity, .infinity, true)
            return
        }
        let late = abs(last - third)
        relativeChange = late / max(abs(last), .leastNormalMagnitude)
        shareOfRunChange = late / max(abs(last - first), .leastNormalMagnitude)
        // Per-step noise from the spread of successive differences about their mean (a steady
        // trend shifts the mean, not the spread), then the standard error of a difference of two
        // quarters' means.
        let differences = zip(trace.dropFirst(), trace).map { $0 - $1 }
        let drift = differences.reduce(0, +) / Double(differences.count)
        let stepVariance = differences.reduce(0) { $0 + ($1 - drift) * ($1 - drift) } / Double(2 * differences.count)
        lateChangeIsReal = late > Self.noiseMultiple * (2 * stepVariance / Double(window)).squareRoot()
    }

    /// Whether the objective has settled (see the type's description).
    public var converged: Bool {
        relativeChange <= Self.tolerance && !(lateChangeIsReal && shareOfRunChange > Self.lateShare)
    }
}
