import TensorRuntime
@testable import Probes

/// The closed-form cases T1 and T2 of docs/probe-formulas.md as probe models, in Double so the
/// closed forms can be matched to 1e-6 relative.
enum Fixtures {
    /// T1: logistic regression, X = [[1,2],[-1,.5],[.5,-1],[2,1]], y = [1,0,1,1], w = [.3,-.7].
    static func t1() throws -> (ProbeModel<Double>, ProbeData<Double>) {
        let w = try Tensor<Double>(shape: [2, 1], scalars: [0.3, -0.7])
        let model = try ProbeModel<Double>(layers: [("dense", [("dense.weight", w)])], output: .bernoulli) { p, x in
            let z = try Tensor.dense(x, weight: p[0], bias: nil)
            return ProbeForward(logits: z, taps: [LinearTap(output: z, input: x, weight: 0, bias: nil)])
        }
        let x = try Tensor<Double>(rows: [[1, 2], [-1, 0.5], [0.5, -1], [2, 1]])
        return (model, try ProbeData(inputs: x, labels: [1, 0, 1, 1]))
    }

    /// T2: softmax regression, 3 classes × 3 inputs (last input a constant 1).
    static func t2() throws -> (ProbeModel<Double>, ProbeData<Double>) {
        let w = try Tensor<Double>(rows: [[0.2, -0.1, 0], [0.5, 0.3, -0.2], [-0.4, 0.1, 0.3]]).transposed()
        let model = try ProbeModel<Double>(layers: [("dense", [("dense.weight", w)])], output: .softmax) { p, x in
            let z = try Tensor.dense(x, weight: p[0], bias: nil)
            return ProbeForward(logits: z, taps: [LinearTap(output: z, input: x, weight: 0, bias: nil)])
        }
        let x = try Tensor<Double>(rows: [[1, 0, 1], [0.5, -1, 1], [-1, 2, 1]])
        return (model, try ProbeData(inputs: x, labels: [0, 1, 2]))
    }

    /// A small random network: dense(4→5, tanh) → dense(5→3), or with a fused relu first layer.
    static func mlp(seed: UInt64, samples: Int = 40, relu: Bool = false, taps: Bool = true) throws -> (ProbeModel<Double>, ProbeData<Double>) {
        var random = RandomStream(seed: seed)
        let w1 = try Tensor<Double>.normal([4, 5], standardDeviation: 0.8, using: &random)
        let b1 = try Tensor<Double>.normal([5], standardDeviation: 0.3, using: &random)
        let w2 = try Tensor<Double>.normal([5, 3], standardDeviation: 0.8, using: &random)
        let b2 = try Tensor<Double>.normal([3], standardDeviation: 0.3, using: &random)
        let model = try ProbeModel<Double>(
            layers: [("hidden", [("hidden.weight", w1), ("hidden.bias", b1)]), ("out", [("out.weight", w2), ("out.bias", b2)])],
            output: .softmax) { p, x in
                let u = try Tensor.dense(x, weight: p[0], bias: p[1], relu: relu)
                let h = relu ? u : try u.tanh()
                let z = try Tensor.dense(h, weight: p[2], bias: p[3])
                let list = [LinearTap(output: u, input: x, weight: 0, bias: 1, fusedRelu: relu),
                            LinearTap(output: z, input: h, weight: 2, bias: 3)]
                return ProbeForward(logits: z, taps: taps ? list : [])
            }
        let x = try Tensor<Double>.normal([samples, 4], using: &random)
        let labels = try (0..<samples).map { _ in try random.nextInt(in: 0..<3) }
        return (model, try ProbeData(inputs: x, labels: labels))
    }
}

extension Fixtures {
    /// A small CNN in scalar type S: conv(1→2, 3×3, pad 1) tanh → flatten → dense(2·4·4 → 3).
    static func cnn<S: TensorScalar>(_ type: S.Type, seed: UInt64, samples: Int = 6, taps: Bool = true) throws -> (ProbeModel<S>, ProbeData<S>) {
        var random = RandomStream(seed: seed)
        let k = try Tensor<S>.normal([2, 1, 3, 3], standardDeviation: 0.5, using: &random)
        let kb = try Tensor<S>.normal([2], standardDeviation: 0.2, using: &random)
        let w = try Tensor<S>.normal([32, 3], standardDeviation: 0.3, using: &random)
        let b = try Tensor<S>.normal([3], standardDeviation: 0.2, using: &random)
        let model = try ProbeModel<S>(
            layers: [("conv", [("conv.weight", k), ("conv.bias", kb)]), ("dense", [("dense.weight", w), ("dense.bias", b)])],
            output: .softmax) { p, x in
                let c = try Tensor.conv2D(x, weight: p[0], bias: p[1], stride: 1, padding: 1)
                let h = try c.tanh().reshaped([x.shape[0], 32])
                let z = try Tensor.dense(h, weight: p[2], bias: p[3])
                let list = [LinearTap(output: c, input: x, weight: 0, bias: 1, isDense: false),
                            LinearTap(output: z, input: h, weight: 2, bias: 3)]
                return ProbeForward(logits: z, taps: taps ? list : [])
            }
        let x = try Tensor<S>.normal([samples, 1, 4, 4], using: &random)
        let labels = try (0..<samples).map { _ in try random.nextInt(in: 0..<3) }
        return (model, try ProbeData(inputs: x, labels: labels))
    }
}
