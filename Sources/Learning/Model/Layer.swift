import TensorRuntime

/// One stage of a network: it infers its shapes and creates its parameters once (`build`), then
/// maps a batch to a batch (`forward`).
///
/// Shapes given to and returned by `build` are per sample (no batch axis): `[784]` for a flat
/// vector, `[channels, height, width]` for an image. Tensors given to `forward` carry the batch as
/// axis 0. A `Network` is itself a layer, so blocks compose.
public protocol Layer: AnyObject {
    /// The short kind shown in summaries and errors, e.g. `dense`, `conv2d`, `relu`.
    var kind: String { get }
    /// The trainable tensors, in a fixed order (empty before `build`).
    var parameters: [Parameter] { get }
    /// Non-trainable state updated by the forward pass itself (batch-norm running statistics).
    var statistics: [Parameter] { get }
    /// The per-sample output shape, once built.
    var outputShape: [Int]? { get }
    /// Checks `inputShape`, creates the parameters under `scope`'s name prefix, and returns the
    /// per-sample output shape. Building again re-creates (re-initialises) the parameters.
    func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int]
    /// The layer applied to a batch `[batch] + inputShape`.
    func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float>
}

extension Layer {
    /// No trainable tensors by default.
    public var parameters: [Parameter] { [] }
    /// No running statistics by default.
    public var statistics: [Parameter] { [] }
}

/// The per-sample shape of a batch tensor.
func sampleShape(_ tensor: Tensor<Float>) -> [Int] {
    Array(tensor.shape.dropFirst())
}

/// The number of elements of a per-sample shape, or nil when the product overflows.
func elementCount(_ shape: [Int]) -> Int? {
    var count = 1
    for dim in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: dim)
        if overflow || dim < 0 { return nil }
        count = product
    }
    return count
}
