import Learning
import TensorRuntime

/// Running a built network on inputs outside training: `predict(net, data)` and `net(x)`.
extension NetworkValue: CallableObject {
    /// How many samples go through the network at once: as many as `evaluate` takes by default,
    /// so a large dataset never becomes one tensor of activations.
    static let inferenceBatch = 1000

    /// `net(x)`: the logits of a tensor of inputs, in evaluation mode (dropout off, batch norm on
    /// its running statistics). One sample of the input shape gives [classes]; a batch [n, ...]
    /// gives [n, classes]. The logits follow the output rule (see `logits`).
    func call(_ argument: Value, evaluator: Evaluator) throws -> Value {
        guard case .object(let x as TensorValue) = argument else {
            let notes = argument.typeName == "list" ? [Messages.listToTensor] : []
            throw RuntimeError(Messages.networkCallArgument(name, argument.typeName), notes: notes)
        }
        let (batch, single) = try batchOf(x)
        var logits = try self.logits(count: batch.shape[0], batch: Self.inferenceBatch, operation: name, evaluator: evaluator) { rows in
            try batch.slice(axis: 0, start: rows.lowerBound, count: rows.count)
        }
        if single { logits = try TensorValue.attempt(name) { try logits.reshaped(Array(logits.shape.dropFirst())) } }
        return .object(TensorValue(logits))
    }

    /// A tensor of inputs as a batch: itself when it is [n] + the input shape, a batch of one when
    /// it is one sample (`single`). Anything else is refused in the words `DataFit` uses.
    func batchOf(_ x: TensorValue) throws -> (batch: Tensor<Float>, single: Bool) {
        guard network.isBuilt, let input = network.inputShape else { throw RuntimeError(Messages.networkNotBuilt(name)) }
        if x.shape == input { return (try TensorValue.attempt(name) { try x.tensor.reshaped([1] + input) }, true) }
        guard x.shape.count == input.count + 1, Array(x.shape.dropFirst()) == input else {
            throw RuntimeError(Messages.inputTensorShape(name, TensorShape.describe(input), TensorShape.describe(x.shape)))
        }
        return (x.tensor, false)
    }

    /// The network's logits for `count` samples, `batch` at a time, in evaluation mode: the
    /// output without a final distribution layer, and a one-output (Bernoulli) network's logit z
    /// as the two-class logits [0, z], whose softmax is [1 - σ(z), σ(z)] (`Network.logits`, the
    /// rule training and the probes read). `rows` gives the inputs of a range of samples.
    func logits(count: Int, batch: Int, operation: String, evaluator: Evaluator, rows: (Range<Int>) throws -> Tensor<Float>) throws -> Tensor<Float> {
        var values: [Float] = [], perSample: [Int] = []
        do {
            try TensorThreading.withPool(evaluator.session.pool) {
                var random = RandomStream(seed: 0)
                for start in stride(from: 0, to: count, by: batch) {
                    try evaluator.checkInterrupt()
                    let output = try network.logits(try rows(start..<min(count, start + batch)), training: false, random: &random)
                    if start == 0 {
                        perSample = Array(output.shape.dropFirst())
                        try Self.checkFits([count] + perSample, operation)
                        values.reserveCapacity(count * perSample.reduce(1, *))
                    }
                    output.withUnsafeScalars { values.append(contentsOf: $0) }
                }
            }
        } catch let e as RuntimeError {
            throw e
        } catch {
            throw LanguageError.bridge(error, network: self)
        }
        return try TensorValue.attempt(name) { try Tensor(shape: [count] + perSample, scalars: values) }
    }

    /// Refuses an output over the per-tensor memory limit before it is gathered.
    private static func checkFits(_ shape: [Int], _ operation: String) throws {
        var bytes = MemoryLayout<Float>.size
        for size in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
            bytes = overflow ? Int.max : product
        }
        if bytes > TensorLimits.maxBytes {
            throw RuntimeError(Messages.tensorTooLarge(operation, TensorShape.describe(shape), bytes: bytes,
                                                       limit: TensorLimits.maxBytes))
        }
    }
}

/// An object that can be called like a function with one argument (a network on its inputs).
protocol CallableObject: ObjectValue {
    func call(_ argument: Value, evaluator: Evaluator) throws -> Value
}
