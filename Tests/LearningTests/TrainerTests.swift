import XCTest
import TensorKernels
import TensorRuntime
@testable import Learning

final class TrainerTests: XCTestCase {
    func configuration(_ phases: [TrainingPhase], optimizer: Optimizer, batchSize: Int = 30,
                       evaluation: (any BatchSource)? = nil) -> TrainingConfiguration {
        TrainingConfiguration(phases: phases, optimizer: optimizer, batchSize: batchSize, seed: 7,
                              evaluation: evaluation)
    }

    func testEveryOptimizerFitsSeparableBlobs() throws {
        let train = try TrainingFixtures.blobs(count: 300, seed: 1)
        let test = try TrainingFixtures.blobs(count: 150, seed: 2, shuffles: false)
        let optimizers: [(String, Optimizer)] = [
            ("sgd", try SGD(learningRate: 0.1)),
            ("momentum", try SGD(learningRate: 0.05, momentum: 0.9, weightDecay: 1e-4)),
            ("nesterov", try SGD(learningRate: 0.05, momentum: 0.9, nesterov: true)),
            ("adam", try Adam(learningRate: 0.01)),
            ("adamw", try AdamW(learningRate: 0.01)),
        ]
        for (name, optimizer) in optimizers {
            let model = try TrainingFixtures.mlp(seed: 3)
            let trainer = try Trainer(configuration([TrainingPhase(epochs: 8, data: train)], optimizer: optimizer,
                                                    evaluation: test))
            let run = try trainer.fit(model)
            XCTAssertEqual(run.epochs.count, 8, name)
            let last = try XCTUnwrap(run.epochs.last?.evalAccuracy, name)
            XCTAssertGreaterThan(last, 0.95, name)
            XCTAssertLessThan(run.epochs[7].trainLoss, run.epochs[0].trainLoss, name)
            XCTAssertEqual(run.finalStep, 80, name)
            XCTAssertEqual(run.steps.count, 80, name)
            XCTAssertFalse(run.interrupted)
        }
    }

    func testPhasesSwitchDataAndOptimizerAtTheirEpochs() throws {
        let deficit = RecordingSource(try TrainingFixtures.blobs(count: 60, seed: 1))
        let clean = RecordingSource(try TrainingFixtures.blobs(count: 90, seed: 2))
        let frozen = try SGD(learningRate: 0)
        let model = try TrainingFixtures.mlp(seed: 3)
        let weightSum = TrainingProbe(name: "w", every: .epochs(1)) { context in
            Double(context.model.parameters[0].value.scalars.reduce(0, +))
        }
        var config = configuration([TrainingPhase(name: "deficit", epochs: 2, data: deficit),
                                    TrainingPhase(name: "clean", epochs: 3, data: clean, optimizer: frozen)],
                                   optimizer: try SGD(learningRate: 0.1))
        config.probes = [weightSum]
        let run = try Trainer(config).fit(model)
        XCTAssertEqual(deficit.epochs, [0, 1])
        XCTAssertEqual(clean.epochs, [2, 3, 4])
        XCTAssertEqual(run.epochs.map(\.phase), [0, 0, 1, 1, 1])
        XCTAssertEqual(run.epochs.map(\.step), [2, 4, 7, 10, 13])
        let sums = run.series("w")
        XCTAssertNotEqual(sums[0], sums[1], "the first phase trains")
        XCTAssertEqual(sums[1], sums[4], "a learning rate of 0 in the second phase leaves the weights")
    }

