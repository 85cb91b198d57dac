import Learning
import TensorKernels
import TensorRuntime

/// Makes the probe model of a network's CURRENT weights (the adapter from `Learning.Network` to
/// `ProbeModel`); the experiments call it whenever they measure.
public typealias NetworkProbeModel = (Network) throws -> ProbeModel<Float>

/// What every experiment run shares: how to make a fresh network, the data, the optimizer and
/// schedule, and how tr F is measured.
///
/// Each run starts from `makeNetwork`, which must return a built network with the same initial
/// weights for the same class count (draw them from a fixed seed), so that runs differ only in
/// what the experiment varies.
public struct ExperimentSetup {
    /// A fresh, built network for `classes` output classes.
    public var makeNetwork: (_ classes: Int) throws -> Network
    /// The adapter to the probes (by default `ProbeModel(network:)`).
    public var probeModel: NetworkProbeModel
    /// The clean training data.
    public var train: Dataset
    /// Held-out data for the accuracy figures; nil reports training accuracy only.
    public var test: Dataset?
    /// A fresh optimizer (its own state) for each run.
    public var makeOptimizer: () throws -> Optimizer
    /// The learning-rate schedule, on the run's global clock; nil keeps the optimizer's rate.
    public var schedule: LearningRateSchedule?
    /// Rows per training batch.
    public var batchSize: Int
    /// The seed of every run (shuffles, dropout).
    public var seed: UInt64
    /// How many samples of the current training data tr F averages over (the first ones).
    public var fisherSamples: Int
    /// Which Fisher: the true Fisher by Monte Carlo by default (one backward pass per chunk).
    public var fisherEstimator: FisherEstimator
    /// Threads for the tensor operations; nil runs on the calling thread.
    public var pool: WorkerPool?
    /// Random changes drawn afresh for every training batch (crops, flips...); none by default.
    public var augmentations: [Augmentation] = []
    /// When set, each run draws its network's initial weights from this seed instead of taking
    /// `makeNetwork`'s (repeats over seeds vary the initialisation as well as the training).
    public var initialSeed: UInt64?
    /// Whether several processes share out the runs, each training its runs alone, rather than
    /// training every run together (docs/distributed.md); no effect on a single process.
    public var spreadsRuns = false

    /// A setup; see the properties.
    public init(makeNetwork: @escaping (_ classes: Int) throws -> Network,
                probeModel: @escaping NetworkProbeModel = { try ProbeModel<Float>(network: $0) },
                train: Dataset, test: Dataset? = nil, makeOptimizer: @escaping () throws -> Optimizer,
                schedule: LearningRateSchedule? = nil, batchSize: Int, seed: UInt64 = 0, fisherSamples: Int = 500,
                fisherEstimator: FisherEstimator = .monteCarlo(seed: 0), pool: WorkerPool? = nil) {
        self.makeNetwork = makeNetwork
        self.probeModel = probeModel
        self.train = train
        self.test = test
        self.makeOptimizer = makeOptimizer
        self.schedule = schedule
        self.batchSize = batchSize
        self.seed = seed
        self.fisherSamples = fisherSamples
        self.fisherEstimator = fisherEstimator
        self.pool = pool
    }

    static let name = "experiment"

    /// Checks the settings every experiment needs, naming the first bad one.
    func validate() throws {
        guard batchSize >= 1 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "batch size \(batchSize) must be at least 1")
        }
        guard fisherSamples >= 1 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "Fisher samples \(fisherSamples) must be at least 1")
        }
        guard train.count > 0 else {
            throw ProbeError.invalidArgument(probe: Self.name, message: "the training data '\(train.name)' has no samples")
        }
        if let test, test.count == 0 {
            throw ProbeError.invalidArgument(probe: Self.name, message: "the test data '\(test.name)' has no samples")
        }
    }
}
