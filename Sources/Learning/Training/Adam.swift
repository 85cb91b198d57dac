import TensorRuntime

/// Adam with optional L2 weight decay coupled into the gradient (`g = ∇ + λ·w`), following
/// PyTorch's `torch.optim.Adam` (see `AdamCore` for the moment update and bias correction).
/// For decoupled decay use `AdamW`.
public final class Adam: Optimizer {
    /// The learning rate used by the next update.
    public var learningRate: Double
    /// The L2 penalty λ added to the gradient as λ·w.
    public let weightDecay: Double
    private var core: AdamCore

    /// An Adam optimizer; PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) throws {
        core = try AdamCore(name: "adam", learningRate: learningRate, beta1: beta1, beta2: beta2,
                            epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    /// Applies one Adam step to every trainable parameter.
    public func update(_ parameters: [Parameter], gradients: [Tensor<Float>]) throws {
        try core.update(try OptimizerSupport.pairs(parameters, gradients, optimizer: "adam"),
                        learningRate: learningRate, l2: Float(weightDecay), shrink: 1)
    }

    /// The moments as `<parameter>.adam_m` / `.adam_v` tensors and step counts as `.adam_step`.
    public func exportState() throws -> StateRecord { try core.export() }

    /// Restores moments and step counts saved by `exportState`.
    public func importState(_ state: StateRecord) throws { try core.restore(state) }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), following PyTorch's `torch.optim.AdamW`:
/// before the Adam step the weights shrink by `w = w − lr·λ·w`, and the gradient is left alone.
public final class AdamW: Optimizer {
    /// The learning rate used by the next update.
    public var learningRate: Double
    /// The decoupled decay rate λ (PyTorch's default 0.01).
    public let weightDecay: Double
    private var core: AdamCore

    /// An AdamW optimizer; PyTorch's defaults β = (0.9, 0.999), ε = 1e-8, λ = 0.01.
    public init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0.01) throws {
        core = try AdamCore(name: "adamw", learningRate: learningRate, beta1: beta1, beta2: beta2,
                            epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    /// Applies one AdamW step to every trainable parameter.
    public func update(_ parameters: [Parameter], gradients: [Tensor<Float>]) throws {
        try core.update(try OptimizerSupport.pairs(parameters, gradients, optimizer: "adamw"),
                        learningRate: learningRate, l2: 0, shrink: Float(1 - learningRate * weightDecay))
    }

    /// The moments as `<parameter>.adam_m` / `.adam_v` tensors and step counts as `.adam_step`.
    public func exportState() throws -> StateRecord { try core.export() }

    /// Restores moments and step counts saved by `exportState`.
    public func importState(_ state: StateRecord) throws { try core.restore(state) }
}
