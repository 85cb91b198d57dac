import Foundation
import Learning
import TensorRuntime
import XCTest
@testable import Probes

final class ExperimentTests: XCTestCase {
    static func glyphs(_ count: Int, seed: UInt64) throws -> Dataset {
        try Dataset.glyphs(count: count, options: GlyphOptions(size: 12), stream: RandomStream(seed: seed))
    }

    func setup(train: Int = 100, batch: Int = 20) throws -> ExperimentSetup {
        ExperimentSetup(
            makeNetwork: { classes in
                let n = Network([ReshapeLayer(.flatten), DenseLayer(units: 16), ActivationLayer(.relu), DenseLayer(units: classes)])
                try n.build(inputShape: [1, 12, 12], random: RandomStream(seed: 7))
                return n
            },
            probeModel: { try ProbeModel<Float>(network: $0) }, train: try Self.glyphs(train, seed: 1), test: try Self.glyphs(50, seed: 2),
            makeOptimizer: { try SGD(learningRate: 0.05, momentum: 0.9) }, batchSize: batch, seed: 3, fisherSamples: 30)
    }

    func testCriticalPeriodSeriesHaveOneValuePerEpoch() throws {
        let experiment = CriticalPeriodExperiment(setup: try setup(), deficit: .blur(downsample: 2), deficitEpochs: [0, 1, 3], cleanEpochs: 2)
        let result = try experiment.run()
        XCTAssertEqual(result.runs.map(\.deficitEpochs), [0, 1, 3])
        for entry in result.runs {
            let epochs = entry.deficitEpochs + 2
            XCTAssertEqual(entry.run.fisher.count, epochs + 1, "epoch 0 plus one per epoch")
            XCTAssertEqual(entry.run.epochs.count, epochs)
            XCTAssertEqual(entry.run.epochs.map(\.phase), Array(repeating: 0, count: entry.deficitEpochs) + [1, 1])
            XCTAssertEqual(entry.run.fisherPerLayer.map(\.layer), ["dense2", "dense4"])
            for (i, total) in entry.run.fisher.enumerated() {
                XCTAssertGreaterThan(total, 0)
                let sum = entry.run.fisherPerLayer.reduce(0) { $0 + $1.values[i] }
                XCTAssertEqual(sum, total, accuracy: 1e-9 * total, "layers add up to the total")
            }
            XCTAssertTrue((0...1).contains(entry.run.finalAccuracy))
        }
        // Runs 1 and 3 train identically through epoch 1, and tr F is measured on the data just
        // trained on (blurred at the end of a deficit), so their series agree there.
        XCTAssertEqual(Array(result.runs[1].run.fisher.prefix(2)), Array(result.runs[2].run.fisher.prefix(2)))
        XCTAssertNotEqual(result.runs[0].run.fisher[0], result.runs[1].run.fisher[0], "clean against blurred data")
        XCTAssertEqual(result.table.rows.count, 3 + 4 + 6)
        XCTAssertEqual(result.table.columns, ["deficit epochs", "epoch", "phase", "tr F", "tr F dense2", "tr F dense4", "train loss", "train accuracy", "test accuracy"])
        XCTAssertEqual(result.summary.rows.count, 3)
        XCTAssertEqual(result.summary.rows.map { $0[0] }, [.number(0), .number(1), .number(3)])
        XCTAssertEqual(result.csv.split(separator: "\n").count, 1 + 13)
        let json = try JSONSerialization.jsonObject(with: Data(result.summary.json.utf8)) as? [String: Any]
        XCTAssertEqual((json?["rows"] as? [Any])?.count, 3)
        print(result.summary.text)
    }

