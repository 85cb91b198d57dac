import Foundation

/// P4: McAllester's linear PAC-Bayes bound, as used in the paper. For a per-sample loss in [0, 1]
/// and `β_PAC > ½` fixed before seeing the data, with probability at least 1 − δ:
/// `L_test(Q) ≤ [E_Q L_D + (β_PAC/N)(KL(Q‖P) + log(1/δ))] / (1 − 1/(2β_PAC))`.
///
/// `β_PAC = N·β` in terms of the mean-loss β.
public struct PACBayesBound: ProbeResult, Sendable, Equatable {
    /// `E_Q L_D`, the empirical loss averaged over weights from Q (in [0, 1]).
    public let empiricalLoss: Double
    /// The standard error of `empiricalLoss` when it is a Monte Carlo average, else nil.
    public let empiricalStandardError: Double?
    /// `KL(Q‖P)` in nats.
    public let kl: Double
    /// The number of training samples N.
    public let samples: Int
    /// The confidence parameter δ.
    public let delta: Double
    /// β_PAC (PAC-Bayes convention; equals N·β of the mean-loss convention).
    public let betaPAC: Double
    /// The bound on the test loss.
    public let bound: Double

    /// Computes the bound.
    ///
    /// - Throws: `ProbeError.invalidArgument` for β_PAC ≤ ½, δ outside (0, 1), a loss outside
    ///   [0, 1], a negative KL or N < 1.
    public init(empiricalLoss: Double, kl: Double, samples: Int, delta: Double, betaPAC: Double,
                empiricalStandardError: Double? = nil) throws {
        let probe = "pac_bayes"
        guard betaPAC > 0.5, betaPAC.isFinite else {
            throw ProbeError.invalidArgument(probe: probe, message: "β_PAC must be greater than ½ (the bound's denominator 1 − 1/(2β_PAC) must be positive); got \(betaPAC)")
        }
        guard delta > 0, delta < 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "δ must be in (0, 1); got \(delta)")
        }
        guard empiricalLoss >= 0, empiricalLoss <= 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "the bound needs a per-sample loss in [0, 1] (0-1 error or clipped NLL); got mean \(empiricalLoss)")
        }
        guard kl >= 0, kl.isFinite, samples >= 1 else {
            throw ProbeError.invalidArgument(probe: probe, message: "KL must be finite and ≥ 0 and N ≥ 1; got KL \(kl), N \(samples)")
        }
        self.empiricalLoss = empiricalLoss
        self.empiricalStandardError = empiricalStandardError
        self.kl = kl
        self.samples = samples
        self.delta = delta
        self.betaPAC = betaPAC
        bound = (empiricalLoss + betaPAC / Double(samples) * (kl + Foundation.log(1 / delta))) / (1 - 1 / (2 * betaPAC))
    }

    /// Checks that every loss lies in [0, 1] and returns their mean and standard error.
    public static func meanLoss(_ losses: [Double]) throws -> (mean: Double, standardError: Double) {
        guard !losses.isEmpty else {
            throw ProbeError.invalidArgument(probe: "pac_bayes", message: "no losses given")
        }
        if let bad = losses.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw ProbeError.invalidArgument(probe: "pac_bayes", message: "loss \(losses[bad]) at index \(bad) is outside [0, 1]; use the 0-1 error or a clipped NLL")
        }
        let n = Double(losses.count), mean = losses.reduce(0, +) / n
        let variance = losses.count > 1 ? losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
        return (mean, (variance / n).squareRoot())
    }

    /// The table of inputs and the bound.
    public var table: ProbeTable {
        let emp: ProbeCell = empiricalStandardError.map { .estimate(empiricalLoss, standardError: $0) } ?? .number(empiricalLoss)
        return ProbeTable(title: "PAC-Bayes bound (McAllester, linear form)",
                          settings: [("β_PAC", "\(betaPAC) (PAC-Bayes convention, = N·β)"), ("δ", "\(delta)"), ("N", "\(samples)")],
                          columns: ["quantity", "value"],
                          rows: [[.text("E_Q L_D"), emp], [.text("KL(Q||P) nats"), .number(kl)],
                                 [.text("test loss bound"), .number(bound)]])
    }
}
