import TensorRuntime

/// Where a layer is being built: its names, the random stream for its initial weights, and the
/// layer that follows it (which picks He or Glorot initialisation).
public struct BuildScope {
    /// The prefix of this layer's parameter names, e.g. `"3."` or `"block1.0."` (0-based, as in
    /// PyTorch's `state_dict`, so exported names match an equivalent `nn.Sequential`).
    public var namePrefix: String
    /// The position shown in errors and summaries, counted from 1 at each level, e.g. `"3"`, `"2.1"`.
    public var displayPath: String
    /// The stream this layer's initial weights are drawn from; each layer gets its own split of
    /// the network's stream, so a layer's weights do not depend on the layers before it.
    public var random: RandomStream
    /// The kind of the layer that follows, if any (`relu` after a dense layer selects He init).
    public var nextKind: String?
    /// The rule for the layers that leave theirs automatic: the innermost enclosing network's
    /// (`Network.initializer`), else automatic.
    public var initializer: Initializer

    /// A scope for a top-level network built from `random`.
    public init(random: RandomStream) {
        self.namePrefix = ""
        self.displayPath = ""
        self.random = random
        self.nextKind = nil
        self.initializer = .automatic
    }

    /// The scope of child `index` (0-based) named `name` inside this one.
    func child(index: Int, name: String, nextKind: String?) -> BuildScope {
        var scope = self
        scope.namePrefix = namePrefix + name + "."
        scope.displayPath = displayPath.isEmpty ? "\(index + 1)" : "\(displayPath).\(index + 1)"
        scope.random = random.split(UInt64(index))
        scope.nextKind = nextKind
        return scope
    }

    /// The full name of this layer's parameter `local`, e.g. `"3.weight"`.
    func name(_ local: String) -> String { namePrefix + local }

    /// An error about the layer being built.
    func error(_ kind: String, _ message: String) -> ModelError {
        .layer(path: displayPath.isEmpty ? "1" : displayPath, kind: kind, message: message)
    }
}
