import Learning
import TensorRuntime

/// One training run of an experiment: per epoch (0 = before the first step) tr F in total and
/// per layer, and the epoch records of the trainer.
public struct ExperimentRun {
    /// tr F at the end of epochs 0 (initial weights), 1, 2, …
    public let fisher: [Double]
    /// tr F per layer (layer names in forward order), aligned with `fisher`.
    public let fisherPerLayer: [(layer: String, values: [Double])]
    /// The trainer's records of epochs 1, 2, … (loss, accuracy, test accuracy, phase).
    public let epochs: [EpochRecord]
    /// The trained network.
    public let network: Network

    /// Test accuracy after the last epoch, or training accuracy when there is no test data.
    public var finalAccuracy: Double { epochs.last.map { $0.evalAccuracy ?? $0.trainAccuracy } ?? .nan }
}

extension ExperimentSetup {
    /// A phase of a run: a name, a length and the data it trains on.
    struct Phase {
        var name: String
        var epochs: Int
        var data: Dataset
    }

    /// Trains a fresh network through `phases`, measuring tr F on the first `fisherSamples` of
    /// the current phase's data at the start and after every epoch.
    func run(_ phases: [Phase], classes: Int, batchSize: Int? = nil, progress: ((String) -> Void)?) throws -> ExperimentRun {
        let network = try makeNetwork(classes)
        let layerNames = try probeModel(network).layers.map(\.name)
        let fisherData = try phases.map { try Self.probeData($0.data, count: fisherSamples) }
        let estimator = fisherEstimator, probeModel = self.probeModel
        let probe = TrainingProbe(name: "fisher", every: .epochs(1), atStart: true) { context in
            // After the last epoch of a phase the trainer reports that phase; measure on its data.
            let data = fisherData[min(context.phase, fisherData.count - 1)]
            let result = try FisherProbe.estimate(probeModel(network), on: data, estimator: estimator)
            var values = ["": result.total]
            for layer in result.layers { values[layer.name] = layer.trace }
            return values
        }
        let configuration = TrainingConfiguration(
            phases: phases.map { TrainingPhase(name: $0.name, epochs: $0.epochs, data: DatasetBatchSource($0.data)) },
            optimizer: try makeOptimizer(), schedule: schedule, batchSize: batchSize ?? self.batchSize, seed: seed,
            evaluation: test.map { DatasetBatchSource($0, shuffles: false) }, evaluateEvery: .epochs(1),
            probes: [probe], recordsSteps: false, pool: pool)
        let report: ((TrainingProgress) -> Void)? = progress.map { line in
            { p in
                guard p.kind == .epoch else { return }
                let accuracy = p.evalAccuracy.map { String(format: ", test accuracy %.4f", $0) } ?? ""
                line(String(format: "epoch %d/%d: loss %.4f, accuracy %.4f%@", p.epoch, p.totalEpochs, p.loss, p.accuracy, accuracy))
            }
        }
        let run = try Trainer(configuration).fit(Self.trainable(network), progress: report)
        return ExperimentRun(fisher: run.series("fisher"),
                             fisherPerLayer: layerNames.map { ($0, run.series("fisher.\($0)")) },
                             epochs: run.epochs, network: network)
    }

    /// The network as the trainer's model: every stored tensor is passed, as the language does.
    static func trainable(_ network: Network) -> ClosureModel {
        ClosureModel(parameters: network.allParameters) { input, weights, training, random in
            try network.forward(input, training: training, random: &random, values: weights)
        }
    }

    /// The first `count` samples of `dataset` as probe data.
    static func probeData(_ dataset: Dataset, count: Int) throws -> ProbeData<Float> {
        let n = min(count, dataset.count), size = dataset.sampleSize
        let inputs = try Tensor<Float>(shape: [n] + dataset.sampleShape, scalars: Array(dataset.features[0..<(n * size)]))
        return try ProbeData(inputs: inputs, labels: dataset.labels[0..<n].map(Int.init))
    }
}
