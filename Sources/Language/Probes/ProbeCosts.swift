import Learning
import Probes

/// What `check` says of a probe call before it runs, from the probe's own parameters (declared
/// beside its body with `p.probeCosts`): the cost on the network and data the call names.
extension StaticArguments {
    /// The cost line of a probe call on a network; none for a call that makes a probe value
    /// (it runs, and is priced, where `train` records it). `estimate` prices the probe's own
    /// settings on the workload of its sample count.
    func probeCost(_ head: ProbeHead, samples: Param<Int?>,
                   _ estimate: (ProbeWorkload, Network) -> Result<CostEstimate, UnknownCost>) -> [CostLine] {
        guard let given = expression(head.net), walk.datasetFacts(given) == nil else { return [] }
        guard let net = network(head.net) else { return [unknown("the network is computed")] }
        // A probe does not build a network, so one without an input line is not checked.
        if net.isBuilt { checkFit(net, data: head.data, role: DataFit.data, prefix: "\(function.name): ") }
        guard isKnown(samples) else { return [unknown("the sample count is computed")] }
        let stated = dataset(head.data)?.count
        // Without a count, a probe measures all of its data (1000 inputs when the size is unknown).
        let count = min(value(samples) ?? stated ?? 1000, stated ?? Int.max)
        let note = stated == nil ? "counted at \(count) inputs; the data's size is known when the script runs" : nil
        do {
            let workload = try ProbeWorkload(network: net, samples: max(count, 1))
            return [line(estimate(workload, net), note: note)]
        } catch {
            return [line(.failure(UnknownCost(message: "\(function.name): cost unknown (\(error))")))]
        }
    }
}

extension ParameterList {
    /// Declares a probe's cost for `check`: `estimate` prices its settings on a workload.
    func probeCosts(_ head: ProbeHead, _ samples: Param<Int?>,
                    _ estimate: @escaping (StaticArguments, ProbeWorkload, Network) -> Result<CostEstimate, UnknownCost>) {
        checks { s in s.probeCost(head, samples: samples) { w, net in estimate(s, w, net) } }
    }
}
