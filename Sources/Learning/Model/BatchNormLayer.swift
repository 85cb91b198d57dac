import TensorRuntime

/// Batch normalisation over the channels of `[C]` or `[C, H, W]` inputs, as PyTorch's
/// `BatchNorm1d`/`BatchNorm2d`: in training, each channel is normalised by the batch's mean and
/// biased variance, and the running statistics move toward the batch's (mean, unbiased variance)
/// by `momentum`; in evaluation, the running statistics are used.
public final class BatchNormLayer: Layer {
    /// The weight of the newest batch in the running statistics (PyTorch's default 0.1).
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// The scale `[C]` (starts at 1), once built.
    public private(set) var weight: Parameter?
    /// The shift `[C]` (starts at 0), once built.
    public private(set) var bias: Parameter?
    /// The running mean `[C]`, a non-trainable statistic.
    public private(set) var runningMean: Parameter?
    /// The running (unbiased) variance `[C]`, a non-trainable statistic.
    public private(set) var runningVariance: Parameter?
    /// The per-sample output shape, once built.
    public private(set) var outputShape: [Int]?

    /// A batch-norm layer.
    public init(momentum: Float = 0.1, epsilon: Float = Float(Normalization.defaultEpsilon)) {
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// `batchnorm`.
    public var kind: String { "batchnorm" }
    /// Scale and shift.
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }
    /// Running mean and variance.
    public var statistics: [Parameter] { [runningMean, runningVariance].compactMap { $0 } }

    /// One scale, shift and pair of statistics per channel (axis 0 of the sample).
    public func build(inputShape: [Int], scope: inout BuildScope) throws -> [Int] {
        guard momentum >= 0, momentum <= 1, epsilon > 0, epsilon.isFinite else {
            throw scope.error(kind, "momentum must be in [0, 1] and epsilon positive, got \(momentum) and \(epsilon)")
        }
        guard inputShape.count == 1 || inputShape.count == 3 else {
            throw scope.error(kind, "expects [features] or [channels, height, width], got \(TensorShape.describe(inputShape))")
        }
        let c = inputShape[0]
        weight = Parameter(name: scope.name("weight"), value: try Tensor<Float>.ones([c]))
        bias = Parameter(name: scope.name("bias"), value: try Tensor<Float>.zeros([c]))
        runningMean = Parameter(name: scope.name("running_mean"), value: try Tensor<Float>.zeros([c]), isTrainable: false)
        runningVariance = Parameter(name: scope.name("running_var"), value: try Tensor<Float>.ones([c]), isTrainable: false)
        outputShape = inputShape
        return inputShape
    }

    /// The normalised batch; in training also updates the running statistics.
    public func forward(_ input: Tensor<Float>, context: inout ForwardContext) throws -> Tensor<Float> {
        guard let weight, let bias, let runningMean, let runningVariance else {
            throw ModelError.network(message: "batchnorm layer used before the network was built")
        }
        let c = weight.shape[0]
        let shape = Normalization.channelShape(channels: c, rank: input.rank)
        let scale = try context.value(of: weight).reshaped(shape)
        let shift = try context.value(of: bias).reshaped(shape)
        guard context.training else {
            return try Normalization.normalize(input, mean: context.value(of: runningMean).detached().reshaped(shape),
                                               variance: context.value(of: runningVariance).detached().reshaped(shape),
                                               scale: scale, shift: shift, epsilon: epsilon)
        }
        let axes = [0] + Array(2..<max(input.rank, 2))
        let perChannel = input.count / max(c, 1)
        guard perChannel > 1 else {
            throw ModelError.network(message: "batchnorm: training needs more than one value per channel, "
                + "got input \(TensorShape.describe(input.shape))")
        }
        let result = try Normalization.normalizeWithBatchStatistics(input, axes: axes, scale: scale, shift: shift,
                                                                    epsilon: epsilon)
        let unbiased = try result.variance.detached() * (Float(perChannel) / Float(perChannel - 1))
        try runningMean.assign(try (runningMean.value * (1 - momentum)
            + result.mean.detached().reshaped([c]) * momentum))
        try runningVariance.assign(try (runningVariance.value * (1 - momentum) + unbiased.reshaped([c]) * momentum))
        return result.output
    }
}
