#if canImport(Glibc)
import Glibc
#endif
import Learning
import TensorKernels
import TensorRuntime

/// The same network trained on data it can fit perfectly and on data it cannot, timed epoch by
/// epoch in alternation: the test that subnormal numbers cost nothing (docs/cpu.md).
///
/// Both sides train the MLP workload's network (784-256-256-10, batch 128, SGD with momentum 0.9
/// at lr 0.05, the real-MNIST recipe of issue 14) on the same 12,800 inputs: Gaussian blobs, ten
/// centres uniform in ±10 per coordinate, spread 1 (as `blobs` in bench/mlp_torch_script.isc). The
/// saturated side has each blob's class as label: the classes separate, the loss goes to 0, and
/// the softmax probabilities of the wrong classes, `exp(−margin)`, fall towards and into the
/// subnormal range (margins of 87 to 103), taking the gradients that flow back from them along.
/// The unsaturated side has random labels: its loss stays near ln 10. Without flush-to-zero, a CPU
/// that takes a microcode assist per subnormal operation runs the saturated side slower (a
/// 12,800-sample pair of this kind ran 1.63× slower on Sapphire Rapids, issue 14).
struct DenormalBenchmark {
    var threads: Int
    var epochs: Int

    static let samples = 12_800
    static let batchSize = 128
    /// Untimed epochs on each side first: the saturated side's loss is 0.0000 after them.
    static let saturatingEpochs = 3
    /// At the MLP workload's 0.01 the margins grew to only 25–45 in these epochs, and no gradient
    /// was subnormal; at 0.05 about 15% of the loss gradient's entries are (Zen 4, 1 thread).
    static let learningRate = 0.05

    /// One side's timed epochs, its last epoch's mean loss and the share of its loss gradient's
    /// entries that are subnormal at the end.
    struct Side {
        var seconds: [Double] = []
        var loss = Double.nan
        var subnormalShare = 0.0
    }

    func run() throws -> (saturated: Side, unsaturated: Side) {
        var random = RandomStream(seed: 0)
        let (inputs, blobLabels) = try Self.blobs(&random)
        let randomLabels = (0..<Self.samples).map { _ in Int32(random.nextInt(in: 0...9)) }
        let pool = WorkerPool(threadCount: threads)
        let saturated = try Trainee(inputs: inputs, labels: blobLabels, random: &random, pool: pool)
        let unsaturated = try Trainee(inputs: inputs, labels: randomLabels, random: &random, pool: pool)
        for epoch in 0..<Self.saturatingEpochs {
            _ = try saturated.epoch(epoch)
            _ = try unsaturated.epoch(epoch)
        }
        var sides = (Side(), Side())
        for epoch in Self.saturatingEpochs..<(Self.saturatingEpochs + epochs) {
            let s = try saturated.epoch(epoch), u = try unsaturated.epoch(epoch)
            sides.0.seconds.append(s.seconds)
            sides.0.loss = s.loss
            sides.1.seconds.append(u.seconds)
            sides.1.loss = u.loss
        }
        sides.0.subnormalShare = try saturated.subnormalGradientShare()
        sides.1.subnormalShare = try unsaturated.subnormalGradientShare()
        return sides
    }

    /// `samples` points around ten centres, and each point's centre as its label.
    static func blobs(_ random: inout RandomStream) throws -> (Tensor<Float>, [Int32]) {
        let width = MLPBenchmark.widths[0], classes = MLPBenchmark.widths.last ?? 10
        let centres = (0..<(classes * width)).map { _ in 20 * random.nextFloat() - 10 }
        var features = [Float]()
        features.reserveCapacity(samples * width)
        for i in 0..<samples {
            let c = i % classes
            for d in 0..<width {
                features.append(centres[c * width + d] + Float(random.nextNormal()))
            }
        }
        let labels = (0..<samples).map { Int32($0 % classes) }
        return (try Tensor(shape: [samples, width], scalars: features), labels)
    }
}

/// One side of the pair: a model, its optimizer (whose momentum carries over from epoch to
/// epoch) and its data.
private final class Trainee {
    let model: ClosureModel
    let optimizer: SGD
    let data: TensorBatchSource
    let pool: WorkerPool

    init(inputs: Tensor<Float>, labels: [Int32], random: inout RandomStream, pool: WorkerPool) throws {
        model = try MLPBenchmark.model(&random)
        optimizer = try SGD(learningRate: DenormalBenchmark.learningRate, momentum: 0.9)
        data = try TensorBatchSource(inputs: inputs, labels: labels)
        self.pool = pool
    }

    /// Trains one epoch (shuffled by its number); returns its seconds and mean loss.
    func epoch(_ number: Int) throws -> (seconds: Double, loss: Double) {
        let configuration = TrainingConfiguration(
            phases: [TrainingPhase(epochs: 1, data: data)], optimizer: optimizer,
            batchSize: DenormalBenchmark.batchSize, seed: UInt64(number), recordsSteps: false, pool: pool)
        let start = monotonicSeconds()
        let run = try Trainer(configuration).fit(model)
        return (monotonicSeconds() - start, run.epochs.last?.trainLoss ?? .nan)
    }

    /// The share of the entries of the loss gradient with respect to the logits, `(softmax −
    /// one-hot) / batch`, over all samples, that are subnormal as Floats: the values that start
    /// the backward pass. Computed in Double from the logits, so that neither mode changes the count.
    func subnormalGradientShare() throws -> Double {
        var unused = RandomStream(seed: 0)
        let logits = try model.logits(data.inputs, weights: model.parameters.map(\.value), training: false,
                                      random: &unused).scalars
        let classes = logits.count / data.labels.count
        // Float's smallest normal magnitude, and half its smallest subnormal (below which a
        // result rounds to 0), written in Double: a Float subnormal constant would read as 0 on
        // a thread with denormals-are-zero.
        let leastNormal = Double(sign: .plus, exponent: -126, significand: 1)
        let roundsToZero = Double(sign: .plus, exponent: -150, significand: 1)
        var subnormal = 0
        for (row, label) in data.labels.enumerated() {
            let z = logits[(row * classes)..<((row + 1) * classes)].map(Double.init)
            let top = z.max() ?? 0
            let total = z.reduce(0) { $0 + exp($1 - top) }
            for (j, value) in z.enumerated() {
                let p = exp(value - top) / total
                let gradient = abs(p - (j == Int(label) ? 1 : 0)) / Double(DenormalBenchmark.batchSize)
                if gradient >= roundsToZero && gradient < leastNormal { subnormal += 1 }
            }
        }
        return Double(subnormal) / Double(logits.count)
    }
}
