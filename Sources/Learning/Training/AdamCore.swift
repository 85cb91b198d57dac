import Foundation
import TensorRuntime

/// The moment estimates and update shared by `Adam` and `AdamW`, in PyTorch's form:
///
///     t = t + 1
///     m = β₁·m + (1 − β₁)·g
///     v = β₂·v + (1 − β₂)·g²
///     w = w − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// The step count t is kept per parameter, as PyTorch does, so a parameter first trained later
/// gets its own bias correction.
struct AdamCore {
    let name: String
    let beta1: Double
    let beta2: Double
    let epsilon: Double
    private var first = MomentBuffers(kind: "adam_m")
    private var second = MomentBuffers(kind: "adam_v")
    private var steps: [String: Int64] = [:]

    init(name: String, learningRate: Double, beta1: Double, beta2: Double, epsilon: Double,
         weightDecay: Double) throws {
        try OptimizerSupport.require(learningRate >= 0 && learningRate.isFinite, name,
                                     "learning rate must be a finite number >= 0, got \(learningRate)")
        try OptimizerSupport.require(beta1 >= 0 && beta1 < 1, name, "beta1 must be in [0, 1), got \(beta1)")
        try OptimizerSupport.require(beta2 >= 0 && beta2 < 1, name, "beta2 must be in [0, 1), got \(beta2)")
        try OptimizerSupport.require(epsilon > 0 && epsilon.isFinite, name, "epsilon must be above 0, got \(epsilon)")
        try OptimizerSupport.require(weightDecay >= 0 && weightDecay.isFinite, name,
                                     "weight decay must be a finite number >= 0, got \(weightDecay)")
        self.name = name
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// One Adam step of every parameter, in place. The variant's weight decay enters as `l2`
    /// (Adam: `g = ∇ + l2·w`) or as `shrink` (AdamW: `w = shrink·w` before the step); 0 and 1
    /// switch them off.
    mutating func update(_ pairs: [(parameter: Parameter, gradient: Tensor<Float>)], learningRate: Double,
                         l2: Float, shrink: Float) throws {
        // Every moment is taken out (and checked) before any parameter changes, so a misfitting
        // restored state fails the step without updating half the network.
        var ms = try pairs.map { try first.take(for: $0.parameter, count: $0.parameter.value.count) }
        var vs = try pairs.map { try second.take(for: $0.parameter, count: $0.parameter.value.count) }
        for (index, pair) in pairs.enumerated() {
            let t = (steps[pair.parameter.name] ?? 0) + 1
            let factors = AdamStep(beta1: beta1, beta2: beta2, epsilon: epsilon, learningRate: learningRate, t: t,
                                   l2: l2, shrink: shrink)
            OptimizerSupport.updateInPlace(pair.parameter, pair.gradient, &ms[index], &vs[index]) { w, g, m, v, n in
                guard let m, let v else { return }
                factors.apply(w, g, m, v, count: n)
            }
            steps[pair.parameter.name] = t
            first.set(ms[index], for: pair.parameter)
            second.set(vs[index], for: pair.parameter)
        }
    }

    func export() throws -> StateRecord {
        var record = StateRecord()
        try first.export(into: &record)
        try second.export(into: &record)
        for (parameter, t) in steps { record.integers["\(parameter).adam_step"] = t }
        return record
    }

    mutating func restore(_ state: StateRecord) throws {
        let used = first.restore(from: state).union(second.restore(from: state))
        if let stray = state.tensors.keys.first(where: { !used.contains($0) }) {
            throw TrainingError.invalidState("\(name) does not keep an entry like '\(stray)'")
        }
        var restored: [String: Int64] = [:]
        for (key, t) in state.integers {
            guard key.hasSuffix(".adam_step"), t >= 0 else {
                throw TrainingError.invalidState("\(name) does not keep an entry like '\(key)' = \(t)")
            }
            restored[String(key.dropLast(".adam_step".count))] = t
        }
        steps = restored
    }
}

/// The constants of one Adam step at step count `t`, and the per-element loop.
struct AdamStep {
    let b1: Float, b2: Float, c1: Float, c2: Float
    let stepSize: Float, rootCorrection2: Float, eps: Float, l2: Float, shrink: Float

    init(beta1: Double, beta2: Double, epsilon: Double, learningRate: Double, t: Int64, l2: Float, shrink: Float) {
        // The complements are taken in Double and rounded once, as PyTorch does (1 − β₂ in Float32
        // would be off by 1e-5 relative).
        b1 = Float(beta1)
        b2 = Float(beta2)
        c1 = Float(1 - beta1)
        c2 = Float(1 - beta2)
        stepSize = Float(learningRate / (1 - pow(beta1, Double(t))))
        rootCorrection2 = Float((1 - pow(beta2, Double(t))).squareRoot())
        eps = Float(epsilon)
        self.l2 = l2
        self.shrink = shrink
    }

    /// Updates `count` elements of `w`, `m` and `v` from `g`. The decay cases are separate loops:
    /// `g + 0·w` would turn an infinite weight into NaN, and each loop stays branch-free.
    func apply(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
               _ v: UnsafeMutablePointer<Float>, count n: Int) {
        if l2 != 0 {
            for i in 0..<n { moments(w, g[i] + l2 * w[i], m, v, i) }
        } else if shrink != 1 {
            for i in 0..<n {
                w[i] *= shrink
                moments(w, g[i], m, v, i)
            }
        } else {
            for i in 0..<n { moments(w, g[i], m, v, i) }
        }
    }

    @inline(__always)
    private func moments(_ w: UnsafeMutablePointer<Float>, _ g: Float, _ m: UnsafeMutablePointer<Float>,
                         _ v: UnsafeMutablePointer<Float>, _ i: Int) {
        m[i] = b1 * m[i] + c1 * g
        v[i] = b2 * v[i] + c2 * g * g
        w[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
    }
}
