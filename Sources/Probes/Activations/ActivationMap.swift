import TensorRuntime

/// The seam for P7: the activations `z = f_w(x)` of one layer for ONE input, as a differentiable
/// function of the weights and the input.
///
/// `function(parameters, x)` must compute z from the given tensors only (the probe passes
/// variables and perturbed inputs); z may have any shape and is read flattened. For a network,
/// pass the weights up to the layer of interest and a closure running the network's prefix.
public struct ActivationMap<S: TensorScalar> {
    /// The weights z depends on, in the order `function` takes them.
    public let parameters: [Tensor<S>]
    /// Computes z from weights and one input.
    public let function: ([Tensor<S>], Tensor<S>) throws -> Tensor<S>

    /// A map from its weights and function.
    public init(parameters: [Tensor<S>], function: @escaping ([Tensor<S>], Tensor<S>) throws -> Tensor<S>) {
        self.parameters = parameters.map { $0.detached() }
        self.function = function
    }

    /// k, the number of weights.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// z at x with `J = ∂z/∂w` (m×k) and `G = ∂z/∂x` (m×d), one backward pass per output.
    package func jacobians(at x: Tensor<S>, probe: String, diagonalFisher: Bool = false) throws -> (z: [Double], j: Matrix64, g: Matrix64) {
        let variables = parameters.map { $0.variable() }
        let input = x.detached().variable()
        let z: Tensor<S>
        do { z = try function(variables, input) } catch let error as TensorError {
            throw ProbeError.shapeMismatch(probe: probe, message: "the activation map failed on input \(TensorShape.describe(x.shape)): \(error)")
        }
        let m = z.count, k = parameterCount, d = x.count
        guard m * k <= ActivationInformation.maxJacobianEntries else {
            throw ProbeError.tooLarge(probe: probe, message: "J would be \(m)×\(k), over \(ActivationInformation.maxJacobianEntries) entries; probe a smaller layer or fewer weights")
        }
        try ProbeCost.activationInformation(weights: k, outputs: m, inputSize: d, prefixFlops: 0, diagonalFisher: diagonalFisher).check()
        var j = [Double](repeating: 0, count: m * k), g = [Double](repeating: 0, count: m * d)
        for i in 0..<m {
            var seed = [S](repeating: 0, count: m)
            seed[i] = 1
            let grads = try z.gradients(withRespectTo: variables + [input], seed: Tensor(shape: z.shape, scalars: seed))
            let row = grads.dropLast().flatMap { $0.scalars.map(Double.init) }
            for c in 0..<k { j[i * k + c] = row[c] }
            let gx = grads[grads.count - 1].scalars
            for c in 0..<d { g[i * d + c] = Double(gx[c]) }
        }
        return (z.scalars.map(Double.init), try Matrix64(rows: m, columns: k, elements: j), try Matrix64(rows: m, columns: d, elements: g))
    }
}
