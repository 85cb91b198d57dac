import Learning
import Probes

extension CheckCosts {
    /// A probe call without a network (`fisher_trace(on: test)`, or a dataset in the network's
    /// place as in `info_in_weights(train, beta: 0.1)`): the probe value it makes.
    mutating func probeValue(_ e: Expr) -> Known? {
        guard case .call(let callee, let args) = e.kind, case .name(let ref) = callee.kind,
              let kind = ProbeRequest.Kind(rawValue: ref.name) else { return nil }
        guard let first = argument(args, "net", 0) else { return .probe(kind, args) }
        return datasetFacts(first) == nil ? nil : .probe(kind, args)
    }

    /// One line per probe a train call records (`probes: [...]`): its cost on the trained
    /// network times the number of measurements (once before training, then every `every`).
    mutating func recordedProbes(_ call: Expr, _ args: [Argument]) {
        guard let list = argument(args, "probes", 9), case .list(let items) = list.kind, !items.isEmpty else { return }
        guard case .success(let shape) = trainShape(args) else { return }
        let steps = shape.epochs * ((shape.samples + shape.batch - 1) / shape.batch)
        let times: Int?
        switch argument(args, "every", 5) {
        case nil: times = shape.epochs + 1
        case let every?:
            if let words = text(every) {
                // "epoch", "3 epochs", "step", "50 steps", as train reads them.
                switch TrainCall.interval(words) {
                case .epochs(let n)?: times = shape.epochs / n + 1
                case .steps(let n)?: times = steps / n + 1
                default: times = nil
                }
            } else {
                times = literal(every).flatMap { $0 >= 1 ? shape.epochs / $0 + 1 : nil }
            }
        }
        for item in items {
            let value: Known?
            if case .name(let ref) = item.kind { value = known(ref.name) } else { value = probeValue(item) }
            guard case .probe(let kind, let probeArgs)? = value else {
                report(item, "train probe", .failure(UnknownCost(message: "a probe recorded by train: cost unknown until the script runs")))
                continue
            }
            guard let times else {
                report(item, kind.rawValue, .failure(UnknownCost(message: "\(kind.rawValue) recorded by train: cost unknown until the script runs (every is computed)")))
                continue
            }
            let netArgument = Argument(label: nil, labelRange: nil, value: argument(args, "net", 0) ?? call)
            let once = probe(kind, [netArgument] + probeArgs)
            report(item, "\(kind.rawValue) recorded \(times) times by train", once.map { $0.repeated(times) })
        }
    }
}
