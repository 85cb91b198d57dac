/// An optimizer setting as a language value (`sgd(lr: 0.05, momentum: 0.9)`): what a schedule's
/// `optimizer` line holds. The optimizer itself (with its state) is made fresh for each run.
final class OptimizerValue: ObjectValue {
    /// Which rule: sgd, adam or adamw.
    let kind: String
    /// The learning rate (the base of any rate schedule).
    let learningRate: Double
    /// SGD momentum.
    let momentum: Double
    /// SGD Nesterov momentum.
    let nesterov: Bool
    /// L2 weight decay (decoupled for adamw).
    let weightDecay: Double
    /// Adam's moment decay rates and epsilon.
    let beta1: Double, beta2: Double, epsilon: Double

    init(kind: String, learningRate: Double, momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0,
         beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.kind = kind
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    var typeName: String { "optimizer" }

    func describe() -> String {
        var parts = ["lr: \(formatNumber(learningRate))"]
        if kind == "sgd" {
            if momentum != 0 { parts.append("momentum: \(formatNumber(momentum))") }
            if nesterov { parts.append("nesterov: true") }
        }
        if weightDecay != 0 { parts.append("weight_decay: \(formatNumber(weightDecay))") }
        return "\(kind)(" + parts.joined(separator: ", ") + ")"
    }

    var memberNames: [String] { ["kind", "lr", "momentum", "weight_decay"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(kind)
        case "lr": return .number(learningRate)
        case "momentum": return .number(momentum)
        case "weight_decay": return .number(weightDecay)
        default: return nil
        }
    }
}

/// A learning-rate schedule as a language value (`exponential(0.97)`), relative to the
/// optimizer's rate; its unit (per epoch or per step) comes from the schedule line.
final class RateValue: ObjectValue {
    /// The shape of the schedule.
    enum Shape: Equatable {
        /// `rate · factor^t`.
        case exponential(factor: Double)
        /// `rate · factor^⌊t / every⌋`.
        case stepDecay(factor: Double, every: Int)
        /// `rate · factor^(milestones passed)`.
        case multistep(factor: Double, milestones: [Int])
        /// Cosine annealing from the rate to `minimum` over `length`.
        case cosine(length: Int, minimum: Double)
    }

    let shape: Shape

    init(_ shape: Shape) { self.shape = shape }

    var typeName: String { "rate schedule" }

    func describe() -> String {
        switch shape {
        case .exponential(let f): return "exponential(\(formatNumber(f)))"
        case .stepDecay(let f, let every): return "step_decay(\(formatNumber(f)), every: \(every))"
        case .multistep(let f, let m): return "multistep(\(formatNumber(f)), milestones: \(m))"
        case .cosine(let length, let minimum): return "cosine(\(length), minimum: \(formatNumber(minimum)))"
        }
    }

    var memberNames: [String] { [] }

    func member(_ name: String) -> Value? { nil }
}
