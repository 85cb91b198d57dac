import TensorRuntime

/// How gradients are limited before the optimizer sees them, as in PyTorch's
/// `clip_grad_norm_` / `clip_grad_value_`.
public enum GradientClipping: Equatable {
    /// Gradients pass unchanged.
    case none
    /// When the norm of all gradients together, `√Σ‖gᵢ‖²`, exceeds `maxNorm`, every gradient is
    /// scaled by `maxNorm / (norm + 1e-6)` (PyTorch's guard against dividing by a tiny norm).
    case globalNorm(Double)
    /// Every component is clamped to `[-limit, limit]`.
    case value(Double)

    /// PyTorch adds this to the norm before dividing, so a near-zero norm never blows up the scale.
    static let normGuard = 1e-6

    /// Checks the limit is a positive finite number.
    public func validate() throws {
        switch self {
        case .none: return
        case .globalNorm(let limit), .value(let limit):
            guard limit > 0, limit.isFinite else {
                throw TrainingError.invalidSetting("gradient clipping limit must be a finite number above 0, got \(limit)")
            }
        }
    }

    /// The gradients after clipping.
    public func apply(_ gradients: [Tensor<Float>]) throws -> [Tensor<Float>] {
        switch self {
        case .none:
            return gradients
        case .globalNorm(let maxNorm):
            let norm = GradientClipping.globalNorm(gradients)
            guard norm > maxNorm else { return gradients }
            let scale = Float(maxNorm / (norm + GradientClipping.normGuard))
            return try gradients.map { try $0 * scale }
        case .value(let limit):
            let bound = Float(limit)
            return try gradients.map { gradient in
                try Tensor(shape: gradient.shape, scalars: gradient.scalars.map { Swift.min(Swift.max($0, -bound), bound) })
            }
        }
    }

    /// `√Σ g²` over every component of every gradient, accumulated in Double.
    public static func globalNorm(_ gradients: [Tensor<Float>]) -> Double {
        var total = 0.0
        for gradient in gradients {
            for x in gradient.scalars { total += Double(x) * Double(x) }
        }
        return total.squareRoot()
    }
}
