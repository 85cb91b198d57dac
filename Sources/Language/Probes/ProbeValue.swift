import Learning

/// A probe not yet applied to a network: what `fisher_trace(on: test, samples: 500)` gives
/// without a network, and what a `probe` declaration names. `train(..., probes: [p])` measures it
/// during training; `p.apply(net)` measures one network now.
final class ProbeValue: ObjectValue {
    /// The checked settings.
    let request: ProbeRequest
    /// The name its measurements are recorded under (the declared name, else the builtin's).
    let name: String

    init(_ request: ProbeRequest, name: String) {
        self.request = request
        self.name = name
    }

    /// The same probe under another name (a `probe` declaration names it).
    func named(_ newName: String) -> ProbeValue { ProbeValue(request, name: newName) }

    var typeName: String { "probe" }

    func describe() -> String {
        var settings = ["\(request.data.count) inputs of '\(request.dataName)'", "seed \(request.seed)"]
        switch request.settings {
        case .fisher(let f):
            if request.kind != .empiricalFisher { settings.insert(f.exact ? "exact over classes" : "Monte Carlo", at: 0) }
            if let layers = f.layers { settings.append("layers " + layers.joined(separator: ", ")) }
        case .weights(let w):
            settings.insert("β \(formatNumber(w.code.beta)), λ \(formatNumber(w.code.lambda)), curvature \(w.curvature)", at: 0)
        case .variational(let v):
            let o = v.options
            let beta = request.kind == .betaSweep ? "β " + v.betas.map(formatNumber).joined(separator: ", ") : "β \(formatNumber(o.beta))"
            settings.insert("\(beta), λ \(formatNumber(o.lambda)), \(o.steps) steps", at: 0)
        case .invariance(let i):
            settings.insert("layer \(i.layer.name), nuisance \(ProbeRequest.label(i.nuisance)), σ \(formatNumber(i.channelNoise))", at: 0)
        case .hessian, .activation, .none:
            break
        }
        return "probe \(name): \(request.kind.rawValue), " + settings.joined(separator: ", ")
    }

    static let members = ["name", "measure", "apply"]

    var memberNames: [String] { Self.members }

    func member(_ member: String) -> Value? {
        switch member {
        case "name": return .string(name)
        case "measure": return .string(request.kind.rawValue)
        case "apply":
            let doc = BuiltinDoc(signature: "probe.apply(net)", summary: "measure this probe on a network now",
                                 description: "Gives the probe's result value, as calling the probe builtin with the network would.",
                                 example: "probe f = fisher_trace(on: test); f.apply(net)", category: "probes")
            return .builtin(.method("apply", doc: doc) { [request] p in
                let network = p.required("net", .network)
                return { a in
                    a.evaluator.warned(try request.run(on: try a[network], pool: a.evaluator.session.pool, interrupt: a.evaluator.interrupt))
                }
            })
        default: return nil
        }
    }
}
