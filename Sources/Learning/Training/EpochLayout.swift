/// Where each epoch of a run falls: which phase it belongs to and how many batches it trains.
///
/// The trainer's unit of progress is the epoch (a record, an evaluation, probes, a checkpoint at its
/// end). A phase counted in epochs has that many full passes. A phase of `n` steps on data with `b`
/// batches per pass has ⌈n / b⌉ epochs, the last one stopping after the remaining `n mod b` batches
/// (when that is not 0). The layout depends only on the configuration and the data sizes, so a
/// resumed run finds the phase and the stopping point of any epoch again.
struct EpochLayout {
    /// The epochs of one phase.
    struct Span {
        /// The phase's index.
        let phase: Int
        /// The run-wide index of its first epoch.
        let firstEpoch: Int
        /// How many epochs it has.
        let epochs: Int
        /// Batches in its last epoch when that epoch stops part-way; nil when every epoch is a full pass.
        let lastEpochBatches: Int?
        /// Optimizer steps over the whole phase.
        let steps: Int
    }

    /// One span per phase, in order.
    let spans: [Span]

    init(_ configuration: TrainingConfiguration) {
        var spans: [Span] = []
        var first = 0
        for (index, phase) in configuration.phases.enumerated() {
            let perPass = phase.data.batchCount(batchSize: configuration.batchSize)
            let epochs = phase.length.epochs(batchesPerPass: perPass)
            let span: Span
            switch phase.length {
            case .epochs:
                span = Span(phase: index, firstEpoch: first, epochs: epochs, lastEpochBatches: nil, steps: epochs * perPass)
            case .steps(let n):
                let rest = perPass > 0 ? max(n, 0) % perPass : 0
                span = Span(phase: index, firstEpoch: first, epochs: epochs, lastEpochBatches: rest == 0 ? nil : rest,
                            steps: max(n, 0))
            }
            spans.append(span)
            first += span.epochs
        }
        self.spans = spans
    }

    /// Epochs over all phases.
    var totalEpochs: Int { spans.reduce(0) { $0 + $1.epochs } }

    /// Optimizer steps over all phases.
    var totalSteps: Int { spans.reduce(0) { $0 + $1.steps } }

    /// The phase epoch `epoch` belongs to (the last phase once all are done).
    func phase(ofEpoch epoch: Int) -> Int {
        spans.first { epoch < $0.firstEpoch + $0.epochs }?.phase ?? max(spans.count - 1, 0)
    }

    /// The batches epoch `epoch` trains at most, wherever it falls (nil: all of them, or an epoch
    /// past the end).
    func batchLimit(ofEpoch epoch: Int) -> Int? {
        spans.first { epoch >= $0.firstEpoch && epoch < $0.firstEpoch + $0.epochs }.flatMap { batchLimit(ofEpoch: epoch, in: $0) }
    }

    /// The batches epoch `epoch` of `span` trains at most (nil: all of them).
    func batchLimit(ofEpoch epoch: Int, in span: Span) -> Int? {
        epoch == span.firstEpoch + span.epochs - 1 ? span.lastEpochBatches : nil
    }
}
