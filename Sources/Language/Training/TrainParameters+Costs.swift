import Learning
import Probes

/// What `check` says of a `train` or `evaluate` call before it runs: data that does not fit the
/// network, the cost of the training, and the cost of every probe it records.
extension TrainParameters {
    /// What a train call trains: network, sample count, epochs and batch size (from its
    /// arguments, else its schedule, else the language's defaults) and evaluation samples.
    struct Shape {
        var network: Network
        var samples: Int
        var epochs: Int
        var batch: Int
        var evaluation: Int
    }

    /// The fit errors, the training's cost line and one line per recorded probe.
    func costs(_ s: StaticArguments) -> [CostLine] {
        if let net = s.network(self.net) {
            s.checkFit(net, data: on, role: DataFit.training)
            s.checkFit(net, data: eval, role: DataFit.evaluation)
        }
        let shape = self.shape(s)
        let training = shape.flatMap { t -> Result<CostEstimate, UnknownCost> in
            do {
                let w = try ProbeWorkload(network: t.network, samples: t.samples)
                return .success(ProbeCost.training(w, epochs: t.epochs, batchSize: t.batch, evaluationSamples: t.evaluation,
                                                   evaluations: t.evaluation > 0 ? t.epochs : 0,
                                                   ranks: Processes.world.size, replicas: s.value(replicas)))
            } catch {
                return .failure(UnknownCost(message: "train: cost unknown (\(error))"))
            }
        }
        return [s.line(training)] + ((try? shape.get()).map { recordedProbes(s, $0) } ?? [])
    }

    /// The shape of the call, or why it is known only at run time.
    private func shape(_ s: StaticArguments) -> Result<Shape, UnknownCost> {
        func unknown(_ why: String) -> Result<Shape, UnknownCost> {
            .failure(UnknownCost(message: "train: cost unknown until the script runs (\(why))"))
        }
        guard let network = s.network(net) else { return unknown("the network is computed") }
        guard let count = s.dataset(on)?.count, count > 0 else { return unknown("the size of the training data is computed") }
        let schedule = s.schedule(with)
        guard s.isKnown(epochs), s.isKnown(batch) else { return unknown("epochs or batch size are computed") }
        return .success(Shape(network: network, samples: count,
                              epochs: s.value(epochs) ?? schedule?.epochs ?? TrainingPlan.defaultEpochs,
                              batch: s.value(batch) ?? schedule?.batch ?? TrainingPlan.defaultBatch,
                              evaluation: s.dataset(eval)?.count ?? 0))
    }

    /// One line per probe the call records (`probes: [...]`): its cost on the trained network
    /// times the number of measurements (once before training, then every `every`).
    private func recordedProbes(_ s: StaticArguments, _ shape: Shape) -> [CostLine] {
        guard let list = s.expression(probes), case .list(let items) = list.kind, let netExpr = s.expression(net) else { return [] }
        let steps = shape.epochs * ((shape.samples + shape.batch - 1) / shape.batch)
        let times: Int?
        switch s.value(every) {
        case .epochs(let n)?: times = shape.epochs / n + 1
        case .steps(let n)?: times = steps / n + 1
        case .never?: times = 1
        case nil: times = nil
        }
        return items.flatMap { item -> [CostLine] in
            let value: CheckWalk.Known?
            if case .name(let ref) = item.kind { value = s.walk.known(ref.name) } else { value = s.walk.probeValue(item) }
            let unknown = { (why: String) in
                [CostLine(at: item, name: "train probe", result: .failure(UnknownCost(message: why)))]
            }
            // The probe measured on the trained network: its call as if written with it first.
            guard case .probe(let call)? = value,
                  let once = s.walk.staticArguments(call, with: [Argument(label: nil, labelRange: nil, value: netExpr)]) else {
                return unknown("a probe recorded by train: cost unknown until the script runs")
            }
            let name = once.function.name
            guard let times else { return unknown("\(name) recorded by train: cost unknown until the script runs (every is computed)") }
            return (once.function.staticCheck?(once) ?? []).map {
                CostLine(at: item, name: "\(name) recorded \(times) times by train", result: $0.result.map { $0.repeated(times) }, note: $0.note)
            }
        }
    }
}
