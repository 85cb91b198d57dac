/// Derivative products built on the reverse-mode core: Hessian-, Jacobian- and
/// Gauss-Newton-vector products, and per-sample gradient norms (`Autodiff+PerSample.swift`).
///
/// Functions here take the quantity to differentiate as a closure over fresh variables, so callers
/// pass plain (constant) parameter tensors and get constant results back.
public enum Autodiff {
    /// The Hessian of a scalar `loss` at `parameters`, times `vector`, exactly, by differentiating
    /// the recorded gradient a second time (reverse over reverse). For many vectors at the same
    /// parameters, `HessianVectorProducts` records the loss and its gradient only once.
    public static func hessianVectorProduct<S>(
        at parameters: [Tensor<S>], vector: [Tensor<S>], loss: ([Tensor<S>]) throws -> Tensor<S>
    ) throws -> [Tensor<S>] {
        try checkMatching(parameters, vector, "hessianVectorProduct")
        return try HessianVectorProducts(at: parameters, loss: loss).product(vector)
    }

    /// The value of `function` at `parameters` and its Jacobian times `tangent` (forward-mode
    /// derivative), by the double-vjp trick: `uᵀJ` is linear in a dummy seed `u`, and its gradient
    /// with respect to `u` after an inner product with the tangent is `J · tangent`.
    public static func jacobianVectorProduct<S>(
        at parameters: [Tensor<S>], tangent: [Tensor<S>], function: ([Tensor<S>]) throws -> Tensor<S>
    ) throws -> (value: Tensor<S>, product: Tensor<S>) {
        try checkMatching(parameters, tangent, "jacobianVectorProduct")
        let variables = parameters.map { $0.detached().variable() }
        let value = try function(variables)
        let product = try jvp(value, variables, tangent)
        return (value.detached(), product)
    }

    /// The Gauss-Newton matrix of the batch-mean softmax cross-entropy of `logits(parameters)`,
    /// times `vector`: `(1/B) Σ_i J_iᵀ (diag p_i − p_i p_iᵀ) J_i v`, with `J_i` the Jacobian of
    /// sample `i`'s logits and `p_i` its softmax. It does not depend on the labels, and it equals
    /// the Fisher information (labels drawn from the model) times `vector` — docs/probe-formulas.md, P1 and P6.
    public static func gaussNewtonVectorProduct<S>(
        at parameters: [Tensor<S>], vector: [Tensor<S>], logits: ([Tensor<S>]) throws -> Tensor<S>
    ) throws -> [Tensor<S>] {
        let name = "gaussNewtonVectorProduct"
        try checkMatching(parameters, vector, name)
        let variables = parameters.map { $0.detached().variable() }
        let z = try logits(variables)
        guard z.rank == 2, z.shape[0] > 0 else {
            throw TensorError.invalidArgument(
                operation: name, reason: "logits must be [batch, classes]; got \(TensorShape.describe(z.shape))")
        }
        let jv = try jvp(z, variables, vector)
        let p = try z.detached().softmax(axis: 1)
        let pjv = try p * jv
        let curvature = try (pjv - p * pjv.sum(axes: [1], keepingDims: true)) / S(z.shape[0])
        return try z.gradients(withRespectTo: variables, seed: curvature)
    }

    /// `J · tangent` for an output already recorded from `variables`.
    static func jvp<S>(_ output: Tensor<S>, _ variables: [Tensor<S>], _ tangent: [Tensor<S>]) throws -> Tensor<S> {
        let seed = try Tensor<S>.zeros(like: output).variable()
        let pulled = try output.gradients(withRespectTo: variables, seed: seed, createGraph: true)
        let directional = try innerProduct(pulled, tangent.map { $0.detached() })
        return try directional.gradient(withRespectTo: seed)
    }

    /// `Σ_i sum(a_i * b_i)` as a recorded scalar.
    static func innerProduct<S>(_ a: [Tensor<S>], _ b: [Tensor<S>]) throws -> Tensor<S> {
        var total = Tensor<S>(0)
        for (x, y) in zip(a, b) { total = try total + (x * y).sum() }
        return total
    }

    /// Checks that a list of vectors matches a list of parameters, tensor by tensor.
    static func checkMatching<S>(_ parameters: [Tensor<S>], _ vectors: [Tensor<S>], _ name: String) throws {
        guard parameters.count == vectors.count else {
            throw TensorError.invalidArgument(
                operation: name, reason: "\(parameters.count) parameters but \(vectors.count) vector parts")
        }
        for (p, v) in zip(parameters, vectors) where p.shape != v.shape {
            throw TensorError.incompatibleShapes(operation: name, shapes: [p.shape, v.shape],
                                                 reason: "each vector part must have its parameter's shape")
        }
    }
}
