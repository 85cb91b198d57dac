#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Learning
import Probes
import TensorRuntime

/// `infoscope-bench calibrate`: each cost estimate of `check` beside the time the work really
/// takes on this machine, one `CALIBRATION` line per case, to keep `CostModel`'s constants honest
/// (a timing, so it lives here and not in the test suite).
func runCalibrationCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "calibrate")
    do {
        try TensorThreading.withPool(WorkerPool(threadCount: options.threads)) { try CostCalibration().run() }
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}

/// The cases: the Fisher trace, information in the weights and the Hessian probes on an MLP,
/// training it, and the quick start's CNN.
struct CostCalibration {
    func measure(_ label: String, _ estimate: CostEstimate, _ body: () throws -> Void) rethrows {
        let start = Date()
        try body()
        let real = Date().timeIntervalSince(start)
        print(String(format: "CALIBRATION %@: estimated %.3g s, measured %.3g s, ratio %.2f — %@",
                     label, estimate.seconds, real, real / max(estimate.seconds, 1e-12), estimate.summary))
        fflush(stdout)
    }

    func network(_ widths: [Int], input: Int, seed: UInt64) throws -> Network {
        var layers: [any Layer] = []
        for (i, w) in widths.enumerated() {
            layers.append(DenseLayer(units: w))
            if i + 1 < widths.count { layers.append(ActivationLayer(.relu)) }
        }
        let net = Network(layers)
        try net.build(inputShape: [input], random: RandomStream(seed: seed))
        return net
    }

    func data(_ n: Int, inputs: Int, classes: Int, seed: UInt64) throws -> ProbeData<Float> {
        var random = RandomStream(seed: seed)
        return try ProbeData(inputs: Tensor<Float>.normal([n, inputs], using: &random), labels: (0..<n).map { $0 % classes })
    }

    func run() throws {
        let net = try network([64, 10], input: 784, seed: 1)
        let model = try ProbeModel<Float>(network: net)
        let d = try data(500, inputs: 784, classes: 10, seed: 2)
        let w = try ProbeWorkload(model: model, data: d)
        try measure("fisher MC 784-64-10 n=500", ProbeCost.fisher(w, estimator: .monteCarlo(seed: 0))) {
            _ = try FisherProbe.estimate(model, on: d, estimator: .monteCarlo(seed: 0))
        }
        try measure("fisher exact 784-64-10 n=500", ProbeCost.fisher(w, estimator: .exact)) {
            _ = try FisherProbe.estimate(model, on: d, estimator: .exact)
        }
        let code = try GaussianCode(lambda: 1, beta: 0.01)
        let lanczos = WeightInformationEstimator.lanczos(steps: 5, probes: 2, seed: 0)
        try measure("P2 lanczos 5×2 784-64-10 n=500", ProbeCost.weightInformation(w, estimator: lanczos)) {
            _ = try WeightInformation.estimate(model, on: d, code: code, estimator: lanczos)
        }
        let small = try ProbeModel<Float>(network: network([16, 10], input: 20, seed: 3))
        let smallData = try data(200, inputs: 20, classes: 10, seed: 4)
        let sw = try ProbeWorkload(model: small, data: smallData)
        try measure("P2 exact 20-16-10 (k=506) n=200", ProbeCost.weightInformation(sw, estimator: .exact(maxParameters: 2000))) {
            _ = try WeightInformation.estimate(small, on: smallData, code: code, estimator: .exact(maxParameters: 2000))
        }
        var options = HessianOptions()
        options.probes = 10
        options.exactGapMaxParameters = 0
        try measure("P6 hessian 10 probes 784-64-10 n=500", ProbeCost.hessian(w, options: options)) {
            _ = try HessianProbe.summarize(model, on: d, options: options)
        }
        try measureTraining(net, d, w)
        try measureConvolution()
    }

    /// The quick start's CNN on 1000 glyphs: convolutions run below the dense layers' flop rate.
    func measureConvolution() throws {
        let net = Network([ConvolutionLayer(filters: 8, kernel: 5, stride: 2), ActivationLayer(.relu),
                           ConvolutionLayer(filters: 16, kernel: 3, stride: 2), ActivationLayer(.relu),
                           ReshapeLayer(.flatten), DenseLayer(units: 10)])
        try net.build(inputShape: [1, 28, 28], random: RandomStream(seed: 5))
        let glyphs = try Dataset.glyphs(count: 1000, stream: RandomStream(seed: 6))
        let inputs = try Tensor<Float>(shape: [1000, 1, 28, 28], scalars: glyphs.features)
        let d = try ProbeData(inputs: inputs, labels: glyphs.labels.map(Int.init))
        let model = try ProbeModel<Float>(network: net)
        let w = try ProbeWorkload(model: model, data: d)
        try measure("fisher MC cnn n=1000", ProbeCost.fisher(w, estimator: .monteCarlo(seed: 0))) {
            _ = try FisherProbe.estimate(model, on: d, estimator: .monteCarlo(seed: 0))
        }
        try measureTraining(net, d, w, label: "cnn")
    }

    func measureTraining(_ net: Network, _ d: ProbeData<Float>, _ w: ProbeWorkload, label: String = "784-64-10") throws {
        let source = try TensorBatchSource(inputs: d.inputs, labels: d.labels.map(Int32.init))
        let trainer = try Trainer(TrainingConfiguration(phases: [TrainingPhase(epochs: 3, data: source)],
                                                        optimizer: SGD(learningRate: 0.01), batchSize: 64))
        try measure("training 3 epochs \(label) n=\(d.count) batch 64", ProbeCost.training(w, epochs: 3, batchSize: 64)) {
            _ = try trainer.fit(net.trainableModel)
        }
    }
}
