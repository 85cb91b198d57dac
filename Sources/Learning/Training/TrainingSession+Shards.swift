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
        let replicas = replicaCount
        let perRank = replicas / group.size
        let rows = batch.labels.count
        let statistics = parameters.filter { !$0.isTrainable }
        let startingStatistics = statistics.map(\.value)
        let length = trainable.reduce(0) { $0 + parameters[$1].value.count } + statistics.reduce(0) { $0 + $1.value.count }
        var buffers = [[Float]]()
        var summaries = [Double]()
        for replica in (group.rank * perRank)..<((group.rank + 1) * perRank) {
            for (parameter, value) in zip(statistics, startingStatistics) { try parameter.assign(value) }
            let part = SingleProcess.part(replica, of: rows, parts: replicas)
            let (loss, correct, gradients) = try replicaPass(batch, part, replica: replica, parameters, trainable)
            // One buffer per replica: its gradients weighted by its share of the rows, then its
            // batch statistics weighted by 1/replicas, so one ordered sum gives both.
            var buffer = [Float](repeating: 0, count: length)
            buffer.withUnsafeMutableBufferPointer { out in
                var offset = 0
                func append(_ tensor: Tensor<Float>, times weight: Float) {
                    tensor.withUnsafeScalars { values in
                        for i in 0..<values.count { out[offset + i] = values[i] * weight }
                    }
                    offset += tensor.count
                }
                for (index, parameterIndex) in trainable.enumerated() {
                    if let gradient = gradients?[index] {
                        append(gradient, times: Float(part.count) / Float(rows))
                    } else {
                        offset += parameters[parameterIndex].value.count
                    }
                }
                for statistic in statistics { append(statistic.value, times: 1 / Float(replicas)) }
            }
            buffers.append(buffer)
            summaries += [Double(loss), Double(correct), Double(part.count)]
        }
        summaries.append(stopRequested ? 1 : 0)
        let place = "the gradient sum of step \(state.step + 1)"
        let summingBegan = elapsedSeconds
        defer { run.communicationSeconds += elapsedSeconds - summingBegan }
        let gathered = try group.gather(summaries, what: place)
        var lossSum = 0.0, correct = 0
        for rankSummaries in gathered {
            for replica in stride(from: 0, to: rankSummaries.count - 1, by: 3) {
                let (loss, count) = (rankSummaries[replica], rankSummaries[replica + 2])
                guard count == 0 || loss.isFinite else {
                    throw TrainingError.nonFiniteLoss(value: Float(loss), step: state.step + 1, epoch: state.epoch + 1,
                                                      lastFiniteLoss: state.lastFiniteLoss, restoredStep: nil)
                }
                lossSum += count == 0 ? 0 : loss * count
                correct += Int(rankSummaries[replica + 1])
            }
        }
        stopAgreed = gathered.contains { $0.last == 1 }
        let total = try group.sumInShardOrder(buffers, what: place)
        var offset = 0
        func slice(_ shape: [Int]) throws -> Tensor<Float> {
            var tensor = try Tensor<Float>.zeros(shape)
            total.withUnsafeBufferPointer { sum in
                tensor.withUnsafeMutableScalars { out in
                    for i in 0..<out.count { out[i] = sum[offset + i] }
                }
            }
            offset += tensor.count
            return tensor
        }
        let gradients = try trainable.map { try slice(parameters[$0].value.shape) }
        for statistic in statistics { try statistic.assign(try slice(statistic.value.shape)) }
        return BatchPass(loss: Float(lossSum / Double(rows)), correct: correct, rows: rows, gradients: gradients)
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
