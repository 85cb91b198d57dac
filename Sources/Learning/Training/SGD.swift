import TensorRuntime

/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// following PyTorch's `torch.optim.SGD` with dampening 0:
///
///     g = ∇ + λ·w                       (L2 weight decay, coupled into the gradient)
///     b = g on the first step, else b = μ·b + g
///     d = g + μ·b  (Nesterov)   or   d = b   (classic momentum)
///     w = w − lr·d
///
/// With μ = 0 no buffer is kept and `d = g`.
public final class SGD: Optimizer {
    /// The learning rate used by the next update.
    public var learningRate: Double
    /// The momentum factor μ in [0, 1).
    public let momentum: Double
    /// Whether to use Nesterov momentum (requires μ > 0).
    public let nesterov: Bool
    /// The L2 penalty λ added to the gradient as λ·w.
    public let weightDecay: Double
    private var buffers = MomentBuffers(kind: "momentum")

    /// An SGD optimizer; throws for a negative rate or decay, μ outside [0, 1), or Nesterov without μ.
    public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) throws {
        let name = "sgd"
        try OptimizerSupport.require(learningRate >= 0 && learningRate.isFinite, name,
                                     "learning rate must be a finite number >= 0, got \(learningRate)")
        try OptimizerSupport.require(momentum >= 0 && momentum < 1, name,
                                     "momentum must be in [0, 1), got \(momentum)")
        try OptimizerSupport.require(!nesterov || momentum > 0, name, "nesterov needs a momentum above 0")
        try OptimizerSupport.require(weightDecay >= 0 && weightDecay.isFinite, name,
                                     "weight decay must be a finite number >= 0, got \(weightDecay)")
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    /// Applies one SGD step to every trainable parameter.
    public func update(_ parameters: [Parameter], gradients: [Tensor<Float>]) throws {
        let lr = Float(learningRate), mu = Float(momentum), decay = Float(weightDecay)
        for (parameter, gradient) in try OptimizerSupport.pairs(parameters, gradients, optimizer: "sgd") {
            var w = parameter.value.scalars
            var g = gradient
            if decay != 0 {
                for i in g.indices { g[i] += decay * w[i] }
            }
            if mu != 0 {
                var b: [Float]
                if let previous = try buffers.values(for: parameter, count: g.count) {
                    b = previous
                    for i in b.indices { b[i] = mu * b[i] + g[i] }
                } else {
                    b = g
                }
                buffers.set(b, for: parameter)
                if nesterov {
                    for i in g.indices { g[i] += mu * b[i] }
                } else {
                    g = b
                }
            }
            for i in w.indices { w[i] -= lr * g[i] }
            try OptimizerSupport.store(w, into: parameter)
        }
    }

    /// The momentum buffers as `<parameter>.momentum` (absent before the first step).
    public func exportState() throws -> StateRecord {
        var record = StateRecord()
        try buffers.export(into: &record)
        return record
    }

    /// Restores momentum buffers saved by `exportState`.
    public func importState(_ state: StateRecord) throws {
        let used = buffers.restore(from: state)
        if let stray = state.tensors.keys.first(where: { !used.contains($0) }) ?? state.integers.keys.first {
            throw TrainingError.invalidState("sgd does not keep an entry like '\(stray)'")
        }
    }
}