    /// With no deficit epochs, a run is a plain training run of the same seed, bit for bit.
    func testZeroDeficitEqualsPlainTraining() throws {
        let s = try setup()
        let result = try CriticalPeriodExperiment(setup: s, deficit: .verticalFlip, deficitEpochs: [0], cleanEpochs: 2).run()
        let network = try s.makeNetwork(10)
        let plain = try Trainer(TrainingConfiguration(
            phases: [TrainingPhase(epochs: 2, data: DatasetBatchSource(s.train))], optimizer: s.makeOptimizer(),
            batchSize: s.batchSize, seed: s.seed, evaluation: s.test.map { DatasetBatchSource($0, shuffles: false) },
            recordsSteps: false)).fit(network.trainableModel)
        let runs = result.runs[0].run
        XCTAssertEqual(runs.epochs.map(\.trainLoss), plain.epochs.map(\.trainLoss))
        XCTAssertEqual(runs.epochs.map(\.evalAccuracy), plain.epochs.map(\.evalAccuracy))
        XCTAssertEqual(runs.network.allParameters.map(\.value.scalars), network.allParameters.map(\.value.scalars))
        let probe = try FisherProbe.estimate(ProbeModel<Float>(network: network), on: ExperimentSetup.probeData(s.train, count: 30),
                                             estimator: s.fisherEstimator)
        XCTAssertEqual(runs.fisher.last, probe.total)
    }

    func testPhaseOfEachEpoch() {
        XCTAssertEqual((1...5).map { ExperimentSetup.phase(ofEpoch: $0, lengths: [2, 3]) }, [0, 0, 1, 1, 1])
        XCTAssertEqual((1...3).map { ExperimentSetup.phase(ofEpoch: $0, lengths: [0, 3]) }, [1, 1, 1])
        XCTAssertEqual(ExperimentSetup.phase(ofEpoch: 1, lengths: [1, 0, 2]), 0)
        XCTAssertEqual(ExperimentSetup.phase(ofEpoch: 2, lengths: [1, 0, 2]), 2)
    }

    func testLongerDeficitsDifferFromNone() throws {
        let result = try CriticalPeriodExperiment(setup: try setup(), deficit: .noiseImages(seed: 4), deficitEpochs: [0, 2], cleanEpochs: 1).run()
        XCTAssertNotEqual(result.runs[0].run.fisher[1], result.runs[1].run.fisher[1], "the first epoch trains on other data")
        XCTAssertNotEqual(result.runs[0].run.fisher[0], result.runs[1].run.fisher[0], "the same initial weights, measured on other data")
        XCTAssertEqual(result.runs[0].run.epochs.count, 1)
        XCTAssertEqual(result.runs[1].run.epochs.count, 3)
    }

    func testBadSettingsAreRefusedBeforeTraining() throws {
        let s = try setup()
        for windows in [[], [2, 1], [1, 1], [-1, 2]] {
            XCTAssertThrowsError(try CriticalPeriodExperiment(setup: s, deficit: .blur(downsample: 2), deficitEpochs: windows, cleanEpochs: 1).run())
        }
        XCTAssertThrowsError(try CriticalPeriodExperiment(setup: s, deficit: .blur(downsample: 2), deficitEpochs: [0], cleanEpochs: 0).run())
        var points = s
        points.train = try Dataset.blobs(count: 30, stream: RandomStream(seed: 1))
        XCTAssertThrowsError(try CriticalPeriodExperiment(setup: points, deficit: .blur(downsample: 2), deficitEpochs: [1], cleanEpochs: 1).run()) {
            XCTAssertTrue("\($0)".contains("downsample"), "\($0)")
        }
        XCTAssertThrowsError(try TrainingSweep(setup: s, variable: .classCount([1, 3]), epochs: 1).run())
        XCTAssertThrowsError(try TrainingSweep(setup: s, variable: .classCount([3, 11]), epochs: 1).run())
        XCTAssertThrowsError(try TrainingSweep(setup: s, variable: .batchSize([0]), epochs: 1).run())
        XCTAssertThrowsError(try TrainingSweep(setup: s, variable: .batchSize([10, 10]), epochs: 1).run())
        var bad = s
        bad.fisherSamples = 0
        XCTAssertThrowsError(try TrainingSweep(setup: bad, variable: .batchSize([10]), epochs: 1).run())
    }

