import Learning
import TensorRuntime

/// One layer as a language value: what a layer builtin returns (`dense(10)`) and what
/// `net.layers[i]` gives. Its weights can be read and, on a `var` network, assigned from lists.
final class LayerValue: AssignableObject {
    /// The layer (a class: the network holding it shares it).
    let layer: any Layer

    init(_ layer: any Layer) {
        self.layer = layer
    }

    var typeName: String { "layer" }

    func describe() -> String {
        let shape = layer.outputShape.map(TensorShape.describe) ?? "?"
        let count = layer.parameters.reduce(0) { $0 + $1.value.count }
        return "\(layer.kind) layer, output \(shape), \(count) parameters"
    }

    var memberNames: [String] { ["kind", "output_shape", "params", "weight", "bias"] }

    func member(_ name: String) -> Value? {
        switch name {
        case "kind": return .string(layer.kind)
        case "output_shape": return layer.outputShape.map { .list($0.map { .number(Double($0)) }) } ?? Value.none
        case "params": return .number(Double(layer.parameters.reduce(0) { $0 + $1.value.count }))
        case "weight", "bias": return parameter(name).map { Self.nested($0.value) } ?? Value.none
        default: return nil
        }
    }

    /// The layer's parameter whose name ends in `.local` (`weight`, `bias`).
    func parameter(_ local: String) -> Parameter? {
        layer.parameters.first { $0.name == local || $0.name.hasSuffix("." + local) }
    }

    /// Sets `weight` or `bias` from (nested) lists of numbers of the parameter's shape.
    func setMember(_ name: String, _ value: Value) throws {
        guard name == "weight" || name == "bias" else { throw RuntimeError(Messages.cannotSetMember("layer", name)) }
        guard let target = parameter(name) else { throw RuntimeError(Messages.layerHasNo(layer.kind, name)) }
        var scalars: [Float] = []
        guard Self.flatten(value, into: &scalars, shape: target.shape[...]) else {
            throw RuntimeError(Messages.parameterShape(target.name, TensorShape.describe(target.shape), value.typeName))
        }
        try target.assign(try Tensor<Float>(shape: target.shape, scalars: scalars))
    }

    /// A tensor's values as nested lists following its shape.
    static func nested(_ tensor: Tensor<Float>) -> Value {
        DatasetValue.nested(tensor.scalars[...], shape: tensor.shape[...])
    }

    /// Appends `value`'s numbers when it is a nest of lists of exactly `shape`.
    private static func flatten(_ value: Value, into out: inout [Float], shape: ArraySlice<Int>) -> Bool {
        guard let size = shape.first else {
            guard case .number(let x) = value, x.isFinite else { return false }
            out.append(Float(x))
            return true
        }
        guard case .list(let items) = value, items.count == size else { return false }
        return items.allSatisfy { flatten($0, into: &out, shape: shape.dropFirst()) }
    }
}
