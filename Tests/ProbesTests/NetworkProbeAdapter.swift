import Learning
import TensorRuntime
@testable import Probes

/// A test-side bridge from a built `Learning.Network` to `ProbeModel<Float>`: one probe layer per
/// parameter group, the forward pass in inference mode with the given values substituted, and the
/// dense/conv captures as taps. (The product's adapter lives with the language bindings; this one
/// only lets the probe tests run on real networks.)
enum NetworkProbeAdapter {
    static func model(_ network: Network) throws -> ProbeModel<Float> {
        let groups = network.parameterGroups
        let flat = groups.flatMap(\.parameters)
        guard flat.map(ObjectIdentifier.init) == network.parameters.map(ObjectIdentifier.init) else {
            throw ProbeError.invalidArgument(probe: "adapter", message: "parameter groups do not follow the network's parameter order")
        }
        let index = Dictionary(uniqueKeysWithValues: flat.enumerated().map { (ObjectIdentifier($1), $0) })
        let width = network.outputShape?.reduce(1, *) ?? 0
        return try ProbeModel<Float>(
            layers: groups.map { g in (g.name, g.parameters.map { ($0.name, $0.value) }) },
            output: width == 1 ? .bernoulli : .softmax, inputShape: network.inputShape) { values, x in
                var context = ForwardContext(training: false, random: RandomStream(seed: 0), captureOutputs: true)
                try context.substitute(network.parameters, with: values)
                let z = try network.run(x, context: &context)
                let taps = context.captures.compactMap { c -> LinearTap<Float>? in
                    guard c.kind == "dense" || c.kind == "conv2d", let w = c.parameters.first,
                          let wi = index[ObjectIdentifier(w)] else { return nil }
                    let bi = c.parameters.count > 1 ? index[ObjectIdentifier(c.parameters[1])] : nil
                    return LinearTap(output: c.output, input: c.input, weight: wi, bias: bi, isDense: c.kind == "dense",
                                     fusedRelu: c.fusedRelu)
                }
                return ProbeForward(logits: z, taps: taps)
            }
    }
}
