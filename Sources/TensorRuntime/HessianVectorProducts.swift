/// Hessian-vector products of one scalar loss at fixed parameters, for any number of vectors:
/// the loss and its gradient are recorded once (reverse mode with `createGraph`), and each
/// product is one more backward pass, of `⟨∇L, v⟩`, through that recorded graph.
///
/// One-shot products (`Autodiff.hessianVectorProduct`) run the forward pass and the recorded
/// first backward pass again for every vector; an estimator that takes many products at the
/// same point (Hutchinson probes, Lanczos steps) pays only the second backward per vector here.
/// The recorded graph stays alive as long as this value, so its memory is the price.
public struct HessianVectorProducts<S: TensorScalar> {
    /// Fresh variables standing for the parameters; the recorded gradient depends on them.
    let variables: [Tensor<S>]
    /// `∇L` at the parameters, recorded so that it can be differentiated again.
    let gradients: [Tensor<S>]

    /// Records `loss` at `parameters` and its gradient.
    public init(at parameters: [Tensor<S>], loss: ([Tensor<S>]) throws -> Tensor<S>) throws {
        variables = parameters.map { $0.detached().variable() }
        let value = try loss(variables)
        gradients = try value.gradients(withRespectTo: variables, createGraph: true)
    }

    /// `H v`, exactly: the gradient of `⟨∇L, v⟩` with respect to the parameters.
    ///
    /// - Throws: `TensorError` when `vector` does not match the parameters tensor by tensor.
    public func product(_ vector: [Tensor<S>]) throws -> [Tensor<S>] {
        try Autodiff.checkMatching(variables, vector, "hessianVectorProduct")
        let directional = try Autodiff.innerProduct(gradients, vector.map { $0.detached() })
        return try directional.gradients(withRespectTo: variables)
    }
}
