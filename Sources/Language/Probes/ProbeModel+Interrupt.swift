import Probes

/// Thrown by an interruptible probe model's forward pass once Ctrl-C is requested.
struct ProbeInterrupted: Error {}

extension ProbeModel where S == Float {
    /// The same model, whose forward pass throws `ProbeInterrupted` once `interrupt` is requested.
    /// Probes run the forward pass per chunk of inputs, per curvature product and per sample, so a
    /// long measurement at the prompt stops within one pass and the session goes on.
    func stopping(when interrupt: InterruptFlag) throws -> ProbeModel<Float> {
        let base = self
        let layers = base.layers.map { layer in
            (name: layer.name, parameters: zip(layer.tensorNames, base.parameters[layer.range]).map { (name: $0, value: $1) })
        }
        return try ProbeModel(layers: layers, output: output, inputShape: inputShape) { values, inputs in
            if interrupt.isRequested { throw ProbeInterrupted() }
            return try base.forward(values, inputs)
        }
    }
}
