import Learning
import TensorKernels
import TensorRuntime

/// The `torch_cnn.py` workload through what users get: a `Network` of `Layers` trained by
/// `Learning.Trainer` — conv5×5(32)-relu-maxpool2-conv5×5(64)-relu-maxpool2-dense(128)-relu-dense(10)
/// on 28×28×1 inputs, softmax cross-entropy, SGD momentum 0.9 at lr 0.01, batch 128, 79 batches
/// of random data per repeat. Reports seconds per 10,000 samples, as the peer does.
struct CNNBenchmark {
    var threads: Int
    var repeats: Int

    /// As in `torch_cnn.py`: 79 batches of 128 = 10,112 samples per repeat, timed per 10,000.
    static let batchSize = 128
    static let batches = 79
    static let samplesPerFigure = 10_000.0
    /// Batches trained before timing (the peer's warm-up): buffers grown, threads awake.
    static let warmUpBatches = 5

    /// Trains and returns the seconds per 10,000 samples of every repeat and the final batch loss.
    func run() throws -> (seconds: [Double], loss: Double) {
        var random = RandomStream(seed: 0)
        let samples = Self.batches * Self.batchSize
        let inputs = try Tensor<Float>.normal([samples, 1, 28, 28], using: &random)
        let labels = (0..<samples).map { _ in Int32(random.nextInt(in: 0...9)) }
        // The peer walks the data in order; so does this source.
        let data = try TensorBatchSource(inputs: inputs, labels: labels, shuffles: false)
        let (seconds, loss) = try timedTraining(try Self.model(random.split(1)), on: data, batchSize: Self.batchSize,
                                                warmUpBatches: Self.warmUpBatches, epochs: repeats, threads: threads)
        let perFigure = Self.samplesPerFigure / Double(samples)
        return (seconds.map { $0 * perFigure }, loss)
    }

    /// The network, built for 28×28 single-channel images, as the trainer's model.
    static func model(_ random: RandomStream) throws -> ClosureModel {
        let network = Network([
            Layers.conv2d(32, kernel: 5), Layers.relu(), Layers.maxPool(2),
            Layers.conv2d(64, kernel: 5), Layers.relu(), Layers.maxPool(2),
            Layers.flatten(), Layers.dense(128), Layers.relu(), Layers.dense(10),
        ])
        try network.build(inputShape: [1, 28, 28], random: random)
        return network.trainableModel
    }
}
