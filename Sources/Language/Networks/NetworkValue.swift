import Learning
import TensorRuntime

/// A network as a language value: made by calling a declared network (`mlp(width: 128)`), printed
/// as its layer table, built (shapes inferred, weights drawn) from an `input` line or at first use
/// with data.
final class NetworkValue: IndexedObject {
    /// The network (shared by every copy of this value: training changes its weights in place).
    let network: Network
    /// The declared name.
    let name: String
    /// Where each top-level layer was written, so build errors point at its line.
    let layerRanges: [SourceRange]

    init(_ network: Network, name: String, layerRanges: [SourceRange]) {
        self.network = network
        self.name = name
        self.layerRanges = layerRanges
    }

    var typeName: String { "network" }

    func describe() -> String {
        guard network.isBuilt else {
            return "\(name): input shape not known yet (add an 'input [...]' line or train it on data)\n" + network.summary
        }
        return network.summary
    }

    /// `mlp: [1, 28, 28] -> [10], 101,770 parameters` (the table's first line is only its header).
    var headline: String {
        let shapes = [network.inputShape, network.outputShape].map { $0.map(TensorShape.describe) ?? "?" }
        return "\(name): \(shapes[0]) -> \(shapes[1]), \(TextFormat.groupedThousands(network.parameterCount)) parameters"
    }

    static let members = ["layers", "params", "input_shape", "output_shape", "parameters", "weights", "name"]

    var memberNames: [String] { Self.members }

    func member(_ member: String) -> Value? {
        switch member {
        case "layers": return .list(network.layers.map(Self.wrap))
        case "params": return .number(Double(network.parameterCount))
        case "input_shape": return network.inputShape.map(Self.shapeValue) ?? Value.none
        case "output_shape": return network.outputShape.map(Self.shapeValue) ?? Value.none
        case "parameters": return .list(network.allParameters.map { .string($0.name) })
        case "weights": return network.isBuilt ? weightsValue : Value.none
        case "name": return .string(name)
        default: return nil
        }
    }

    var elementCount: Int { network.layers.count }

    func element(_ index: Int) -> Value { Self.wrap(network.layers[index]) }

    static func wrap(_ layer: any Layer) -> Value {
        if let block = layer as? Network { return .object(NetworkValue(block, name: block.kind, layerRanges: [])) }
        return .object(LayerValue(layer))
    }

    static func shapeValue(_ shape: [Int]) -> Value { .list(shape.map { .number(Double($0)) }) }

    /// Builds the network for per-sample inputs of `shape`; a layer's refusal becomes an error at
    /// the line that declared it (or at `fallback`).
    func build(inputShape shape: [Int], random: RandomStream, fallback: SourceRange?) throws {
        do {
            try network.build(inputShape: shape, random: random)
        } catch let error as ModelError {
            throw located(error, fallback: fallback)
        }
    }

    /// A model error as a runtime error at the declaring line of the layer it names.
    func located(_ error: ModelError, fallback: SourceRange?) -> RuntimeError {
        var range = fallback
        var notes: [String] = []
        if case .layer(let path, _, _) = error, let top = Int(path.prefix { $0 != "." }),
           top >= 1, top <= layerRanges.count {
            range = layerRanges[top - 1]
            notes = [Messages.inNetwork(name)]
        }
        var e = RuntimeError(error.description, at: range, notes: notes)
        e.isShapeError = true
        return e
    }
}
