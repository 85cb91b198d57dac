import Learning
import TensorRuntime

/// The runs of an experiment shared out among the processes (`parallel: "runs"`,
/// docs/distributed.md): process i mod N does run i by itself, as a single process would, while
/// the others go on to their own; then every process gets every run, in run order. A run is thus
/// the same bits as in a single process, and the experiment's result is the single process's.
enum SharedRuns {
    /// One training run's outcome: the run and the numbers an experiment adds to it.
    typealias Outcome = (run: ExperimentRun, extras: [Double])

    /// The results of runs `0..<count`, run i by `body(i)`. With `spread` and several processes,
    /// a process that does not do run i calls `skip(i)` instead (for what every process must do
    /// for every run, such as making its network), and decodes the result the process that did it
    /// encoded, with what `skip` returned.
    static func map<Result, Local>(_ count: Int, spread: Bool, skip: (Int) throws -> Local,
                                   encode: (Result) -> [Double], decode: (inout Reader, Local) throws -> Result,
                                   _ body: (Int) throws -> Result) throws -> [Result] {
        let processes = Processes.world
        guard spread, processes.size > 1 else { return try (0..<count).map(body) }
        var mine: [Int: Result] = [:]
        var skipped: [Int: Local] = [:]
        var encoded = [Double]()
        for index in 0..<count {
            if index % processes.size == processes.rank {
                let result = try Processes.alone { try body(index) }
                mine[index] = result
                encoded += encode(result)
            } else {
                skipped[index] = try skip(index)
            }
        }
        let all = try processes.gather(encoded, what: "the end of the runs shared out among the ranks", patient: true)
        var readers = all.map { Reader(values: $0) }
        return try (0..<count).map { index in
            if let result = mine[index] { return result }
            guard let local = skipped[index] else { throw Reader.short }
            return try decode(&readers[index % processes.size], local)
        }
    }

    /// `map` for training runs: every process makes every run's network (`network(i)`), and the
    /// trained weights, the history and the extras come from the process that trained it.
    static func map(_ count: Int, spread: Bool, network: (Int) throws -> Network,
                    _ body: (Int) throws -> Outcome) throws -> [Outcome] {
        try map(count, spread: spread, skip: network, encode: encode, decode: { try decode(&$0, network: $1) }, body)
    }

    /// A run as numbers: tr F per epoch, per layer, the epoch records, the extras and the weights.
    static func encode(_ outcome: Outcome) -> [Double] {
        let run = outcome.run
        var values = [Double(run.fisher.count)] + run.fisher
        for layer in run.fisherPerLayer { values += [Double(layer.values.count)] + layer.values }
        values.append(Double(run.epochs.count))
        for e in run.epochs {
            values += [Double(e.epoch), Double(e.phase), Double(e.step), e.learningRate, e.trainLoss, e.trainAccuracy]
            for optional in [e.evalLoss, e.evalAccuracy, e.seconds] { values += optional.map { [1, $0] } ?? [0, 0] }
        }
        values += [Double(outcome.extras.count)] + outcome.extras
        for parameter in run.network.allParameters { values += parameter.value.scalars.map(Double.init) }
        return values
    }

    /// The run `encode` wrote, its weights put into `network` (a fresh network of the same shape).
    static func decode(_ reader: inout Reader, network: Network) throws -> Outcome {
        let fisher = try reader.list()
        let layers = try ProbeModel<Float>(network: network).layers.map(\.name)
        let perLayer = try layers.map { (layer: $0, values: try reader.list()) }
        let epochs = try (0..<reader.count()).map { _ -> EpochRecord in
            var record = EpochRecord(epoch: try reader.count(), phase: try reader.count(), step: try reader.count(),
                                     learningRate: try reader.next(), trainLoss: try reader.next(), trainAccuracy: try reader.next())
            record.evalLoss = try reader.optional()
            record.evalAccuracy = try reader.optional()
            record.seconds = try reader.optional()
            return record
        }
        let extras = try reader.list()
        for parameter in network.allParameters {
            let values = try (0..<parameter.value.count).map { _ in Float(try reader.next()) }
            try parameter.assign(try Tensor(shape: parameter.value.shape, scalars: values))
        }
        return (ExperimentRun(fisher: fisher, fisherPerLayer: perLayer, epochs: epochs, network: network), extras)
    }

    /// Reads back what `encode` wrote, in order.
    struct Reader {
        let values: [Double]
        var position = 0

        static let short = ProbeError.invalidArgument(probe: "parallel runs", message: "a rank sent fewer numbers than its runs need")

        mutating func next() throws -> Double {
            guard position < values.count else { throw Self.short }
            defer { position += 1 }
            return values[position]
        }

        mutating func count() throws -> Int { Int(try next()) }
        mutating func list() throws -> [Double] { try (0..<count()).map { _ in try next() } }
        mutating func optional() throws -> Double? {
            let present = try next() == 1
            let value = try next()
            return present ? value : nil
        }
    }
}
