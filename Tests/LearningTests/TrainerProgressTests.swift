import XCTest
import TensorRuntime
@testable import Learning

final class TrainerProgressTests: XCTestCase {
    let report = TrainingProgress(kind: .epoch, epoch: 3, totalEpochs: 10, step: 1407, loss: 0.2144,
                                  accuracy: 0.9381, evalAccuracy: 0.941, samplesPerSecond: 61_200.4,
                                  etaSeconds: 7.2)

    func testPlainStyleWritesOneLinePerEpoch() {
        let plain = ProgressFormatter(style: .plain)
        XCTAssertEqual(plain.text(for: report), "epoch 3/10  loss 0.214  acc 93.8%  eval 94.1%  61,200 samples/s  ETA 0:07\n")
        var step = report
        step.kind = .step
        XCTAssertNil(plain.text(for: step))
    }

    /// A long run prints about a hundred plain lines: every k-th epoch and the last.
    func testPlainStyleThinsLongRuns() {
        let plain = ProgressFormatter(style: .plain)
        var long = report
        long.totalEpochs = 50_000
        let printed = (1...50_000).filter { epoch in
            long.epoch = epoch
            return plain.text(for: long) != nil
        }
        XCTAssertEqual(printed.count, 100)
        XCTAssertEqual(printed.first, 500)
        XCTAssertEqual(printed.last, 50_000)
        var odd = report
        odd.totalEpochs = 150
        let oddPrinted = (1...150).filter { epoch in
            odd.epoch = epoch
            return plain.text(for: odd) != nil
        }
        XCTAssertEqual(oddPrinted, Array(stride(from: 2, through: 150, by: 2)))
    }

    func testPercentagesRoundTheDoubleTheyAreGiven() {
        // 0.9425 is stored just below 94.25%: the one formatter every table and progress line uses
        // must say 94.2%, not round a second time from a decimal string.
        XCTAssertEqual(TextFormat.percent(0.9425), "94.2%")
        XCTAssertEqual(TextFormat.percent(1), "100.0%")
        XCTAssertEqual(TextFormat.percent(0.0005), "0.1%")
    }

    func testDivergingLossesStayReadable() {
        var huge = report
        huge.loss = 8_121_616_551_297_521_226_551_918_592
        XCTAssertEqual(ProgressFormatter(style: .plain).line(huge),
                       "epoch 3/10  loss 8.122e+27  acc 93.8%  eval 94.1%  61,200 samples/s  ETA 0:07")
        XCTAssertEqual(TextFormat.loss(99_999.4), "99999.400")
        XCTAssertEqual(TextFormat.loss(100_000), "1.000e+05")
        XCTAssertEqual(TextFormat.loss(-2e9), "-2.000e+09")
        XCTAssertEqual([Double.nan, .infinity, -.infinity].map(TextFormat.loss), ["nan", "inf", "-inf"])
    }

    func testTerminalStyleRedrawsTheLineAndQuietWritesNothing() {
        var step = report
        step.kind = .step
        step.evalAccuracy = nil
        step.etaSeconds = 3725
        let terminal = ProgressFormatter(style: .terminal)
        XCTAssertEqual(terminal.text(for: step), "\r\u{1B}[2Kepoch 3/10  loss 0.214  acc 93.8%  61,200 samples/s  ETA 1:02:05")
        XCTAssertEqual(terminal.text(for: report)?.last, "\n")
        XCTAssertNil(ProgressFormatter(style: .quiet).text(for: report))
        step.etaSeconds = .infinity
        XCTAssertTrue(ProgressFormatter(style: .terminal).line(step).hasSuffix("ETA ?"))
    }

    func testTrainerReportsStepsAndEpochs() throws {
        let config = TrainingConfiguration(phases: [TrainingPhase(epochs: 2, data: try TrainingFixtures.blobs(count: 60, seed: 1))],
                                           optimizer: try SGD(learningRate: 0.1), batchSize: 20,
                                           evaluation: try TrainingFixtures.blobs(count: 30, seed: 2))
        var reports: [TrainingProgress] = []
        _ = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3), progress: { reports.append($0) })
        XCTAssertEqual(reports.map(\.kind), [.step, .step, .step, .epoch, .step, .step, .step, .epoch])
        XCTAssertEqual(reports.map(\.epoch), [1, 1, 1, 1, 2, 2, 2, 2])
        XCTAssertEqual(reports.map(\.step), [1, 2, 3, 3, 4, 5, 6, 6])
        XCTAssertNotNil(reports[3].evalAccuracy)
        XCTAssertEqual(reports.last?.etaSeconds, 0)
    }

    func testStateRecordRoundTripsAndRefusesMissingEntries() throws {
        var state = TrainingState(seed: UInt64.max - 3)
        state.step = 12
        state.epoch = 2
        state.batch = 1
        state.epochLossSum = 1.25
        state.lastFiniteLoss = 0.5
        state.optimizers = StateRecord(tensors: ["main.w.momentum": try Tensor<Float>([1, 2])])
        let record = try state.record()
        XCTAssertEqual(record.integers["trainer.step"], 12)
        XCTAssertNotNil(record.tensors["optimizer.main.w.momentum"])
        XCTAssertEqual(try TrainingState(record: record), state)
        var broken = record
        broken.integers["trainer.epoch"] = nil
        XCTAssertThrowsError(try TrainingState(record: broken)) {
            XCTAssertEqual("\($0)", "training state: missing state entry 'trainer.epoch'")
        }
    }
}
