import Foundation

/// One row of a Fisher breakdown: a layer or a parameter tensor.
public struct FisherEntry: Sendable, Equatable {
    /// The layer or tensor name.
    public let name: String
    /// Its part of tr F.
    public let trace: Double
    /// `trace / tr F` (0 when tr F is 0).
    public let share: Double
    /// The standard error of `trace` (Monte Carlo only).
    public let standardError: Double?
}

/// The result of P1: tr F in total, per layer and per tensor, optionally diag F. No unit: the
/// Fisher scales with the parameterisation.
public struct FisherResult: ProbeResult, Sendable {
    /// Which Fisher and which estimator.
    public let estimator: FisherEstimator
    /// How per-sample gradients were obtained.
    public let method: PerSampleMethod
    /// The number of inputs averaged over.
    public let samples: Int
    /// tr F of the whole model (also when only some layers are reported).
    public let total: Double
    /// The standard error of `total` over inputs (Monte Carlo only; nil for exact/empirical).
    public let standardError: Double?
    /// Per layer, in forward order.
    public let layers: [FisherEntry]
    /// Per parameter tensor, in parameter order.
    public let tensors: [FisherEntry]
    /// diag F per tensor (row-major, in the tensor's shape), when asked for.
    public let diagonal: [[Double]]?

    init<S>(model: ProbeModel<S>, estimator: FisherEstimator, method: PerSampleMethod, perSample: [[Double]],
            diagonal: [[Double]]?, selectedLayers: [String]? = nil) {
        let n = perSample.first?.count ?? 0
        let isMC: Bool
        if case .monteCarlo = estimator { isMC = true } else { isMC = false }
        func summary(_ rows: [[Double]]) -> (mean: Double, se: Double?) {
            let values = (0..<n).map { i in rows.reduce(0) { $0 + $1[i] } }
            let mean = values.reduce(0, +) / Double(max(n, 1))
            guard isMC, n >= 2 else { return (mean, nil) }
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            return (mean, (variance / Double(n)).squareRoot())
        }
        let all = summary(perSample)
        func entry(_ name: String, _ rows: [[Double]]) -> FisherEntry {
            let s = summary(rows)
            return FisherEntry(name: name, trace: s.mean, share: all.mean > 0 ? s.mean / all.mean : 0, standardError: s.se)
        }
        self.estimator = estimator
        self.method = method
        self.samples = n
        self.total = all.mean
        self.standardError = all.se
        let chosen = model.layers.filter { selectedLayers?.contains($0.name) ?? true }
        self.layers = chosen.map { entry($0.name, Array(perSample[$0.range])) }
        self.tensors = chosen.flatMap { layer in zip(layer.tensorNames, perSample[layer.range]).map { entry($0, [$1]) } }
        self.diagonal = diagonal
    }

    /// The table: one row per layer, then per tensor, then the total.
    public var table: ProbeTable {
        var heading = "\(estimator.label), \(samples) inputs"
        if case .monteCarlo(let seed) = estimator { heading += ", seed \(seed)" }
        let settings: [(key: String, value: String)] = [("per-sample gradients", method.rawValue),
                                                        ("unit", "none (Fisher scales with the parameterisation)")]
        func cell(_ e: FisherEntry) -> ProbeCell {
            e.standardError.map { .estimate(e.trace, standardError: $0) } ?? .number(e.trace)
        }
        var rows: [[ProbeCell]] = layers.map { [.text("layer"), .text($0.name), cell($0), .share($0.share)] }
        rows += tensors.map { [.text("tensor"), .text($0.name), cell($0), .share($0.share)] }
        rows.append([.text("total"), .text("all"), standardError.map { .estimate(total, standardError: $0) } ?? .number(total), .share(1)])
        let title = estimator == .empirical ? "Empirical Fisher information, trace" : "Fisher information, trace"
        return ProbeTable(title: "\(title) — \(heading)", settings: settings,
                          columns: ["level", "name", "tr F", "share"], rows: rows)
    }
}
