import Foundation

/// Where training is, as a schedule sees it: the global step (batches done before this one), the
/// epoch (0-based) and the number of steps in an epoch.
public struct SchedulePosition: Equatable {
    /// Optimizer steps taken before the current one, over all phases.
    public var step: Int
    /// The 0-based epoch the current step belongs to, over all phases.
    public var epoch: Int
    /// Steps per epoch (for converting between the two clocks).
    public var stepsPerEpoch: Int

    /// A position.
    public init(step: Int, epoch: Int, stepsPerEpoch: Int) {
        self.step = step
        self.epoch = epoch
        self.stepsPerEpoch = stepsPerEpoch
    }
}

/// Which clock a schedule counts in: whole epochs (the rate changes between epochs, like calling
/// a PyTorch scheduler's `step()` once per epoch) or optimizer steps.
public enum ScheduleUnit: String, Equatable {
    case epoch, step

    /// The time of `position` on this clock.
    func time(_ position: SchedulePosition) -> Int {
        self == .epoch ? position.epoch : position.step
    }
}

/// A learning rate as a pure function of the training position (`value(at:)`), composable.
///
/// Every case that counts time says in which unit. Composites shift time: `warmup` and `sequence`
/// restart the clock of the schedule that follows (both clocks move back by the elapsed span, so a
/// per-step inner schedule after a per-epoch warm-up starts at step 0 too).
public indirect enum LearningRateSchedule: Equatable {
    /// The same rate throughout.
    case constant(Double)
    /// `base · factor^⌊t / every⌋` (PyTorch `StepLR`).
    case step(base: Double, factor: Double, every: Int, unit: ScheduleUnit)
    /// `base · factor^(number of milestones ≤ t)` (PyTorch `MultiStepLR`).
    case multiStep(base: Double, factor: Double, milestones: [Int], unit: ScheduleUnit)
    /// `base · factor^t` (PyTorch `ExponentialLR`; the paper's 0.05 × 0.97 per epoch).
    case exponential(base: Double, factor: Double, unit: ScheduleUnit)
    /// `minimum + (base − minimum)(1 + cos(π t / length)) / 2`, then `minimum` after `length`
    /// (PyTorch `CosineAnnealingLR` with `eta_min`, without restarts).
    case cosine(base: Double, minimum: Double, length: Int, unit: ScheduleUnit)
    /// For t < length: `then(0) · (start + (1 − start) t / length)`; afterwards `then` with its
    /// clock restarted at the end of the warm-up.
    case warmup(length: Int, unit: ScheduleUnit, startFactor: Double, then: LearningRateSchedule)
    /// Pieces by absolute time: the first piece whose `until` is above t applies (each sees the
    /// global clock); after the last `until` the last piece continues.
    case piecewise(pieces: [Piece], unit: ScheduleUnit)
    /// Schedules one after another, each running `length` units on its own clock from 0; the last
    /// continues forever.
    case sequence(segments: [Segment], unit: ScheduleUnit)
    /// The product of two schedules (e.g. a base schedule and a factor).
    case product(LearningRateSchedule, LearningRateSchedule)

    /// One piece of a `piecewise` schedule: `schedule` applies while t < `until`.
    public struct Piece: Equatable {
        /// The first time (exclusive) this piece no longer applies.
        public var until: Int
        /// The schedule in force.
        public var schedule: LearningRateSchedule
        /// A piece.
        public init(until: Int, schedule: LearningRateSchedule) {
            self.until = until
            self.schedule = schedule
        }
    }

    /// One segment of a `sequence`: `schedule` for `length` units on its own clock.
    public struct Segment: Equatable {
        /// How long this segment runs.
        public var length: Int
        /// The schedule in force, its clock starting at 0.
        public var schedule: LearningRateSchedule
        /// A segment.
        public init(length: Int, schedule: LearningRateSchedule) {
            self.length = length
            self.schedule = schedule
        }
    }

    /// Linear warm-up over `length` units, then cosine decay to `minimum` over `decay` units.
    public static func warmupCosine(base: Double, warmup length: Int, decay: Int, minimum: Double = 0,
                                    unit: ScheduleUnit) -> LearningRateSchedule {
        .warmup(length: length, unit: unit, startFactor: 0,
                then: .cosine(base: base, minimum: minimum, length: decay, unit: unit))
    }

    /// The learning rate at `position`. Meaningful for schedules that pass `validate()` (the
    /// trainer checks); others give a number but never trap.
    public func value(at position: SchedulePosition) -> Double {
        switch self {
        case .constant(let rate):
            return rate
        case .step(let base, let factor, let every, let unit):
            // `validate()` refuses every ≤ 0; the guard keeps an unvalidated schedule from trapping.
            return base * pow(factor, Double(every > 0 ? unit.time(position) / every : 0))
        case .multiStep(let base, let factor, let milestones, let unit):
            let t = unit.time(position)
            return base * pow(factor, Double(milestones.filter { $0 <= t }.count))
        case .exponential(let base, let factor, let unit):
            return base * pow(factor, Double(unit.time(position)))
        case .cosine(let base, let minimum, let length, let unit):
            let t = min(unit.time(position), length)
            guard length > 0 else { return minimum }
            return minimum + (base - minimum) * (1 + cos(Double.pi * Double(t) / Double(length))) / 2
        case .warmup(let length, let unit, let start, let then):
            let t = unit.time(position)
            if t < length {
                let origin = SchedulePosition(step: 0, epoch: 0, stepsPerEpoch: position.stepsPerEpoch)
                return then.value(at: origin) * (start + (1 - start) * Double(t) / Double(length))
            }
            return then.value(at: LearningRateSchedule.shift(position, by: length, unit))
        case .piecewise(let pieces, let unit):
            let t = unit.time(position)
            guard let piece = pieces.first(where: { t < $0.until }) ?? pieces.last else { return 0 }
            return piece.schedule.value(at: position)
        case .sequence(let segments, let unit):
            var elapsed = 0
            for (index, segment) in segments.enumerated() {
                let isLast = index == segments.count - 1
                if isLast || unit.time(position) < elapsed + segment.length {
                    return segment.schedule.value(at: LearningRateSchedule.shift(position, by: elapsed, unit))
                }
                elapsed += segment.length
            }
            return 0  // unreachable once validated: a sequence has at least one segment
        case .product(let a, let b):
            return a.value(at: position) * b.value(at: position)
        }
    }

    /// `position` with `amount` units of `unit` taken off both clocks, so a following schedule
    /// starts from zero.
    static func shift(_ position: SchedulePosition, by amount: Int, _ unit: ScheduleUnit) -> SchedulePosition {
        let perEpoch = max(position.stepsPerEpoch, 1)
        let steps = unit == .step ? amount : amount * perEpoch
        let epochs = unit == .epoch ? amount : amount / perEpoch
        return SchedulePosition(step: max(position.step - steps, 0), epoch: max(position.epoch - epochs, 0),
                                stepsPerEpoch: position.stepsPerEpoch)
    }
}
