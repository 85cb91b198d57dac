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

    /// The peak of tr F's rise: the largest value after the bottom of the drop it starts with, and
    /// its epoch; nil when tr F only falls. tr F at the initial weights is the largest of almost
    /// every run, so the plain maximum would always say epoch 0; the paper's peak is the rise
    /// that follows, while the network memorises, before tr F decays.
    public var fisherPeak: (epoch: Int, value: Double)? { Self.risePeak(fisher) }

    /// `fisherPeak` of a series (see there).
    public static func risePeak(_ series: [Double]) -> (epoch: Int, value: Double)? {
        var bottom = 0
        while bottom + 1 < series.count, series[bottom + 1] <= series[bottom] { bottom += 1 }
        guard bottom + 1 < series.count,
              let top = (bottom + 1..<series.count).max(by: { series[$0] < series[$1] }) else { return nil }
        return (top, series[top])
    }

    /// How `fisherPeak` is found, for the settings of the tables that show it.
    public static let peakRule = "the largest tr F after the bottom of its first drop (tr F at the initial weights, "
        + "the largest in most runs, is left out); none when tr F only falls"
}

extension ExperimentSetup {
    /// A phase of a run: a name, a length and the data it trains on.
    struct Phase {
        var name: String
        var epochs: Int
        var data: Dataset
        /// When set, the phase lasts this many optimizer steps instead of `epochs` epochs.
        var steps: Int? = nil
    }

    /// Trains a fresh network through `phases`, measuring tr F on the first `fisherSamples` of
    /// the data of the epoch just finished, after every epoch (and before the first, on the
    /// first epoch's data).
    func run(_ phases: [Phase], classes: Int, batchSize: Int? = nil, progress: ((String) -> Void)?) throws -> ExperimentRun {
        let network = try makeNetwork(classes)
        if let initialSeed, let shape = network.inputShape {
            // Building again draws fresh initial weights: this run's own, from its seed.
            try network.build(inputShape: shape, random: RandomStream(seed: initialSeed))
        }
        let layerNames = try probeModel(network).layers.map(\.name)
        let fisherData = try phases.map { try Self.probeData($0.data, count: fisherSamples) }
        let estimator = fisherEstimator, probeModel = self.probeModel
        let lengths = phases.map(\.epochs)
        let probe = TrainingProbe(name: "fisher", every: .epochs(1), atStart: true) { context in
            // Measured on the data the network just trained on; the context's phase is already
            // the next epoch's at an epoch's end, so the phase is found from the epoch count.
            let data = fisherData[Self.phase(ofEpoch: max(context.epoch, 1), lengths: lengths)]
            let result = try FisherProbe.estimate(probeModel(network), on: data, estimator: estimator)
            var values = ["": result.total]
            for layer in result.layers { values[layer.name] = layer.trace }
            return values
        }
        let configuration = TrainingConfiguration(
            phases: phases.map { TrainingPhase(name: $0.name, length: $0.steps.map { .steps($0) } ?? .epochs($0.epochs),
                                               data: DatasetBatchSource($0.data, augmentations: augmentations)) },
            optimizer: try makeOptimizer(), schedule: schedule, batchSize: batchSize ?? self.batchSize, seed: seed,
            evaluation: test.map { DatasetBatchSource($0, shuffles: false) }, evaluateEvery: .epochs(1),
            probes: [probe], recordsSteps: false, pool: pool)
        let report: ((TrainingProgress) -> Void)? = progress.map { line in
            { p in
                guard p.kind == .epoch else { return }
                let accuracy = p.evalAccuracy.map { String(format: ", test accuracy %.4f", $0) } ?? ""
                line(String(format: "epoch %d/%d: loss %@, accuracy %.4f%@", p.epoch, p.totalEpochs, TextFormat.loss(p.loss),
                            p.accuracy, accuracy))
            }
        }
        let run = try Trainer(configuration).fit(network.trainableModel, progress: report)
        return ExperimentRun(fisher: run.series("fisher"),
                             fisherPerLayer: layerNames.map { ($0, run.series("fisher.\($0)")) },
                             epochs: run.epochs, network: network)
    }

    /// The index of the phase that trains epoch `epoch` (counted from 1), skipping empty phases.
    static func phase(ofEpoch epoch: Int, lengths: [Int]) -> Int {
        var end = 0
        for (index, length) in lengths.enumerated() {
            end += length
            if epoch <= end && length > 0 { return index }
        }
        return max(lengths.count - 1, 0)
    }

    /// The first `count` samples of `dataset` as probe data.
    static func probeData(_ dataset: Dataset, count: Int) throws -> ProbeData<Float> {
        let n = min(count, dataset.count), size = dataset.sampleSize
        let inputs = try Tensor<Float>(shape: [n] + dataset.sampleShape, scalars: Array(dataset.features[0..<(n * size)]))
        return try ProbeData(inputs: inputs, labels: dataset.labels[0..<n].map(Int.init))
    }
}
