#if canImport(Glibc)
import Glibc
#endif
import Learning
import TensorKernels
import TensorRuntime

/// The Swift twin of `bench/mlp_script.isc`: the `torch_mlp.py` MLP built from the same parts a
/// script's `train` uses (a `Dataset` of Gaussian blobs through `DatasetBatchSource`, a `Network`
/// of layers, the `Trainer`), so the two differ only by the interpreter. Both train 60 warm-up
/// batches (on a 7,680-sample subset), then `epochs` timed epochs, and report the trainer's
/// seconds per epoch; `bench/script_overhead.sh` divides one by the other.
struct NetworkMLPBenchmark {
    var threads: Int
    var epochs: Int

    /// The sample count, batch and widths of `torch_mlp.py`; the warm-up subset is 60 batches.
    static let samples = 60_000
    static let batchSize = 128
    static let warmUpSamples = 60 * 128

    func run() throws -> (secondsPerEpoch: Double, loss: Double) {
        let data = try Dataset.blobs(count: Self.samples, classes: 10, dimensions: 784, spread: 1,
                                     stream: RandomStream(seed: 0))
        let network = Network([Layers.dense(256), Layers.relu(), Layers.dense(256), Layers.relu(), Layers.dense(10)],
                              kind: "mlp")
        try network.build(inputShape: [784], random: RandomStream(seed: 2))
        let model = network.trainableModel
        let pool = WorkerPool(threadCount: threads)
        func configuration(_ source: Dataset, epochs: Int) throws -> TrainingConfiguration {
            TrainingConfiguration(phases: [TrainingPhase(epochs: epochs, data: DatasetBatchSource(source))],
                                  optimizer: try SGD(learningRate: 0.01, momentum: 0.9), batchSize: Self.batchSize,
                                  seed: 1, pool: pool)
        }
        let warmUp = try data.subset(Self.warmUpSamples, stream: RandomStream(seed: 0))
        _ = try Trainer(try configuration(warmUp, epochs: 1)).fit(model)
        let run = try Trainer(try configuration(data, epochs: epochs)).fit(model)
        return (run.wallSeconds / Double(epochs), run.epochs.last?.trainLoss ?? .nan)
    }
}

/// `infoscope-bench mlp-network`: one `RESULT {json}` line with the twin's seconds per epoch.
func runNetworkMLPCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "mlp-network")
    do {
        let (seconds, loss) = try NetworkMLPBenchmark(threads: options.threads, epochs: options.runs).run()
        print("RESULT {\"bench\": \"infoscope_mlp_network\", \"threads\": \(options.threads), "
              + "\"epochs\": \(options.runs), \"sec_per_epoch\": \(format4(seconds)), \"final_loss\": \(format4(loss))}")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}
