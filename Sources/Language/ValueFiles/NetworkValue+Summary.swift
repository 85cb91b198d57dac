import Learning
import Probes
import TensorRuntime

/// A network written by `write_json` and `write_csv`: its shapes, parameter names and count, and
/// its layer table (position from 1, kind, output shape, trainable parameters), as printed.
/// The weights stay in weight files (`export_npz`, `export_safetensors`).
extension NetworkValue: SummarisedObject {
    var summaryDocument: JSONValue {
        func shape(_ s: [Int]?) -> JSONValue { s.map { .array($0.map { .number(Double($0)) }) } ?? .null }
        let layers: [JSONValue] = network.layers.enumerated().map { index, layer in
            .object([("index", .number(Double(index + 1))), ("kind", .string(layer.kind)),
                     ("output_shape", shape(layer.outputShape)), ("params", .number(Double(Self.parameterCount(layer))))])
        }
        return .object([
            ("type", .string(typeName)), ("name", .string(name)),
            ("input_shape", shape(network.inputShape)), ("output_shape", shape(network.outputShape)),
            ("params", .number(Double(network.parameterCount))),
            ("parameters", .array(network.allParameters.map { .string($0.name) })),
            ("layers", .array(layers)),
        ])
    }

    var summaryTable: ProbeTable {
        let rows: [[ProbeCell]] = network.layers.enumerated().map { index, layer in
            [.number(Double(index + 1)), .text(layer.kind), .text(layer.outputShape.map(TensorShape.describe) ?? "?"),
             .number(Double(Self.parameterCount(layer)))]
        }
        return ProbeTable(title: name, settings: [], columns: ["index", "kind", "output_shape", "params"], rows: rows)
    }

    /// A layer's trainable scalars, as the printed table counts them.
    private static func parameterCount(_ layer: any Layer) -> Int {
        layer.parameters.reduce(0) { $0 + $1.value.count }
    }
}
