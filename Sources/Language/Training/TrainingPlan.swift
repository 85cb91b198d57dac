import Learning
import TensorRuntime

/// Turns the language's training settings (a schedule value and `train`'s arguments) into the
/// trainer's configuration.
enum TrainingPlan {
    /// Used when `train` gets no schedule: plain SGD with momentum, a common small-network default.
    static let defaultOptimizer = OptimizerValue(kind: "sgd", learningRate: 0.05, momentum: 0.9)
    /// Samples per step when the schedule names no batch size.
    static let defaultBatch = 64
    /// Epochs when neither the schedule nor `train` says.
    static let defaultEpochs = 10

    /// The trainer's optimizer for an optimizer value (fresh state).
    static func optimizer(_ o: OptimizerValue) throws -> Optimizer {
        switch o.kind {
        case "adam": return try Adam(learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2,
                                     epsilon: o.epsilon, weightDecay: o.weightDecay)
        case "adamw": return try AdamW(learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2,
                                       epsilon: o.epsilon, weightDecay: o.weightDecay)
        default: return try SGD(learningRate: o.learningRate, momentum: o.momentum, nesterov: o.nesterov,
                                weightDecay: o.weightDecay)
        }
    }

    /// The trainer's learning-rate schedule for a rate shape based on the optimizer's rate.
    static func rate(_ shape: RateValue.Shape, base: Double, unit: ScheduleUnit) -> LearningRateSchedule {
        let u: Learning.ScheduleUnit = unit == .step ? .step : .epoch
        switch shape {
        case .exponential(let f): return .exponential(base: base, factor: f, unit: u)
        case .stepDecay(let f, let every): return .step(base: base, factor: f, every: every, unit: u)
        case .multistep(let f, let m): return .multiStep(base: base, factor: f, milestones: m, unit: u)
        case .cosine(let length, let minimum): return .cosine(base: base, minimum: minimum, length: length, unit: u)
        }
    }

    /// A dataset as batches: every sample in one tensor, reshuffled per epoch when `shuffles`.
    static func source(_ d: Dataset, shuffles: Bool) throws -> TensorBatchSource {
        let inputs = try Tensor<Float>(shape: [d.count] + d.sampleShape, scalars: d.features)
        return try TensorBatchSource(inputs: inputs, labels: d.labels, shuffles: shuffles)
    }

    /// The network as the trainer's model: the forward pass computes with the trainer's weights.
    static func model(_ network: Network) -> ClosureModel {
        ClosureModel(parameters: network.allParameters) { input, weights, training, random in
            try network.forward(input, training: training, random: &random, values: weights)
        }
    }
}
