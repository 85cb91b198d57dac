import TensorRuntime

/// One batch's loss and gradients, computed whole or as replicas' parts.
struct BatchPass {
    var loss: Float
    var correct: Int
    var rows: Int
    var gradients: [Tensor<Float>]
}

extension TrainingSession {
    /// How many equal parts each batch's gradient is computed in (docs/distributed.md).
    var replicaCount: Int { configuration.replicas ?? configuration.processes.size }

    /// The loss, correct count and gradients of `batch` computed as `replicaCount` replicas do it:
    /// replica j takes the j-th contiguous part of the rows (⌊B/k⌋ or one more), computes the mean
    /// loss of its part and its gradient, weighted by its share of the rows; the parts' gradients
    /// are then added in replica order. This rank computes its own replicas; the sum is the same
    /// bits on one process or on many, so a run is reproducible across process counts.
    ///
    /// Batch statistics (batch normalisation's running mean and variance) start from the same
    /// values in every replica and end as the replicas' mean. Dropout draws from a stream of the
    /// step and the replica. Every rank also learns whether any rank was asked to stop
    /// (`stopAgreed`), so all stop after the same step.
    func replicatedPass(_ batch: TrainingBatch, _ parameters: [Parameter], _ trainable: [Int],
                        stopRequested: Bool) throws -> BatchPass {
        let group = configuration.processes
        let replicas = replicaCount, perRank = replicaCount / group.size
        let rows = batch.labels.count
        let statistics = parameters.filter { !$0.isTrainable }
        let startingStatistics = statistics.map(\.value)
        var buffers = [[Float]]()
        var summaries = [Double]()
        for replica in (group.rank * perRank)..<((group.rank + 1) * perRank) {
            for (parameter, value) in zip(statistics, startingStatistics) { try parameter.assign(value) }
            let part = SingleProcess.part(replica, of: rows, parts: replicas)
            let (loss, correct, gradients) = try replicaPass(batch, part, replica: replica, parameters, trainable)
            // Its gradients weighted by its share of the rows, then its batch statistics weighted
            // by 1/replicas, so that one ordered sum gives both.
            let weighted = trainable.indices.map { index in
                (gradients?[index], parameters[trainable[index]].value.count, Float(part.count) / Float(rows))
            } + statistics.map { (Optional($0.value), $0.value.count, 1 / Float(replicas)) }
            buffers.append(Self.flatten(weighted))
            summaries += [Double(loss), Double(correct), Double(part.count)]
        }
        summaries.append(stopRequested ? 1 : 0)
        let place = "the gradient sum of step \(state.step + 1)"
        let summingBegan = elapsedSeconds
        defer { run.communicationSeconds += elapsedSeconds - summingBegan }
        let (lossSum, correct, stop) = try combine(try group.gather(summaries, what: place))
        stopAgreed = stop
        var total = try group.sumInShardOrder(buffers, what: place)[...]
        let gradients = try trainable.map { try Self.take(parameters[$0].value.shape, from: &total) }
        for statistic in statistics { try statistic.assign(try Self.take(statistic.value.shape, from: &total)) }
        return BatchPass(loss: Float(lossSum / Double(rows)), correct: correct, rows: rows, gradients: gradients)
    }

    /// The tensors (or zeros of the given count, for nil) times their weights, one after another.
    private static func flatten(_ weighted: [(tensor: Tensor<Float>?, count: Int, weight: Float)]) -> [Float] {
        var buffer = [Float](repeating: 0, count: weighted.reduce(0) { $0 + $1.count })
        buffer.withUnsafeMutableBufferPointer { out in
            var offset = 0
            for (tensor, count, weight) in weighted {
                tensor?.withUnsafeScalars { values in
                    for i in 0..<count { out[offset + i] = values[i] * weight }
                }
                offset += count
            }
        }
        return buffer
    }

    /// A tensor of `shape` from the front of `flat`, which loses those values.
    private static func take(_ shape: [Int], from flat: inout ArraySlice<Float>) throws -> Tensor<Float> {
        var tensor = try Tensor<Float>.zeros(shape)
        let start = flat.startIndex
        flat.withUnsafeBufferPointer { values in
            tensor.withUnsafeMutableScalars { out in
                for i in 0..<out.count { out[i] = values[i] }
            }
        }
        flat = flat[(start + tensor.count)...]
        return tensor
    }

    /// Every rank's (loss, correct, rows) per replica and stop wish, in replica order: the batch's
    /// loss sum and correct count and whether any rank asked to stop. A non-finite loss in any
    /// replica stops every rank here, with the usual error.
    private func combine(_ gathered: [[Double]]) throws -> (lossSum: Double, correct: Int, stop: Bool) {
        var lossSum = 0.0, correct = 0
        for summaries in gathered {
            for replica in stride(from: 0, to: summaries.count - 1, by: 3) {
                let (loss, count) = (summaries[replica], summaries[replica + 2])
                guard count == 0 || loss.isFinite else {
                    throw TrainingError.nonFiniteLoss(value: Float(loss), step: state.step + 1, epoch: state.epoch + 1,
                                                      lastFiniteLoss: state.lastFiniteLoss, restoredStep: nil)
                }
                lossSum += count == 0 ? 0 : loss * count
                correct += Int(summaries[replica + 1])
            }
        }
        return (lossSum, correct, gathered.contains { $0.last == 1 })
    }

    /// One replica's mean loss, correct count and gradients on rows `part` of `batch`; no
    /// gradients for an empty part or a non-finite loss (every rank then stops at the check).
    private func replicaPass(_ batch: TrainingBatch, _ part: Range<Int>, replica: Int, _ parameters: [Parameter],
                             _ trainable: [Int]) throws -> (loss: Float, correct: Int, gradients: [Tensor<Float>]?) {
        guard !part.isEmpty else { return (0, 0, nil) }
        let inputs = try batch.inputs.slice(axis: 0, start: part.lowerBound, count: part.count)
        let rows = TrainingBatch(inputs: inputs, labels: Array(batch.labels[part]))
        let weights = parameters.map { $0.isTrainable ? $0.value.variable() : $0.value }
        var dropout = RandomStream(seed: configuration.seed).split(Trainer.dropoutStream)
            .split(UInt64(state.step)).split(UInt64(replica))
        let logits = try model.logits(rows.inputs, weights: weights, training: true, random: &dropout)
        let labels = try Self.labels(rows, logits: logits)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        let lossValue = try loss.scalar()
        guard lossValue.isFinite else { return (lossValue, 0, nil) }
        let gradients = try loss.gradients(withRespectTo: trainable.map { weights[$0] })
        return (lossValue, try Self.correct(logits, labels), gradients)
    }
}
