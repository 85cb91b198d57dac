import Foundation
import TensorRuntime

/// Settings of the Hessian probe (P6).
public struct HessianOptions: Sendable, Equatable {
    /// Rademacher probes for the Hutchinson trace (and the stochastic gap): 100 gives a standard
    /// error around 10% of the spread of `vᵀHv`, enough to compare runs.
    public var probes: Int = 100
    /// Seed of the probe vectors and the Lanczos start.
    public var seed: UInt64 = 0
    /// How many of the largest eigenvalues to report.
    public var eigenvalues: Int = 3
    /// Lanczos steps: about 2–3 times `eigenvalues` and at least 20 for well-separated extremes.
    public var lanczosSteps: Int = 20
    /// Up to this k the gap ‖H − F‖/‖F‖ is computed from the exact matrices; above, stochastically.
    public var exactGapMaxParameters: Int = 500

    /// The defaults.
    public init() {}
}

/// P6: the Hessian of the mean loss: Hutchinson trace, top eigenvalues by Lanczos and the gap to
/// the Fisher (its Gauss-Newton part), `‖H − F‖_F / ‖F‖_F`.
public enum HessianProbe {
    static let name = "hessian"

    /// The Hutchinson estimate of tr H with Rademacher probes: mean of `vᵀHv` and its standard error.
    public static func hutchinsonTrace<S>(_ op: CurvatureOperator<S>, probes: Int, seed: UInt64) throws -> (value: Double, standardError: Double) {
        guard probes >= 2 else {
            throw ProbeError.invalidArgument(probe: name, message: "Hutchinson needs at least 2 probes for a standard error; got \(probes)")
        }
        let base = RandomStream(seed: seed)
        var samples: [Double] = []
        for i in 0..<probes {
            let v = rademacher(op.dimension, base.split(UInt64(i)))
            samples.append(zip(v, try op.hessianVectorProduct(v)).reduce(0) { $0 + $1.0 * $1.1 })
        }
        return meanAndError(samples)
    }

    /// The `count` largest eigenvalues of H (descending) by Lanczos, with residual bounds.
    public static func topEigenvalues<S>(_ op: CurvatureOperator<S>, count: Int, steps: Int, seed: UInt64) throws -> [RitzPair] {
        guard count >= 1, steps >= count else {
            throw ProbeError.invalidArgument(probe: name, message: "need 1 ≤ eigenvalues ≤ Lanczos steps; got \(count) and \(steps)")
        }
        var random = RandomStream(seed: seed, stream: 1)
        return try Lanczos.largestEigenpairs(count: min(count, op.dimension), dimension: op.dimension,
                                             steps: min(steps, op.dimension), random: &random, multiply: op.hessianVectorProduct)
    }

    /// `‖H − F‖_F / ‖F‖_F`: from the exact matrices when k ≤ `exactMaxParameters`, else from
    /// Rademacher probes (`E‖Av‖² = ‖A‖_F²`; a ratio of means, so no standard error is given).
    public static func fisherGap<S>(_ op: CurvatureOperator<S>, exactMaxParameters: Int, probes: Int,
                                    seed: UInt64) throws -> (value: Double, exact: Bool) {
        if op.dimension <= exactMaxParameters {
            let h = try op.matrix(maxParameters: exactMaxParameters, probe: name, op.hessianVectorProduct)
            let f = try op.matrix(maxParameters: exactMaxParameters, probe: name, op.fisherVectorProduct)
            let diff = zip(h.elements, f.elements).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let norm = f.elements.reduce(0) { $0 + $1 * $1 }
            return (norm > 0 ? (diff / norm).squareRoot() : .infinity, true)
        }
        let base = RandomStream(seed: seed, stream: 2)
        var diff = 0.0, norm = 0.0
        for i in 0..<max(probes, 1) {
            let v = rademacher(op.dimension, base.split(UInt64(i)))
            let hv = try op.hessianVectorProduct(v), fv = try op.fisherVectorProduct(v)
            diff += zip(hv, fv).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            norm += fv.reduce(0) { $0 + $1 * $1 }
        }
        return (norm > 0 ? (diff / norm).squareRoot() : .infinity, false)
    }

    /// All three, as one result.
    public static func summarize<S>(_ model: ProbeModel<S>, on data: ProbeData<S>, options: HessianOptions = HessianOptions()) throws -> HessianResult {
        let op = try CurvatureOperator(model: model, data: data)
        try ProbeCost.hessian(op.workload, options: options).check()
        let trace = try hutchinsonTrace(op, probes: options.probes, seed: options.seed)
        let top = try topEigenvalues(op, count: options.eigenvalues, steps: options.lanczosSteps, seed: options.seed)
        let gap = try fisherGap(op, exactMaxParameters: options.exactGapMaxParameters, probes: options.probes, seed: options.seed)
        return HessianResult(options: options, parameters: op.dimension, samples: data.count, trace: trace.value,
                             traceStandardError: trace.standardError, top: top, gap: gap.value, gapIsExact: gap.exact)
    }

    static func rademacher(_ n: Int, _ stream: RandomStream) -> [Double] {
        var s = stream
        var v = [Double](repeating: 0, count: n)
        v.withUnsafeMutableBufferPointer { s.fillRademacher($0) }
        return v
    }

    static func meanAndError(_ samples: [Double]) -> (value: Double, standardError: Double) {
        let n = Double(samples.count), mean = samples.reduce(0, +) / n
        let variance = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }
}

/// The result of P6. No unit: Hessian quantities scale with the parameterisation.
public struct HessianResult: ProbeResult, Sendable {
    /// The settings used.
    public let options: HessianOptions
    /// k.
    public let parameters: Int
    /// n.
    public let samples: Int
    /// Hutchinson tr H.
    public let trace: Double
    /// Its standard error.
    public let traceStandardError: Double
    /// The largest eigenvalues with residual bounds.
    public let top: [RitzPair]
    /// `‖H − F‖_F / ‖F‖_F`.
    public let gap: Double
    /// Whether the gap came from exact matrices.
    public let gapIsExact: Bool

    /// The table.
    public var table: ProbeTable {
        var rows: [[ProbeCell]] = [[.text("tr H (Hutchinson)"), .estimate(trace, standardError: traceStandardError)]]
        rows += top.enumerated().map { [.text("λ\($0 + 1)(H) (Lanczos, residual \(NumberColumn.plain($1.residual, decimals: nil)))"), .number($1.value)] }
        rows.append([.text("||H − F||_F / ||F||_F (\(gapIsExact ? "exact" : "stochastic"))"), .number(gap)])
        return ProbeTable(title: "Hessian of the mean loss L_D",
                          settings: [("weights", "\(parameters)"), ("inputs", "\(samples)"), ("probes", "\(options.probes) Rademacher"),
                                     ("seed", "\(options.seed)"), ("Lanczos steps", "\(options.lanczosSteps)"),
                                     ("F", "true Fisher (Gauss-Newton part)"), ("unit", "none")],
                          columns: ["quantity", "value"], rows: rows)
    }
}
