import TensorRuntime

extension TrainingSession {
    /// One optimizer step on `batch`: forward, loss check, gradients, clipping, update, counters.
    /// `stopRequested` is this process's wish to stop; with several processes they agree on it
    /// during the step (`stopAgreed`).
    func trainStep(_ batch: TrainingBatch, phase: Int, stepsPerEpoch: Int, stopRequested: Bool = false) throws {
        let parameters = model.parameters
        let trainable = parameters.indices.filter { parameters[$0].isTrainable }
        let pass = replicaCount > 1
            ? try replicatedPass(batch, parameters, trainable, stopRequested: stopRequested)
            : try forwardBackward(batch, parameters, trainable)
        let gradients = try configuration.clipping.apply(pass.gradients)
        let (optimizer, _) = self.optimizer(ofPhase: phase)
        let position = SchedulePosition(step: state.step, epoch: state.epoch, stepsPerEpoch: stepsPerEpoch)
        if let schedule = configuration.phases[phase].schedule ?? configuration.schedule {
            optimizer.learningRate = schedule.value(at: position)
        }
        try optimizer.update(trainable.map { parameters[$0] }, gradients: gradients)

        state.lastFiniteLoss = pass.loss
        state.step += 1
        state.batch += 1
        state.epochLossSum += Double(pass.loss) * Double(pass.rows)
        state.epochCorrect += pass.correct
        state.epochSamples += pass.rows
        samplesThisCall += pass.rows
        lastLearningRate = optimizer.learningRate
        if configuration.recordsSteps {
            run.steps.append(StepRecord(step: state.step, epoch: state.epoch + 1, loss: Double(pass.loss),
                                        accuracy: Double(pass.correct) / Double(pass.rows),
                                        learningRate: optimizer.learningRate))
        }
    }

    /// The loss, correct count and gradients of the `trainable` parameters on `batch`.
    ///
    /// A function of its own so that the step's autodiff record, which holds the parameter values,
    /// is released before the optimizer runs: the update can then write the values in place
    /// instead of copying them (`Parameter.updateInPlace`).
    private func forwardBackward(_ batch: TrainingBatch, _ parameters: [Parameter], _ trainable: [Int]) throws
        -> BatchPass {
        let weights = parameters.map { $0.isTrainable ? $0.value.variable() : $0.value }
        var dropout = RandomStream(seed: configuration.seed).split(Trainer.dropoutStream).split(UInt64(state.step))
        let logits = try model.logits(batch.inputs, weights: weights, training: true, random: &dropout)
        let labels = try Self.labels(batch, logits: logits)
        let loss = try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        let lossValue = try loss.scalar()
        guard lossValue.isFinite else {
            throw TrainingError.nonFiniteLoss(value: lossValue, step: state.step + 1, epoch: state.epoch + 1,
                                              lastFiniteLoss: state.lastFiniteLoss, restoredStep: nil)
        }
        let gradients = try loss.gradients(withRespectTo: trainable.map { weights[$0] })
        return BatchPass(loss: lossValue, correct: try Self.correct(logits, labels), rows: labels.count, gradients: gradients)
    }

    /// Labels as the loss wants them, checked against the batch and the logits.
    static func labels(_ batch: TrainingBatch, logits: Tensor<Float>) throws -> [Int] {
        guard logits.rank == 2, logits.shape[0] == batch.labels.count else {
            throw TrainingError.invalidBatch(
                "model returned logits of shape \(TensorShape.describe(logits.shape)) for a batch of \(batch.labels.count) labels; expected [\(batch.labels.count), classes]")
        }
        return batch.labels.map { Int($0) }
    }

