import TensorRuntime

/// A sequence of layers applied in order; itself a `Layer`, so a network can be a block inside
/// another.
///
/// Lifecycle: declare the layers, `build(inputShape:random:)` once with the per-sample input
/// shape (e.g. `[1, 28, 28]` or `[784]`) to infer every shape and draw the initial weights, then
/// call `forward`.
///
/// **The forward function the training loop and probes use:**
/// ```swift
/// func forward(_ input: Tensor<Float>, training: Bool, random: inout RandomStream,
///              values: [Tensor<Float>]? = nil) throws -> Tensor<Float>
/// ```
/// `input` is a batch `[batch] + inputShape`. `training` switches dropout and batch norm to
/// training behaviour (batch norm then also updates its running statistics). `random` feeds the
/// dropout masks and is advanced by what they draw. `values`, when given, holds one tensor per
/// entry of `parameters` — or of `allParameters`, statistics included — in the same order and
/// shapes, used instead of the stored values; pass `parameters.map { $0.value.variable() }` and
/// differentiate the loss with respect to those tensors. `forward(_:context:)` gives the same pass with every layer's output recorded.
///
/// Names: parameters are named by dotted paths counted from 0 (`"0.weight"`, `"block1.2.bias"`),
/// as PyTorch names an `nn.Sequential`'s `state_dict`; summaries and errors count layers from 1.
public final class Network: Layer {
    /// The kind shown when this network is a block inside another (`network` by default).
    public let kind: String
    /// The layers, in order.
    public let layers: [any Layer]
    /// The name of each layer in parameter paths: its 0-based index unless given.
    public let layerNames: [String]
    /// The per-sample input shape, once built.
    public private(set) var inputShape: [Int]?
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?
    /// How the layers inside that leave theirs automatic draw their weights (a nested network
    /// inherits it unless it sets its own).
    public var initializer: Initializer = .automatic

    /// A network of `layers`, named by their indices.
    public init(_ layers: [any Layer], kind: String = "network") {
        self.kind = kind
        self.layers = layers
        self.layerNames = layers.indices.map(String.init)
    }

    /// A network whose layers have explicit names (e.g. `("block1", …)`) in parameter paths.
    public init(named layers: [(String, any Layer)], kind: String = "network") {
        self.kind = kind
        self.layers = layers.map(\.1)
        self.layerNames = layers.map(\.0)
    }

    /// The trainable tensors of every layer, in layer order: what optimizers update.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    /// The non-trainable running statistics of every layer, in layer order.
    public var statistics: [Parameter] { layers.flatMap(\.statistics) }
    /// Whether `build` has run.
    public var isBuilt: Bool { inputShape != nil }

    /// Infers every shape and draws the initial weights for per-sample inputs of `inputShape`.
    /// Each layer draws from its own split of `random`, so the same stream gives the same weights
    /// whatever the thread count; building again re-initialises.
    public func build(inputShape: [Int], random: RandomStream) throws {
        var scope = BuildScope(random: random)
        _ = try build(inputShape: inputShape, scope: &scope)
    }

    /// Builds each layer in turn on the previous layer's output shape.
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        try checkNames(scope)
        // 2^31 per axis keeps every layer's size arithmetic far from overflow.
        guard inputShape.allSatisfy({ $0 > 0 && $0 < 1 << 31 }), elementCount(inputShape) != nil else {
            throw ModelError.network(message: "input shape \(TensorShape.describe(inputShape)) must have positive sizes below 2^31")
        }
        if initializer != .automatic { scope.initializer = initializer }
        var shape = inputShape
        for (index, layer) in layers.enumerated() {
            let next = layers[(index + 1)...].first { !Network.passThroughKinds.contains($0.kind) }?.kind
                ?? scope.nextKind
            var child = scope.child(index: index, name: layerNames[index], nextKind: next)
            do {
                shape = try layer.build(inputShape: shape, scope: &child)
            } catch let error as TensorError {
                // Creating the weights can fail (e.g. over the allocation limit): say which layer.
                throw child.error(layer.kind, "\(error)")
            }
        }
        self.inputShape = inputShape
        self.outputShape = shape
        return shape
    }

    /// Layers skipped when looking for the activation that follows a weight layer (which picks
    /// He or Glorot): in conv → batchnorm → relu, the convolution feeds a relu.
    static let passThroughKinds: Set<String> = ["batchnorm", "layernorm", "dropout", "maxpool", "avgpool"]

    /// Refuses empty, dotted or repeated layer names, which would make parameter names ambiguous.
    private func checkNames(_ scope: BuildScope) throws {
        var seen = Set<String>()
        for name in layerNames {
            guard !name.isEmpty, !name.contains("."), seen.insert(name).inserted else {
                let place = scope.displayPath.isEmpty ? "network" : "block \(scope.displayPath)"
                throw ModelError.network(
                    message: "\(place): layer name '\(name)' is empty, contains a dot or is repeated")
            }
        }
    }
}
