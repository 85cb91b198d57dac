/// An optimizer setting as a language value (`sgd(lr: 0.05, momentum: 0.9)`): what a schedule's
/// `optimizer` line holds. The optimizer itself (with its state) is made fresh for each run.
final class OptimizerValue: ObjectValue {
    /// The update rule and its own settings.
    enum Rule: Equatable {
        /// SGD with (Nesterov) momentum.
        case sgd(momentum: Double, nesterov: Bool)
        /// Adam, weight decay added to the gradient.
        case adam(beta1: Double, beta2: Double, epsilon: Double)
        /// AdamW, weight decay decoupled from the gradient.
        case adamw(beta1: Double, beta2: Double, epsilon: Double)
    }

    /// The update rule.
    let rule: Rule
    /// The learning rate (the base of any rate schedule).
    let learningRate: Double
    /// Weight decay (L2 for sgd and adam, decoupled for adamw).
    let weightDecay: Double

    init(_ rule: Rule, learningRate: Double, weightDecay: Double = 0) {
        self.rule = rule
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    /// The builtin's name: sgd, adam or adamw.
    var kind: String {
        switch rule {
        case .sgd: return "sgd"
        case .adam: return "adam"
        case .adamw: return "adamw"
        }
    }

    /// SGD's momentum; 0 for the Adam rules.
    var momentum: Double {
        if case .sgd(let momentum, _) = rule { return momentum }
        return 0
    }

    var typeName: String { "optimizer" }

    func describe() -> String {
        var parts = ["lr: \(formatNumber(learningRate))"]
        if case .sgd(let momentum, let nesterov) = rule {
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
