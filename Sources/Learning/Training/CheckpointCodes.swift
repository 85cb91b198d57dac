/// The settings a training checkpoint stores to recognise its run are written as these codes,
/// spelled out here rather than derived from Swift's names for the types (`String(describing:)`),
/// so that renaming a type or a case cannot make older checkpoints unresumable. The spellings are
/// those format-2 checkpoints were written with; a test reads such a file.

extension Optimizer {
    /// The optimizer's rule as checkpoints name it.
    var checkpointCode: String {
        switch self {
        case is SGD: return "SGD"
        case is AdamW: return "AdamW"
        case is Adam: return "Adam"
        default: return "\(type(of: self))"
        }
    }
}

extension LearningRateSchedule {
    /// The schedule as checkpoints record it, e.g. `exponential(base: 0.1, factor: 0.9, unit: .epoch)`.
    var checkpointCode: String {
        switch self {
        case .constant(let rate):
            return "constant(\(rate))"
        case let .step(base, factor, every, unit):
            return "step(base: \(base), factor: \(factor), every: \(every), unit: .\(unit.rawValue))"
        case let .multiStep(base, factor, milestones, unit):
            return "multiStep(base: \(base), factor: \(factor), milestones: \(milestones), unit: .\(unit.rawValue))"
        case let .exponential(base, factor, unit):
            return "exponential(base: \(base), factor: \(factor), unit: .\(unit.rawValue))"
        case let .cosine(base, minimum, length, unit):
            return "cosine(base: \(base), minimum: \(minimum), length: \(length), unit: .\(unit.rawValue))"
        case let .warmup(length, unit, startFactor, then):
            return "warmup(length: \(length), unit: .\(unit.rawValue), startFactor: \(startFactor), then: \(then.nestedCode))"
        case let .piecewise(pieces, unit):
            let list = pieces.map { "Learning.LearningRateSchedule.Piece(until: \($0.until), schedule: \($0.schedule.nestedCode))" }
            return "piecewise(pieces: [\(list.joined(separator: ", "))], unit: .\(unit.rawValue))"
        case let .sequence(segments, unit):
            let list = segments.map { "Learning.LearningRateSchedule.Segment(length: \($0.length), schedule: \($0.schedule.nestedCode))" }
            return "sequence(segments: [\(list.joined(separator: ", "))], unit: .\(unit.rawValue))"
        case let .product(first, second):
            return "product(\(first.nestedCode), \(second.nestedCode))"
        }
    }

    /// A schedule inside another, qualified as format-2 files spell it.
    private var nestedCode: String { "Learning.LearningRateSchedule." + checkpointCode }
}

extension GradientClipping {
    /// The clipping as checkpoints record it.
    var checkpointCode: String {
        switch self {
        case .none: return "none"
        case .globalNorm(let limit): return "globalNorm(\(limit))"
        case .value(let limit): return "value(\(limit))"
        }
    }
}

extension Augmentation {
    /// The augmentation as checkpoints record it in a phase's data, e.g. `shift(maxPixels: 2)`.
    var checkpointCode: String {
        switch self {
        case .shift(let pixels): return "shift(maxPixels: \(pixels))"
        case .rotate(let degrees): return "rotate(maxDegrees: \(degrees))"
        case .noise(let std): return "noise(std: \(std))"
        case .crop(let padding): return "crop(padding: \(padding))"
        case .flipHorizontal(let p): return "flipHorizontal(probability: \(p))"
        case .flipVertical(let p): return "flipVertical(probability: \(p))"
        }
    }
}
