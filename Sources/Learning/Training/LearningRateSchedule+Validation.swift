extension LearningRateSchedule {
    /// Checks every rate is finite and non-negative, every length positive and every list
    /// non-empty and increasing, naming the offending setting.
    public func validate() throws {
        switch self {
        case .constant(let rate):
            try Self.rate(rate, "constant")
        case .step(let base, let factor, let every, _):
            try Self.rate(base, "step base")
            try Self.factor(factor, "step")
            try Self.length(every, "step every")
        case .multiStep(let base, let factor, let milestones, _):
            try Self.rate(base, "multi-step base")
            try Self.factor(factor, "multi-step")
            guard zip(milestones, milestones.dropFirst()).allSatisfy({ $0 < $1 }), milestones.allSatisfy({ $0 >= 0 }) else {
                throw TrainingError.invalidSetting("multi-step milestones must be increasing and >= 0, got \(milestones)")
            }
        case .exponential(let base, let factor, _):
            try Self.rate(base, "exponential base")
            try Self.factor(factor, "exponential")
        case .cosine(let base, let minimum, let length, _):
            try Self.rate(base, "cosine base")
            try Self.rate(minimum, "cosine minimum")
            try Self.length(length, "cosine length")
        case .warmup(let length, _, let start, let then):
            try Self.length(length, "warm-up length")
            guard start >= 0, start <= 1 else {
                throw TrainingError.invalidSetting("warm-up start factor must be in [0, 1], got \(start)")
            }
            try then.validate()
        case .piecewise(let pieces, _):
            guard !pieces.isEmpty else { throw TrainingError.invalidSetting("piecewise schedule needs at least one piece") }
            let ends = pieces.map(\.until)
            guard zip(ends, ends.dropFirst()).allSatisfy({ $0 < $1 }), ends.allSatisfy({ $0 > 0 }) else {
                throw TrainingError.invalidSetting("piecewise 'until' values must be increasing and above 0, got \(ends)")
            }
            try pieces.forEach { try $0.schedule.validate() }
        case .sequence(let segments, _):
            guard !segments.isEmpty else { throw TrainingError.invalidSetting("schedule sequence needs at least one segment") }
            try segments.forEach {
                try Self.length($0.length, "sequence segment length")
                try $0.schedule.validate()
            }
        case .product(let a, let b):
            try a.validate()
            try b.validate()
        }
    }

    private static func rate(_ value: Double, _ what: String) throws {
        guard value >= 0, value.isFinite else {
            throw TrainingError.invalidSetting("\(what) learning rate must be a finite number >= 0, got \(value)")
        }
    }

    private static func factor(_ value: Double, _ what: String) throws {
        guard value >= 0, value.isFinite else {
            throw TrainingError.invalidSetting("\(what) factor must be a finite number >= 0, got \(value)")
        }
    }

    private static func length(_ value: Int, _ what: String) throws {
        guard value > 0 else { throw TrainingError.invalidSetting("\(what) must be above 0, got \(value)") }
    }
}
