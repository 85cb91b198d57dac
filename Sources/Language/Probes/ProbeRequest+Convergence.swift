import Foundation
import Probes

/// How the variational probes (P3, P4) report whether their optimiser settled: a setting (or a
/// column of the sweep), members, and a note when it did not.
extension ProbeRequest {
    /// The setting line of one run's convergence.
    func convergenceSetting(_ c: Convergence) -> (key: String, value: String) {
        ("convergence", "objective changed \(Self.percent(c.relativeChange)) from the third quarter of the steps to the fourth "
            + "(settled: at most \(Self.percent(Convergence.tolerance)))")
    }

    /// The note for runs that did not settle (`at` names them in a sweep), nil when all did.
    func convergenceNote(_ runs: [(label: String?, convergence: Convergence)], steps: Int,
                         objective: String = "E_Q L_D + β·KL") -> String? {
        let unsettled = runs.filter { !$0.convergence.converged }
        guard let worst = unsettled.map(\.convergence).max(by: { $0.shareOfRunChange < $1.shareOfRunChange }) else { return nil }
        let labels = unsettled.compactMap(\.label)
        let which = labels.isEmpty ? "" : " at " + labels.joined(separator: ", ")
        return "the optimiser has not converged\(which): the objective \(objective) still changed by "
            + "\(Self.percent(worst.relativeChange)) over the last \(worst.window) of \(steps) steps, "
            + "\(Self.percent(min(worst.shareOfRunChange, 1))) of its change over the run (settled: at most "
            + "\(Self.percent(Convergence.tolerance)) and a tenth), so KL and E_Q L_D are those of an unfinished run; raise steps"
    }

    /// `converged`, `relative_change` and `objective_trace` (the objective at every step) of one run.
    func convergenceMembers(_ r: VariationalResult) -> [(name: String, value: Value)] {
        [("converged", .bool(r.convergence.converged)), ("relative_change", .number(r.convergence.relativeChange)),
         ("objective_trace", .list(r.objectiveTrace.map(Value.number)))]
    }

    /// A fraction as a percentage with two significant digits (0.31%, 12%).
    static func percent(_ x: Double) -> String {
        guard x.isFinite else { return formatNumber(x) }
        return x * 100 >= 10 ? String(format: "%.0f%%", x * 100) : String(format: "%.2g%%", x * 100)
    }
}
