import TensorKernels
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

    /// Applies one SGD step to every trainable parameter, in place.
    public func update(_ parameters: [Parameter], gradients: [Tensor<Float>]) throws {
        let lr = Float(learningRate), mu = Float(momentum), decay = Float(weightDecay)
        let pairs = try OptimizerSupport.pairs(parameters, gradients, optimizer: "sgd")
        // Every buffer is taken out (and checked) before any parameter changes, so a misfitting
        // restored state fails the step without updating half the network.
        var momenta = try pairs.map { pair -> [Float] in
            mu != 0 ? try buffers.take(for: pair.parameter, count: pair.parameter.value.count) : []
        }
        let nesterov = self.nesterov
        var unused: [Float] = []
        for (index, pair) in pairs.enumerated() {
            OptimizerSupport.updateInPlace(pair.parameter, pair.gradient, &momenta[index], &unused) { w, g, b, _, n in
                SGD.step(w, g, b, count: n, lr: lr, mu: mu, decay: decay, nesterov: nesterov)
            }
            // Before the first step the buffer was zero, so μ·0 + g started it at g exactly.
            if mu != 0 { buffers.set(momenta[index], for: pair.parameter) }
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

    /// One step over `count` elements; `b` is the momentum buffer, nil without momentum. Runs the
    /// kernel variant's copy of `sgdStep` (compiled for the CPU, like the GEMM's tiles: compiled
    /// for no CPU this loop took 48% longer, bench/RESULTS.md).
    static func step(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>?,
                     count n: Int, lr: Float, mu: Float, decay: Float, nesterov: Bool) {
        KernelPath.active.optimizerKernels.sgdStep(w, g, b, n, lr, mu, decay, nesterov)
    }
}
