/// One group of weights (a layer, or all) in a P2 result.
public struct WeightInformationEntry: Sendable, Equatable {
    /// Layer name, or "total".
    public let name: String
    /// Nats per curvature direction (empty for stochastic estimates).
    public let directionNats: [Double]
    /// `‖w*‖²/(2λ²)`: the nats of the mean.
    public let meanNats: Double
    /// `½ Σ_j [log(1+s_j) − s_j/(1+s_j)]` (corrected form).
    public let spectralNats: Double
    /// `C*_β − L_D(w*)`: `β‖w*‖²/(2λ²) + Σ_j (½ h_j σ_j² + β KL_j)`.
    public let lagrangian: Double

    /// IW = mean nats + spectral nats.
    public var nats: Double { meanNats + spectralNats }

    init(name: String, directionNats: [Double], meanNats: Double, spectralNats: Double, lagrangian: Double) {
        self.name = name
        self.directionNats = directionNats
        self.meanNats = meanNats
        self.spectralNats = spectralNats
        self.lagrangian = lagrangian
    }

    init(code: GaussianCode, name: String, eigenvalues: [Double], weightNormSquared: Double) {
        let nats = eigenvalues.map(code.nats)
        let mean = code.meanNats(weightNormSquared: weightNormSquared)
        self.init(name: name, directionNats: nats, meanNats: mean, spectralNats: nats.reduce(0, +),
                  lagrangian: code.beta * mean + eigenvalues.reduce(0) { $0 + code.lagrangian($1) })
    }

    static func sum(_ groups: [WeightInformationEntry]) -> WeightInformationEntry {
        WeightInformationEntry(name: "total", directionNats: groups.flatMap(\.directionNats),
                               meanNats: groups.reduce(0) { $0 + $1.meanNats },
                               spectralNats: groups.reduce(0) { $0 + $1.spectralNats },
                               lagrangian: groups.reduce(0) { $0 + $1.lagrangian })
    }
}

/// The result of P2: information in the weights (nats) and the Lagrangian C*_β, per layer and total.
public struct WeightInformationResult: ProbeResult, Sendable {
    /// λ, β and the form of Σ*.
    public let code: GaussianCode
    /// The estimator's name and settings.
    public let estimator: String
    /// `L_D(w*)`.
    public let loss: Double
    /// Per-layer entries (empty for whole-model estimators).
    public let groups: [WeightInformationEntry]
    /// The total.
    public let total: WeightInformationEntry
    /// Standard error of the spectral nats (stochastic estimators only).
    public let standardError: Double?
    /// Whether the total is an upper bound (blocks, diagonal) rather than an estimate.
    public let isUpperBound: Bool
    /// E_Q L_D sampled from Σ* beside the quadratic prediction (nil for Lanczos, which never forms Σ*).
    public internal(set) var check: QuadraticCheck?

    /// IW in nats.
    public var nats: Double { total.nats }
    /// C*_β.
    public var lagrangian: Double { loss + total.lagrangian }

    /// The table: nats, share and C* − L_D per layer, then the total.
    public var table: ProbeTable {
        let settings: [(key: String, value: String)] = [
            ("estimator", estimator), ("λ", "\(code.lambda)"), ("β", "\(code.beta) (mean-loss convention)"),
            ("posterior", code.form.rawValue), ("curvature", "true Fisher"), ("unit", "nats"),
            ("L_D(w*)", "\(loss)"), ("C*_β", "\(lagrangian)"),
        ] + (isUpperBound ? [("bound", "upper bound (ignores cross-block curvature)")] : []) + (check.map { [$0.setting] } ?? [])
        var rows: [[ProbeCell]] = groups.map { g in
            [.text(g.name), .number(g.nats), .share(total.nats > 0 ? g.nats / total.nats : 0), .number(g.lagrangian)]
        }
        let totalCell: ProbeCell = standardError.map { .estimate(total.nats, standardError: $0) } ?? .number(total.nats)
        rows.append([.text("total"), totalCell, .share(1), .number(total.lagrangian)])
        return ProbeTable(title: "Information in the weights, Gaussian code — \(estimator)", settings: settings,
                          columns: ["layer", "nats", "share", "C* − L_D"], rows: rows, notes: check?.note.map { [$0] } ?? [])
    }
}
