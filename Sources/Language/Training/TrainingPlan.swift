import Learning
import TensorRuntime

/// Turns the language's training settings (a schedule value and `train`'s arguments) into the
/// trainer's configuration.
enum TrainingPlan {
    /// Used when `train` gets no schedule: plain SGD with momentum, a common small-network default.
    static let defaultOptimizer = OptimizerValue(.sgd(momentum: 0.9, nesterov: false), learningRate: 0.05)
    /// Samples per step when the schedule names no batch size.
    static let defaultBatch = 64
    /// Epochs when neither the schedule nor `train` says.
    static let defaultEpochs = 10

    /// The trainer's optimizer for an optimizer value (fresh state).
    static func optimizer(_ o: OptimizerValue) throws -> Optimizer {
        switch o.rule {
        case let .sgd(momentum, nesterov):
            return try SGD(learningRate: o.learningRate, momentum: momentum, nesterov: nesterov, weightDecay: o.weightDecay)
        case let .adam(beta1, beta2, epsilon):
            return try Adam(learningRate: o.learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: o.weightDecay)
        case let .adamw(beta1, beta2, epsilon):
            return try AdamW(learningRate: o.learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: o.weightDecay)
        }
    }

    /// The trainer's learning-rate schedule for a rate shape based on the optimizer's rate.
    static func rate(_ shape: RateValue.Shape, base: Double, unit: TimeUnit) -> LearningRateSchedule {
        let u: ScheduleUnit = unit == .step ? .step : .epoch
        switch shape {
        case .exponential(let f): return .exponential(base: base, factor: f, unit: u)
        case .stepDecay(let f, let every): return .step(base: base, factor: f, every: every, unit: u)
        case .multistep(let f, let m): return .multiStep(base: base, factor: f, milestones: m, unit: u)
        case .cosine(let length, let minimum): return .cosine(base: base, minimum: minimum, length: length, unit: u)
        }
    }

    /// A dataset as the trainer's batches, reshuffled per epoch when `shuffles`, with random
    /// augmentations drawn afresh for each batch.
    static func source(_ d: Dataset, shuffles: Bool, augmentations: [Augmentation] = []) -> DatasetBatchSource {
        DatasetBatchSource(d, shuffles: shuffles, augmentations: augmentations)
    }

    /// The augmentations of `train(augment: {...})`: a record of settings, applied in this order.
    static let augmentationKeys = ["shift", "rotate", "crop", "flip_h", "flip_v", "noise"]

    /// Reads the augmentation record; each key's number is the augmentation's size or probability.
    static func augmentations(_ v: Value) throws -> [Augmentation] {
        guard case .record(let r) = v else {
            throw RuntimeError(Messages.argumentType("train", "augment", "a record such as {shift: 2, flip_h: 0.5}", v.typeName))
        }
        if let unknown = r.keys.first(where: { !augmentationKeys.contains($0) }) {
            throw RuntimeError(Messages.unknownAugmentation(unknown, augmentationKeys.joined(separator: ", ")),
                               notes: closestName(to: unknown, among: augmentationKeys).map { [Messages.didYouMean($0)] } ?? [])
        }
        return try augmentationKeys.compactMap { key -> Augmentation? in
            guard let value = r[key] else { return nil }
            guard case .number(let x) = value, x.isFinite, x >= 0, x < Double(1 << 20) else {
                throw RuntimeError(Messages.augmentationValue(key, value.repr))
            }
            switch key {
            case "shift": return .shift(maxPixels: Int(x))
            case "rotate": return .rotate(maxDegrees: Float(x))
            case "crop": return .crop(padding: Int(x))
            case "flip_h": return .flipHorizontal(probability: Float(x))
            case "flip_v": return .flipVertical(probability: Float(x))
            default: return .noise(std: Float(x))
            }
        }
    }
}