    /// How many rows' largest logit is at their label.
    static func correct(_ logits: Tensor<Float>, _ labels: [Int]) throws -> Int {
        zip(try logits.argmax(axis: 1), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    }

    /// Step-interval evaluation and probes, and a step progress report.
    func afterStep(stepsPerEpoch: Int) throws {
        var evalAccuracy: Double?
        if configuration.evaluateEvery.fires(step: state.step, epochEnded: nil) {
            evalAccuracy = try evaluate(epochEnded: nil)?.accuracy
        }
        try measureProbes(epochEnded: nil)
        try saveCheckpointIfDue(epochEnded: nil)
        report(.step, evalAccuracy: evalAccuracy, stepsPerEpoch: stepsPerEpoch)
    }

    /// Records the finished epoch, runs epoch-interval evaluation and probes, resets the sums.
    func endEpoch(phase: Int, stepsPerEpoch: Int) throws {
        state.epoch += 1
        state.batch = 0
        let rows = max(state.epochSamples, 1)
        var record = EpochRecord(epoch: state.epoch, phase: phase, step: state.step,
                                 learningRate: lastLearningRate,
                                 trainLoss: state.epochLossSum / Double(rows),
                                 trainAccuracy: Double(state.epochCorrect) / Double(rows))
        record.seconds = elapsedSeconds - epochBegan - epochPaused
        if configuration.evaluateEvery.fires(step: state.step, epochEnded: state.epoch),
           let result = try evaluate(epochEnded: state.epoch) {
            record.evalLoss = result.loss
            record.evalAccuracy = result.accuracy
        }
        run.epochs.append(record)
        try measureProbes(epochEnded: state.epoch)
        report(.epoch, evalAccuracy: record.evalAccuracy, stepsPerEpoch: stepsPerEpoch)
        state.epochLossSum = 0
        state.epochCorrect = 0
        state.epochSamples = 0
        try saveCheckpointIfDue(epochEnded: state.epoch)
    }

    /// Evaluation metrics now, recorded in the run; nil without evaluation data.
    func evaluate(epochEnded: Int?) throws -> (loss: Double, accuracy: Double)? {
        guard let data = configuration.evaluation else { return nil }
        let result = try measuring(.evaluation, epochEnded: epochEnded) {
            try Trainer.evaluate(model, on: data, batchSize: configuration.evaluationBatchSize, seed: configuration.seed,
                                 processes: configuration.processes)
        }
        run.evaluations.append(EvaluationRecord(step: state.step, epoch: state.epoch,
                                                loss: result.loss, accuracy: result.accuracy))
        return result
    }

    /// Runs the probes due now (at the start, after a step, or at an epoch's end).
    func measureProbes(epochEnded: Int?, atStart: Bool = false) throws {
        for probe in configuration.probes {
            let due = atStart ? probe.atStart : probe.every.fires(step: state.step, epochEnded: epochEnded)
            guard due else { continue }
            let context = ProbeContext(model: model, step: state.step, epoch: state.epoch,
                                       phase: currentPhase)
            let values = try measuring(.probe(probe.name), epochEnded: epochEnded) { try probe.measure(context) }
            for (key, value) in values {
                let name = key.isEmpty ? probe.name : "\(probe.name).\(key)"
                run.probes[name, default: []].append(SeriesPoint(step: state.step, epoch: state.epoch, value: value))
            }
        }
    }

    /// The phase the current epoch belongs to (the last phase once all are done).
    var currentPhase: Int { layout.phase(ofEpoch: state.epoch) }

    func report(_ kind: TrainingProgress.Kind, evalAccuracy: Double?, stepsPerEpoch: Int) {
        guard let progress else { return }
        let elapsed = elapsedSeconds
        let stepsDone = state.step - startStep
        let remaining = layout.totalSteps - state.step
        let rows = max(state.epochSamples, 1)
        let epoch = kind == .epoch ? state.epoch : state.epoch + 1
        progress(TrainingProgress(
            kind: kind, epoch: epoch, totalEpochs: layout.totalEpochs, step: state.step,
            loss: state.epochLossSum / Double(rows), accuracy: Double(state.epochCorrect) / Double(rows),
            evalAccuracy: evalAccuracy,
            samplesPerSecond: elapsed > 0 ? Double(samplesThisCall) / elapsed : 0,
            etaSeconds: stepsDone > 0 ? elapsed / Double(stepsDone) * Double(max(remaining, 0)) : .infinity))
    }
}
