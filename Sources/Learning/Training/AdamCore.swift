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

    /// One Adam step of `w` with the (already decayed, if L2) gradient `g`.
    mutating func step(_ parameter: Parameter, _ w: inout [Float], _ g: [Float], learningRate: Double) throws {
        var m = try first.take(for: parameter, count: g.count)
        var v = try second.take(for: parameter, count: g.count)
        let t = (steps[parameter.name] ?? 0) + 1
        steps[parameter.name] = t
        // The complements are taken in Double and rounded once, as PyTorch does (1 − β₂ in Float32
        // would be off by 1e-5 relative).
        let b1 = Float(beta1), b2 = Float(beta2), c1 = Float(1 - beta1), c2 = Float(1 - beta2)
        let correction1 = 1 - pow(beta1, Double(t))
        let correction2 = 1 - pow(beta2, Double(t))
        let stepSize = Float(learningRate / correction1)
        let rootCorrection2 = Float(correction2.squareRoot())
        let eps = Float(epsilon)
        let n = g.count
        // Raw pointers so the loop vectorises without bounds checks.
        w.withUnsafeMutableBufferPointer { wp in
            g.withUnsafeBufferPointer { gp in
                m.withUnsafeMutableBufferPointer { mp in
                    v.withUnsafeMutableBufferPointer { vp in
                        guard let w = wp.baseAddress, let g = gp.baseAddress, let m = mp.baseAddress,
                              let v = vp.baseAddress else { return }
                        for i in 0..<n {
                            m[i] = b1 * m[i] + c1 * g[i]
                            v[i] = b2 * v[i] + c2 * g[i] * g[i]
                            w[i] -= stepSize * m[i] / (v[i].squareRoot() / rootCorrection2 + eps)
                        }
                    }
                }
            }
        }
        first.set(m, for: parameter)
        second.set(v, for: parameter)
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
