import Probes
import TensorKernels
import TensorRuntime

/// The `torch_fisher.py` workload: the trace of the Fisher information of the MLP 784-256-256-10
/// (ReLU) on 1,000 random samples from per-sample gradients, through the Probes API
/// (`FisherProbe.estimate` on a `ProbeModel` whose forward reports its dense calls as taps) and
/// through the runtime's per-sample gradient norms directly.
struct FisherBenchmark {
    var threads: Int
    var repeats: Int

    /// As in `torch_fisher.py`.
    static let samples = 1000
    static let widths = [784, 256, 256, 10]

    /// One timed method: its median seconds and the trace it computed.
    struct Measurement {
        var name: String
        var seconds: Double
        var trace: Double
    }

    /// Samples of the cross-check: the one-backward-pass-per-sample reference is slow (each pass
    /// copies the whole gradient out), so it runs on a prefix.
    static let checkSamples = 50

    /// Runs every method (one warm-up call, then `repeats` timed calls each), then the batched
    /// empirical trace and the per-sample loop reference on the first `checkSamples` samples,
    /// which must agree.
    func run() throws -> (measurements: [Measurement], check: (batched: Double, loop: Double)) {
        var random = RandomStream(seed: 0)
        let inputs = try Tensor<Float>.normal([Self.samples, Self.widths[0]], using: &random)
        let labels = (0..<Self.samples).map { _ in random.nextInt(in: 0...9) }
        let model = try Self.model(&random)
        let data = try ProbeData(inputs: inputs, labels: labels)
        let pool = WorkerPool(threadCount: threads)
        return try TensorThreading.withPool(pool) {
            // One chunk of all 1,000 samples, like the peer's single batched pass.
            func probe(_ estimator: FisherEstimator, _ method: PerSampleMethod = .batched,
                       on data: ProbeData<Float> = data) throws -> Double {
                try FisherProbe.estimate(model, on: data, estimator: estimator, method: method,
                                         chunkSize: Self.samples).total
            }
            let measurements = [
                try timed("runtime_norms_empirical") { try Self.runtimeTrace(model, data) },
                try timed("probe_empirical") { try probe(.empirical) },
                try timed("probe_monte_carlo") { try probe(.monteCarlo(seed: 1)) },
                try timed("probe_exact") { try probe(.exact) },
            ]
            let prefix = try ProbeData(inputs: inputs.selectRows(Array(0..<Self.checkSamples)),
                                       labels: Array(labels.prefix(Self.checkSamples)))
            return (measurements, (try probe(.empirical, on: prefix), try probe(.empirical, .sampleLoop, on: prefix)))
        }
    }

    private func timed(_ name: String, _ body: () throws -> Double) throws -> Measurement {
        var trace = try body()
        var seconds: [Double] = []
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            trace = try body()
            seconds.append(monotonicSeconds() - start)
        }
        return Measurement(name: name, seconds: seconds.sorted()[seconds.count / 2], trace: trace)
    }

    /// tr F with the data labels straight from `Autodiff.perSampleGradientSquaredNorms`: one forward
    /// and one backward pass over the whole batch, the analogue of the peer's closed form.
    static func runtimeTrace(_ model: ProbeModel<Float>, _ data: ProbeData<Float>) throws -> Double {
        let variables = model.parameters.map { $0.variable() }
        let forward = try model.forward(variables, data.inputs)
        let loss = try Tensor.softmaxCrossEntropy(logits: forward.logits, labels: data.labels)
        let norms = try Autodiff.perSampleGradientSquaredNorms(of: loss, layerOutputs: forward.taps.map(\.output))
        var total = 0.0
        for layer in norms {
            total += Double(try layer.weight.sum().scalar())
            if let bias = layer.bias { total += Double(try bias.sum().scalar()) }
        }
        return total / Double(data.count)
    }

    /// The MLP with torch.nn.Linear's initialisation (uniform in ±1/√fan_in); weights `[in, out]`.
    static func model(_ random: inout RandomStream) throws -> ProbeModel<Float> {
        var layers: [(name: String, parameters: [(name: String, value: Tensor<Float>)])] = []
        for layer in 0..<(widths.count - 1) {
            let bound = 1 / Float(widths[layer]).squareRoot()
            let weight = try Tensor<Float>.uniform([widths[layer], widths[layer + 1]], low: -bound, high: bound,
                                                   using: &random)
            let bias = try Tensor<Float>.uniform([widths[layer + 1]], low: -bound, high: bound, using: &random)
            layers.append(("dense\(layer + 1)", [("dense\(layer + 1).weight", weight), ("dense\(layer + 1).bias", bias)]))
        }
        let count = widths.count - 1
        return try ProbeModel(layers: layers, output: .softmax, inputShape: [widths[0]]) { values, inputs in
            var x = inputs
            var taps: [LinearTap<Float>] = []
            for layer in 0..<count {
                let hidden = layer < count - 1
                let y = try Tensor.dense(x, weight: values[2 * layer], bias: values[2 * layer + 1], relu: hidden)
                taps.append(LinearTap(output: y, input: x, weight: 2 * layer, bias: 2 * layer + 1, fusedRelu: hidden))
                x = y
            }
            return ProbeForward(logits: x, taps: taps)
        }
    }
}
