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

    /// One Adam step of every parameter; `prepare(w, g)` first applies the variant's weight decay
    /// (to the gradient for Adam's L2, to the weights for AdamW).
    mutating func update(_ pairs: [(parameter: Parameter, gradient: Tensor<Float>)], learningRate: Double,
                         prepare: (inout [Float], inout [Float]) -> Void) throws {
        // Moments are taken out before the parallel part and put back after it, so each
        // parameter's work touches only its own slots.
        var moments = try pairs.map { pair -> (m: [Float], v: [Float]) in
            let count = pair.parameter.value.count
            return (try first.take(for: pair.parameter, count: count), try second.take(for: pair.parameter, count: count))
        }
        let times = pairs.map { (steps[$0.parameter.name] ?? 0) + 1 }
        let updated = try moments.withUnsafeMutableBufferPointer { slots in
            try OptimizerSupport.perParameter(pairs.map { $0.parameter.value.count }) { index in
                var w = pairs[index].parameter.value.scalars
                var g = pairs[index].gradient.scalars
                prepare(&w, &g)
                step(&w, g, &slots[index].m, &slots[index].v, t: times[index], learningRate: learningRate)
                return w
            }
        }
        for (index, pair) in pairs.enumerated() {
            steps[pair.parameter.name] = times[index]
            first.set(moments[index].m, for: pair.parameter)
            second.set(moments[index].v, for: pair.parameter)
            try OptimizerSupport.store(updated[index], into: pair.parameter)
        }
    }

    /// One Adam step of `w` with the (already decayed, if L2) gradient `g` at step `t`.
    func step(_ w: inout [Float], _ g: [Float], _ m: inout [Float], _ v: inout [Float], t: Int64,
              learningRate: Double) {
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
