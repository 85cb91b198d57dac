import XCTest
@testable import Learning

/// Schedules evaluated at chosen positions against values worked out by hand from their formulas.
/// Tolerance 1e-12: the formulas are a few Double operations, exact up to rounding.
final class ScheduleTests: XCTestCase {
    func at(_ schedule: LearningRateSchedule, epoch: Int = 0, step: Int = 0, perEpoch: Int = 10) -> Double {
        schedule.value(at: SchedulePosition(step: step, epoch: epoch, stepsPerEpoch: perEpoch))
    }

    func assertValues(_ schedule: LearningRateSchedule, epochs expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        for (epoch, value) in expected.enumerated() {
            XCTAssertEqual(at(schedule, epoch: epoch, step: epoch * 10), value, accuracy: 1e-12,
                           "epoch \(epoch)", file: file, line: line)
        }
    }

    func testConstantStepAndMultiStep() {
        assertValues(.constant(0.3), epochs: [0.3, 0.3])
        assertValues(.step(base: 0.1, factor: 0.5, every: 2, unit: .epoch), epochs: [0.1, 0.1, 0.05, 0.05, 0.025])
        assertValues(.multiStep(base: 1, factor: 0.1, milestones: [2, 5], unit: .epoch),
                     epochs: [1, 1, 0.1, 0.1, 0.1, 0.01])
    }

    func testExponentialPerEpochIsThePapersDecay() {
        // 0.05 × 0.97^t: 0.05, 0.0485, 0.047045, 0.04563365
        assertValues(.exponential(base: 0.05, factor: 0.97, unit: .epoch), epochs: [0.05, 0.0485, 0.047045, 0.04563365])
        // Per epoch the rate holds within the epoch.
        XCTAssertEqual(at(.exponential(base: 0.05, factor: 0.97, unit: .epoch), epoch: 1, step: 19), 0.0485, accuracy: 1e-12)
    }

    func testExponentialPerStepCountsSteps() {
        XCTAssertEqual(at(.exponential(base: 1, factor: 0.5, unit: .step), epoch: 2, step: 25), pow(0.5, 25), accuracy: 1e-15)
    }

    func testCosineReachesItsMinimumAndStays() {
        // 0.1 + 0.9 (1 + cos(π t / 4)) / 2: t = 2 gives 0.55.
        let cosine = LearningRateSchedule.cosine(base: 1, minimum: 0.1, length: 4, unit: .epoch)
        assertValues(cosine, epochs: [1, 0.1 + 0.45 * (1 + cos(Double.pi / 4)), 0.55, 0.1 + 0.45 * (1 - cos(Double.pi / 4)), 0.1, 0.1])
    }

    func testLinearWarmupThenConstant() {
        let warm = LearningRateSchedule.warmup(length: 4, unit: .step, startFactor: 0, then: .constant(1))
        XCTAssertEqual([0, 1, 3, 4, 9].map { at(warm, step: $0) }, [0, 0.25, 0.75, 1, 1])
    }

    func testWarmupThenCosineRestartsTheCosineClock() {
        let schedule = LearningRateSchedule.warmupCosine(base: 1, warmup: 2, decay: 4, unit: .step)
        let values = [0, 1, 2, 4, 6, 8].map { at(schedule, step: $0) }
        for (value, expected) in zip(values, [0, 0.5, 1, 0.5, 0, 0]) { XCTAssertEqual(value, expected, accuracy: 1e-12) }
    }

    func testPiecewiseSeesTheGlobalClockAndSequenceRestartsIt() {
        let halving = LearningRateSchedule.exponential(base: 1, factor: 0.5, unit: .epoch)
        let piecewise = LearningRateSchedule.piecewise(
            pieces: [.init(until: 2, schedule: .constant(1)), .init(until: 5, schedule: halving)], unit: .epoch)
        assertValues(piecewise, epochs: [1, 1, 0.25, 0.125, 0.0625, 0.03125])
        let sequence = LearningRateSchedule.sequence(
            segments: [.init(length: 2, schedule: .constant(1)), .init(length: 3, schedule: halving)], unit: .epoch)
        assertValues(sequence, epochs: [1, 1, 1, 0.5, 0.25, 0.125])
    }

    func testProductMultiplies() {
        assertValues(.product(.constant(2), .exponential(base: 1, factor: 0.5, unit: .epoch)), epochs: [2, 1, 0.5])
    }

    func testValidationNamesTheBadSetting() {
        XCTAssertThrowsError(try LearningRateSchedule.cosine(base: 1, minimum: 0, length: 0, unit: .step).validate()) {
            XCTAssertTrue("\($0)".contains("cosine length must be above 0, got 0"), "\($0)")
        }
        XCTAssertThrowsError(try LearningRateSchedule.multiStep(base: 1, factor: 0.1, milestones: [5, 2], unit: .epoch).validate())
        XCTAssertThrowsError(try LearningRateSchedule.product(.constant(1), .constant(-1)).validate())
        XCTAssertThrowsError(try LearningRateSchedule.piecewise(pieces: [], unit: .epoch).validate())
        XCTAssertNoThrow(try LearningRateSchedule.warmupCosine(base: 0.1, warmup: 5, decay: 50, unit: .epoch).validate())
    }
}
