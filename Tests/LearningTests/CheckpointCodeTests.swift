import XCTest
@testable import Learning

/// Checkpoints recognise their run by settings written as explicit codes. The codes must spell
/// every setting exactly as format-2 files did (Swift's description of the values, with
/// `Learning.ScheduleUnit.` shortened to `.`), or those files would no longer resume.
final class CheckpointCodeTests: XCTestCase {
    /// How format-2 checkpoints wrote a setting.
    func formatTwo(_ value: Any) -> String {
        String(describing: value).replacingOccurrences(of: "Learning.ScheduleUnit.", with: ".")
            .replacingOccurrences(of: "\n", with: " ")
    }

    func testSchedulesClippingAndAugmentationsKeepTheirFormatTwoSpelling() {
        let constant = LearningRateSchedule.constant(0.05)
        let schedules: [LearningRateSchedule] = [
            constant,
            .step(base: 0.1, factor: 0.5, every: 30, unit: .epoch),
            .multiStep(base: 0.1, factor: 0.1, milestones: [30, 60], unit: .step),
            .exponential(base: 0.05, factor: 0.97, unit: .epoch),
            .cosine(base: 0.1, minimum: 1e-5, length: 100, unit: .step),
            .warmupCosine(base: 0.1, warmup: 5, decay: 50, unit: .epoch),
            .piecewise(pieces: [.init(until: 5, schedule: constant), .init(until: 10, schedule: .constant(0.01))], unit: .epoch),
            .sequence(segments: [.init(length: 3, schedule: constant)], unit: .step),
            .product(constant, .exponential(base: 1, factor: 0.9, unit: .epoch)),
        ]
        for schedule in schedules { XCTAssertEqual(schedule.checkpointCode, formatTwo(schedule)) }
        for clipping in [GradientClipping.none, .globalNorm(1), .value(0.25)] {
            XCTAssertEqual(clipping.checkpointCode, formatTwo(clipping))
        }
        let augmentations: [Augmentation] = [.shift(maxPixels: 2), .rotate(maxDegrees: 15), .noise(std: 0.1), .crop(padding: 4),
                                             .flipHorizontal(probability: 0.5), .flipVertical(probability: 0.25)]
        for augmentation in augmentations { XCTAssertEqual(augmentation.checkpointCode, formatTwo(augmentation)) }
    }

    func testOptimizersKeepTheirFormatTwoNames() throws {
        XCTAssertEqual(try SGD(learningRate: 0.1).checkpointCode, "SGD")
        XCTAssertEqual(try Adam(learningRate: 0.1).checkpointCode, "Adam")
        XCTAssertEqual(try AdamW(learningRate: 0.1).checkpointCode, "AdamW")
    }
}
