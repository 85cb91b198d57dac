/// A Gaussian posterior Q = N(mean, diag variances) over a network's weights, flat in parameter
/// order, as information_lagrangian fits it: activation_information(posterior:) perturbs the
/// weights with its noise instead of β F⁻¹.
struct WeightPosterior {
    let mean: [Double]
    let variances: [Double]
    /// The β it was fitted at (mean-loss convention) and its KL(Q‖P) in nats, for the settings.
    let beta: Double
    let kl: Double

    /// The first weight, in parameter order, where `weights` differ from the mean by more than
    /// Float rounding (the network holds Float weights, the mean Doubles), with both values;
    /// nil when the network sits at the mean.
    func firstDifference(from weights: [Double]) -> (index: Int, weight: Double, mean: Double)? {
        for (i, (w, m)) in zip(weights, mean).enumerated() where abs(w - m) > 1e-6 * max(1, abs(m)) {
            return (i, w, m)
        }
        return nil
    }
}

extension ArgumentKind where T == WeightPosterior {
    /// A result of information_lagrangian (its fitted Q).
    static var posterior: ArgumentKind<WeightPosterior> {
        ArgumentKind("a result of information_lagrangian") { value, _ in
            if case .object(let r as ProbeResultValue) = value { return r.posterior } else { return nil }
        }
    }
}
