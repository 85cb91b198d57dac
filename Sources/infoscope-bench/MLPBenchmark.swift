import Learning
import TensorKernels
import TensorRuntime

/// The `torch_mlp.py` workload through the training loop users get (`Learning.Trainer`): an MLP
/// 784-256-256-10 with ReLU, softmax cross-entropy, SGD with momentum 0.9 at lr 0.01, batch 128,
/// 60,000 random samples reshuffled every epoch. Reports seconds per epoch (median of `epochs`).
struct MLPBenchmark {
    var threads: Int
    var epochs: Int

    /// As in `torch_mlp.py`: the sample count, the batch and the layer widths.
    static let samples = 60_000
    static let batchSize = 128
    static let widths = [784, 256, 256, 10]
    /// Batches trained before timing (torch_mlp.py's warm-up): buffers grown, threads awake.
    static let warmUpBatches = 60

    /// Trains and returns the seconds of every timed epoch and the final batch loss.
    func run() throws -> (seconds: [Double], loss: Double) {
        var random = RandomStream(seed: 0)
        let inputs = try Tensor<Float>.normal([Self.samples, Self.widths[0]], using: &random)
        let labels = (0..<Self.samples).map { _ in Int32(random.nextInt(in: 0...9)) }
        let data = try TensorBatchSource(inputs: inputs, labels: labels)
        return try timedTraining(try Self.model(&random), on: data, batchSize: Self.batchSize,
                                 warmUpBatches: Self.warmUpBatches, epochs: epochs, threads: threads)
    }

    /// Linear layers initialised like torch.nn.Linear: uniform in ±1/√fan_in.
    static func model(_ random: inout RandomStream) throws -> ClosureModel {
        var parameters: [Parameter] = []
        for layer in 0..<(widths.count - 1) {
            let bound = 1 / Float(widths[layer]).squareRoot()
            parameters.append(Parameter(name: "\(layer).weight", value: try Tensor<Float>.uniform(
                [widths[layer], widths[layer + 1]], low: -bound, high: bound, using: &random)))
            parameters.append(Parameter(name: "\(layer).bias", value: try Tensor<Float>.uniform(
                [widths[layer + 1]], low: -bound, high: bound, using: &random)))
        }
        return ClosureModel(parameters: parameters) { input, w, _, _ in
            var x = input
            for layer in 0..<(w.count / 2) {
                let hidden = layer < w.count / 2 - 1
                x = try Tensor.dense(x, weight: w[2 * layer], bias: w[2 * layer + 1], relu: hidden)
            }
            return x
        }
    }
}