    func testScheduleSetsTheRatePerEpoch() throws {
        var config = configuration([TrainingPhase(epochs: 3, data: try TrainingFixtures.blobs(count: 60, seed: 1))],
                                   optimizer: try SGD(learningRate: 1))
        config.schedule = .exponential(base: 0.05, factor: 0.97, unit: .epoch)
        let run = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3))
        // 2 steps per epoch; the rate is 0.05 × 0.97^epoch for every step of the epoch.
        let expected = [0.05, 0.05, 0.0485, 0.0485, 0.047045, 0.047045]
        for (actual, value) in zip(run.steps.map(\.learningRate), expected) { XCTAssertEqual(actual, value, accuracy: 1e-12) }
        for (actual, value) in zip(run.epochs.map(\.learningRate), [0.05, 0.0485, 0.047045]) {
            XCTAssertEqual(actual, value, accuracy: 1e-12)
        }
        XCTAssertEqual(run.steps.count, 6)
    }

    func testProbesAreRecordedAtTheirIntervals() throws {
        var config = configuration([TrainingPhase(epochs: 5, data: try TrainingFixtures.blobs(count: 60, seed: 1))],
                                   optimizer: try SGD(learningRate: 0.1))
        config.probes = [
            TrainingProbe(name: "everyOther", every: .epochs(2), atStart: true) { Double($0.epoch) },
            TrainingProbe(name: "steps", every: .steps(3)) { ["a": Double($0.step), "b": -Double($0.step)] },
        ]
        config.evaluation = try TrainingFixtures.blobs(count: 30, seed: 2)
        config.evaluateEvery = .steps(4)
        let run = try Trainer(config).fit(try TrainingFixtures.mlp(seed: 3))
        XCTAssertEqual(run.probes["everyOther"]?.map(\.epoch), [0, 2, 4])
        XCTAssertEqual(run.series("everyOther"), [0, 2, 4])
        XCTAssertEqual(run.probes["steps.a"]?.map(\.step), [3, 6, 9])
        XCTAssertEqual(run.series("steps.b"), [-3, -6, -9])
        XCTAssertEqual(run.evaluations.map(\.step), [4, 8])
        XCTAssertNil(run.epochs[0].evalAccuracy, "evaluation runs by steps here, not at epoch ends")
    }

    func testInterruptReturnsThePartialRunAndResumesExactly() throws {
        let data = try TrainingFixtures.blobs(count: 90, seed: 1)
        func make() throws -> (ClosureModel, Trainer) {
            let config = configuration([TrainingPhase(epochs: 3, data: data)],
                                       optimizer: try SGD(learningRate: 0.05, momentum: 0.9))
            return (try TrainingFixtures.mlp(seed: 3), try Trainer(config))
        }
        let (straightModel, straight) = try make()
        _ = try straight.fit(straightModel)

        let (model, trainer) = try make()
        var polls = 0
        let partial = try trainer.fit(model, shouldStop: { polls += 1; return polls > 5 })
        XCTAssertTrue(partial.interrupted)
        XCTAssertEqual(partial.finalStep, 5)
        XCTAssertEqual(partial.finalEpoch, 1, "3 batches per epoch: stopped inside the second epoch")
        XCTAssertEqual(partial.epochs.count, 1)
        XCTAssertEqual(partial.state.batch, 2)

        let (_, fresh) = try make()
        let resumed = try fresh.fit(model, from: try TrainingState(record: try partial.state.record()))
        XCTAssertFalse(resumed.interrupted)
        XCTAssertEqual(resumed.finalStep, 9)
        XCTAssertEqual(resumed.epochs.map(\.epoch), [2, 3])
        XCTAssertEqual(TrainingFixtures.bits(model), TrainingFixtures.bits(straightModel))
    }

    func testResumingAfterTwoEpochsMatchesFourStraightBitForBit() throws {
        let first = try TrainingFixtures.blobs(count: 90, seed: 1)
        let second = try TrainingFixtures.blobs(count: 60, seed: 2)
        func make(epochs: (Int, Int)) throws -> Trainer {
            var config = configuration([TrainingPhase(epochs: epochs.0, data: first),
                                        TrainingPhase(epochs: epochs.1, data: second,
                                                      optimizer: try SGD(learningRate: 0.02, momentum: 0.9, nesterov: true))],
                                       optimizer: try Adam(learningRate: 0.01))
            config.schedule = .exponential(base: 0.01, factor: 0.9, unit: .epoch)
            return try Trainer(config)
        }
        let straightModel = try TrainingFixtures.mlp(seed: 3)
        let straightRun = try make(epochs: (3, 1)).fit(straightModel)

        let model = try TrainingFixtures.mlp(seed: 3)
        var epochsSeen = 0
        let half = try make(epochs: (3, 1)).fit(model, progress: { if $0.kind == .epoch { epochsSeen += 1 } },
                                                       shouldStop: { epochsSeen >= 2 })
        XCTAssertEqual(half.finalEpoch, 2)
        let saved = try half.state.record()

        // A fresh model takes the weights by name, as a checkpoint load would, and a fresh trainer
        // with new optimizer objects takes the saved state.
        let restored = try TrainingFixtures.mlp(seed: 99)
        for (target, source) in zip(restored.parameters, model.parameters) { try target.assign(source.value) }
        let rest = try make(epochs: (3, 1)).fit(restored, from: try TrainingState(record: saved))
        XCTAssertEqual(TrainingFixtures.bits(restored), TrainingFixtures.bits(straightModel))
        XCTAssertEqual(rest.state, straightRun.state)
        XCTAssertEqual(half.epochs + rest.epochs, straightRun.epochs)
    }

    func testSameResultsWithOneAndTwoThreads() throws {
        let data = try TrainingFixtures.blobs(count: 256, seed: 1)
        var results: [[[UInt32]]] = []
        for threads in [1, 2] {
            let model = try TrainingFixtures.mlp(seed: 3, hidden: 96)
            var config = configuration([TrainingPhase(epochs: 2, data: data)],
                                       optimizer: try SGD(learningRate: 0.05, momentum: 0.9), batchSize: 64)
            config.pool = WorkerPool(threadCount: threads)
            _ = try Trainer(config).fit(model)
            results.append(TrainingFixtures.bits(model))
        }
        XCTAssertEqual(results[0], results[1])
    }

    func testStepsUpdateParametersInPlaceOnceTheirGraphIsGone() throws {
        // The step's autodiff record holds the parameter values; it must be released before the
        // optimizer runs, or every update would copy every parameter.
        let data = try TrainingFixtures.blobs(count: 64, seed: 1)
        let model = try TrainingFixtures.mlp(seed: 3)
        let config = configuration([TrainingPhase(epochs: 1, data: data)],
                                   optimizer: try SGD(learningRate: 0.05, momentum: 0.9), batchSize: 16)
        func addresses() -> [UnsafePointer<Float>?] { model.parameters.map { $0.value.withUnsafeScalars { $0.baseAddress } } }
        _ = try Trainer(config).fit(model)
        let before = addresses(), bits = TrainingFixtures.bits(model)
        _ = try Trainer(config).fit(model)
        XCTAssertEqual(addresses(), before)
        XCTAssertNotEqual(TrainingFixtures.bits(model), bits)
    }

    func testNonFiniteInputStopsWithTheStepAndLastFiniteLoss() throws {
        var values = try TrainingFixtures.blobs(count: 40, seed: 1, shuffles: false)
        var scalars = values.inputs.scalars
        scalars[2 * 25] = .nan  // row 25 lies in the third batch of 10
        values = try TensorBatchSource(inputs: Tensor(shape: [40, 2], scalars: scalars), labels: values.labels,
                                       shuffles: false)
        let model = try TrainingFixtures.mlp(seed: 3)
        let trainer = try Trainer(configuration([TrainingPhase(epochs: 1, data: values)],
                                                optimizer: try SGD(learningRate: 0.1), batchSize: 10))
        var lastLoss: Double?
        let initial = TrainingFixtures.bits(model)
        XCTAssertThrowsError(try trainer.fit(model, progress: { lastLoss = $0.loss })) { error in
            guard case let .nonFiniteLoss(_, step, epoch, last, restored)? = error as? TrainingError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(step, 3)
            XCTAssertEqual(epoch, 1)
            XCTAssertNotNil(last)
            XCTAssertEqual(restored, 0)
            XCTAssertTrue("\(error)".hasPrefix("training stopped: loss became nan at step 3 (epoch 1); last finite loss "), "\(error)")
            XCTAssertTrue("\(error)".contains("; the network is back at its initial weights"), "\(error)")
        }
        XCTAssertNotNil(lastLoss)
        XCTAssertEqual(TrainingFixtures.bits(model), initial, "the epoch that diverged is undone")
    }

    /// A loss that becomes non-finite in a later epoch sends the model back to that epoch's start:
    /// the weights equal those of a run that stopped there, and the error names the step.
    func testDivergenceRestoresTheWeightsAtTheEpochStart() throws {
        let clean = try TrainingFixtures.blobs(count: 40, seed: 1, shuffles: false)
        var scalars = clean.inputs.scalars
        scalars[2 * 25] = .nan  // the third batch of 10 in every epoch of the second phase
        let poisoned = try TensorBatchSource(inputs: Tensor(shape: [40, 2], scalars: scalars), labels: clean.labels,
                                             shuffles: false)
        let sgd = { try SGD(learningRate: 0.1, momentum: 0.9) }
        let reference = try TrainingFixtures.mlp(seed: 3)
        _ = try Trainer(configuration([TrainingPhase(epochs: 2, data: clean)], optimizer: try sgd(), batchSize: 10))
            .fit(reference)
        let model = try TrainingFixtures.mlp(seed: 3)
        let trainer = try Trainer(configuration([TrainingPhase(epochs: 2, data: clean), TrainingPhase(epochs: 1, data: poisoned)],
                                                optimizer: try sgd(), batchSize: 10))
        XCTAssertThrowsError(try trainer.fit(model)) { error in
            guard case let .nonFiniteLoss(_, step, epoch, _, restored)? = error as? TrainingError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(step, 11)
            XCTAssertEqual(epoch, 3)
            XCTAssertEqual(restored, 8)
            XCTAssertTrue("\(error)".contains("; the network is back at its weights after step 8, the start of an epoch"),
                          "\(error)")
        }
        XCTAssertEqual(TrainingFixtures.bits(model), TrainingFixtures.bits(reference))
    }

    func testHugeLearningRateDivergesIntoAnError() throws {
        let trainer = try Trainer(configuration([TrainingPhase(epochs: 20, data: try TrainingFixtures.blobs(count: 60, seed: 1))],
                                                optimizer: try SGD(learningRate: 1e18)))
        XCTAssertThrowsError(try trainer.fit(try TrainingFixtures.mlp(seed: 3))) { error in
            XCTAssertTrue("\(error)".contains("training stopped: loss became"), "\(error)")
        }
    }

    func testBadConfigurationsAreNamed() throws {
        let data = try TrainingFixtures.blobs(count: 10, seed: 1)
        let sgd = try SGD(learningRate: 0.1)
        XCTAssertThrowsError(try Trainer(configuration([], optimizer: sgd))) {
            XCTAssertTrue("\($0)".contains("at least one phase"), "\($0)")
        }
        XCTAssertThrowsError(try Trainer(configuration([TrainingPhase(epochs: 1, data: data)], optimizer: sgd, batchSize: 0))) {
            XCTAssertTrue("\($0)".contains("batch size must be above 0, got 0"), "\($0)")
        }
        var config = configuration([TrainingPhase(epochs: 1, data: data)], optimizer: sgd)
        config.probes = [TrainingProbe(name: "p", every: .epochs(1)) { _ in 0 },
                         TrainingProbe(name: "p", every: .steps(1)) { _ in 0 }]
        XCTAssertThrowsError(try Trainer(config)) { XCTAssertTrue("\($0)".contains("two probes are named 'p'"), "\($0)") }
        let wrongSeed = TrainingState(seed: 1)
        XCTAssertThrowsError(try Trainer(configuration([TrainingPhase(epochs: 1, data: data)], optimizer: sgd))
            .fit(try TrainingFixtures.mlp(seed: 3), from: wrongSeed)) {
            XCTAssertTrue("\($0)".contains("seed 1"), "\($0)")
        }
    }

    func testEmptyDataIsAnErrorNamingThePhase() throws {
        let empty = try TensorBatchSource(inputs: Tensor<Float>.zeros([0, 2]), labels: [])
        let trainer = try Trainer(configuration([TrainingPhase(epochs: 1, data: try TrainingFixtures.blobs(count: 30, seed: 1)),
                                                 TrainingPhase(name: "clean", epochs: 1, data: empty)],
                                                optimizer: try SGD(learningRate: 0.1)))
        XCTAssertThrowsError(try trainer.fit(try TrainingFixtures.mlp(seed: 3))) {
            XCTAssertEqual("\($0)", "phase 2 'clean': its data has no samples")
        }
    }
}
