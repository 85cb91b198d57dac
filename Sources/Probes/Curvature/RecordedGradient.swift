import TensorRuntime

/// Holds a curvature operator's recorded loss and gradient once its first Hessian-vector
/// product made them; a reference, so the non-mutating products of a value type can fill it.
final class RecordedGradient<S: TensorScalar> {
    /// Nil until the first product.
    var products: HessianVectorProducts<S>?
}