    func testBatchSizeSweepReportsEveryValue() throws {
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        let result = try TrainingSweep(setup: try setup(), variable: .batchSize([10, 50]), epochs: 2, code: code).run()
        XCTAssertEqual(result.entries.map(\.value), [10, 50])
        for entry in result.entries {
            XCTAssertEqual(entry.run.fisher.count, 3)
            XCTAssertEqual(entry.run.epochs.count, 2)
            XCTAssertGreaterThan(entry.weightNats ?? 0, 0)
        }
        XCTAssertNotEqual(result.entries[0].run.epochs[0].trainLoss, result.entries[1].run.epochs[0].trainLoss)
        XCTAssertEqual(result.table.rows.count, 2)
        XCTAssertEqual(result.series.rows.count, 6)
        print(result.text)
    }

    func testClassCountSweepTrainsOnClassSubsets() throws {
        let result = try TrainingSweep(setup: try setup(train: 120), variable: .classCount([2, 5]), epochs: 1).run()
        XCTAssertEqual(result.entries.map { $0.run.network.outputShape }, [[2], [5]])
        XCTAssertEqual(result.table.columns.first, "classes")
        XCTAssertTrue(result.entries.allSatisfy { $0.run.fisher.allSatisfy { $0.isFinite && $0 > 0 } })
        print(result.text)
    }

    func testBetaSweepTracesLessInformationAtLargerBeta() throws {
        let (model, data) = try Fixtures.t1()
        var options = VariationalOptions(beta: 1, lambda: 1)
        options.steps = 400
        options.learningRate = 0.05 // 400 steps of 0.05 move a log-variance by up to 20: enough to converge
        let result = try BetaSweep.run(model, on: data, betas: [0.01, 0.1, 1], options: options)
        let kl = result.results.map(\.kl)
        XCTAssertEqual(result.results.map(\.options.beta), [0.01, 0.1, 1])
        // T1's curvature is ~0.3 per direction: at β = 0.01 each of the 2 weights keeps ~1.7 nats
        // beyond the mean's, at β = 1 almost none.
        XCTAssertGreaterThan(kl[0], kl[1] + 1)
        XCTAssertGreaterThan(kl[1], kl[2] + 0.5)
        let meanNats = (0.3 * 0.3 + 0.7 * 0.7) / 2
        XCTAssertGreaterThan(kl[2], meanNats)
        XCTAssertEqual(result.table.rows.count, 3)
        XCTAssertThrowsError(try BetaSweep.run(model, on: data, betas: [0.1, 0.1], options: options))
        XCTAssertThrowsError(try BetaSweep.run(model, on: data, betas: [], options: options))
        XCTAssertThrowsError(try BetaSweep.run(model, on: data, betas: [-1], options: options))
        print(result.text)
    }

    func testExperimentCostsCountEveryRun() throws {
        let s = try setup()
        let network = try s.makeNetwork(10)
        let one = try CriticalPeriodExperiment(setup: s, deficit: .blur(downsample: 2), deficitEpochs: [0], cleanEpochs: 2).cost(network: network)
        let three = try CriticalPeriodExperiment(setup: s, deficit: .blur(downsample: 2), deficitEpochs: [0, 1, 2], cleanEpochs: 2).cost(network: network)
        XCTAssertGreaterThan(three.tensorFlops, 3 * one.tensorFlops)
        XCTAssertTrue(three.summary.hasPrefix("critical_period (3 runs, blur"), three.summary)
        let sweep = try TrainingSweep(setup: s, variable: .batchSize([10, 50]), epochs: 2).cost(network: network)
        XCTAssertGreaterThan(sweep.tensorFlops, 0)
    }
}

/// The peak that critical_period and the sweeps report: the top of tr F's rise, not the value at
/// the initial weights, which is the largest of almost every run.
final class FisherPeakTests: XCTestCase {
    func testThePeakIsTheTopOfTheRiseAfterTheFirstDrop() {
        let peak = { (series: [Double]) in ExperimentRun.risePeak(series).map { [Double($0.epoch), $0.value] } }
        XCTAssertEqual(peak([10, 5, 4, 6, 7, 3]), [4, 7])
        XCTAssertEqual(peak([1, 3, 2]), [1, 3], "a series that rises from the start peaks where it stops rising")
        XCTAssertEqual(peak([10, 5, 5, 6]), [3, 6], "a flat stretch still belongs to the drop")
        XCTAssertNil(peak([10, 8, 6]), "no rise, no peak")
        XCTAssertNil(peak([5]))
        XCTAssertNil(peak([]))
    }
}
