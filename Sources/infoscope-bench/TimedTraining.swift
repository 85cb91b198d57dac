import Learning
import TensorKernels
import TensorRuntime

/// Trains `model` as the peer scripts time it: SGD with momentum 0.9 at lr 0.01 (one optimizer,
/// so the warm-up's momentum carries on), `warmUpBatches` batches first (buffers grown, threads
/// awake), then `epochs` timed epochs on `threads` threads. Returns each timed epoch's seconds
/// and the last batch's loss.
func timedTraining(_ model: ClosureModel, on data: any BatchSource, batchSize: Int, warmUpBatches: Int,
                   epochs: Int, threads: Int) throws -> (seconds: [Double], loss: Double) {
    let optimizer = try SGD(learningRate: 0.01, momentum: 0.9)
    let pool = WorkerPool(threadCount: threads)

    var polls = 0
    let warmUp = TrainingConfiguration(phases: [TrainingPhase(epochs: 1, data: data)], optimizer: optimizer,
                                       batchSize: batchSize, pool: pool)
    _ = try Trainer(warmUp).fit(model, shouldStop: { polls += 1; return polls > warmUpBatches })

    let timed = TrainingConfiguration(phases: [TrainingPhase(epochs: epochs, data: data)], optimizer: optimizer,
                                      batchSize: batchSize, seed: 1, pool: pool)
    var seconds: [Double] = []
    var last = monotonicSeconds()
    let run = try Trainer(timed).fit(model, progress: { report in
        guard report.kind == .epoch else { return }
        let now = monotonicSeconds()
        seconds.append(now - last)
        last = now
    })
    return (seconds, run.steps.last?.loss ?? .nan)
}
