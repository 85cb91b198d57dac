import Learning
import TensorRuntime

/// `predict`: a network's outputs on data, read under the output rule training uses.
extension BuiltinRegistry {
    static var inference: [BuiltinFunction] {
        [
            def("predict", "training", "a network's logits, class probabilities and predicted labels on data, as a record",
                "data is a dataset, or a tensor of inputs: a batch [n, ...input shape] or one sample of the input shape "
                    + "(a batch of one). The network runs in evaluation mode (no dropout; batch norm uses its running "
                    + "statistics), batch samples at a time. The record holds logits [n, classes] (without a final "
                    + "softmax or sigmoid; a one-output network's logit z as the two classes' logits [0, z]), "
                    + "probabilities [n, classes] (their softmax: the output distribution training fits, [1 - σ(z), σ(z)] "
                    + "for one output), labels (the most probable class of each sample, a list) and, for a dataset, "
                    + "accuracy (the share of labels equal to the data's, as evaluate gives). net(x) gives the logits alone.",
                example: "network m { input [2]; dense(2) }; print predict(m(), moons(10, seed: 0)).labels") { p in
                let net = p.required("net", .network)
                let data = p.required("data", ArgumentKind<Value>.any.constrained("a dataset or a tensor") { value in
                    switch value {
                    case .object(is DatasetValue), .object(is TensorValue): return true
                    default: return false
                    }
                })
                let batch = p.optional("batch", .integer(atLeast: 1), default: .number(Double(NetworkValue.inferenceBatch)))
                p.checks { s in
                    if let network = s.network(net) { s.checkFit(network, data: data, role: DataFit.data) }
                    return []
                }
                return { a in try predict(try a[net], try a[data], batch: try a[batch], a, parameters: (net.index, data.index)) }
            },
        ]
    }

    private static func predict(_ net: NetworkValue, _ data: Value, batch: Int, _ a: BuiltinArguments,
                                parameters: (net: Int, data: Int)) throws -> Value {
        guard net.network.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: parameters.net) }
        let inputs: PredictionInputs
        switch data {
        case .object(let d as DatasetValue):
            try DataFit.check(net, d.dataset, role: DataFit.data, parameter: parameters.data)
            inputs = .dataset(d.dataset)
        case .object(let t as TensorValue):
            inputs = .batch(try withParameter(parameters.data) { try net.batchOf(t).batch })
        default:
            throw a.fail(parameters.data, expected: "a dataset or a tensor")
        }
        if let problem = net.network.outputProblem { throw RuntimeError(Messages.networkOutput(net.name, problem), parameter: parameters.net) }
        guard net.network.outputDistribution != nil else {
            let output = net.network.outputShape.map(TensorShape.describe) ?? "?"
            throw RuntimeError(Messages.noClassDistribution(net.name, output), parameter: parameters.net)
        }
        let count = inputs.count
        guard count > 0 else { throw RuntimeError(Messages.predictNoSamples, parameter: parameters.data) }
        let logits = try net.logits(count: count, batch: batch, operation: "predict", evaluator: a.evaluator, rows: inputs.rows)
        let probabilities = try TensorValue.attempt("predict") { try logits.softmax(axis: 1) }
        let labels = try TensorValue.attempt("predict") { try logits.argmax(axis: 1) }
        var record = Record()
        record["logits"] = .object(TensorValue(logits))
        record["probabilities"] = .object(TensorValue(probabilities))
        record["labels"] = .list(labels.map { .number(Double($0)) })
        if case .dataset(let dataset) = inputs {
            let correct = zip(labels, dataset.labels).filter { $0 == Int($1) }.count
            record["accuracy"] = .number(Double(correct) / Double(count))
        }
        return .record(record)
    }
}

/// What `predict` runs the network on: a dataset's samples, or a batch of inputs.
private enum PredictionInputs {
    case dataset(Dataset)
    case batch(Tensor<Float>)

    var count: Int {
        switch self {
        case .dataset(let d): return d.count
        case .batch(let t): return t.shape[0]
        }
    }

    /// The inputs of samples `range`, as one batch.
    func rows(_ range: Range<Int>) throws -> Tensor<Float> {
        switch self {
        case .batch(let t): return try t.slice(axis: 0, start: range.lowerBound, count: range.count)
        case .dataset(let d):
            let size = d.sampleShape.reduce(1, *)
            return try Tensor(shape: [range.count] + d.sampleShape,
                              scalars: Array(d.features[(range.lowerBound * size)..<(range.upperBound * size)]))
        }
    }
}
