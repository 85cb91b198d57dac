import Learning
import TensorRuntime

/// A dataset as a language value: prints its summary, answers members such as `size` and
/// `classes`, and gives sample records by index (`d[0]`).
final class DatasetValue: IndexedObject {
    /// The dataset (datasets are values: transforms make new ones).
    let dataset: Dataset
    /// The channel statistics `normalize` standardised this data (or its source) with, so
    /// `normalize(like: train)` applies the training set's original statistics even when
    /// `train` is itself normalised. Transforms pass it on.
    let normalization: ChannelStatistics?

    init(_ dataset: Dataset, normalization: ChannelStatistics? = nil) {
        self.dataset = dataset
        self.normalization = normalization
    }

    var typeName: String { "dataset" }

    func describe() -> String { dataset.summary.description }

    static let members = ["size", "shape", "classes", "class_counts", "labels", "nuisances", "name", "inputs"]

    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        switch name {
        case "size": return .number(Double(dataset.count))
        case "shape": return .list(dataset.sampleShape.map { .number(Double($0)) })
        case "classes": return .list(dataset.classNames.map { .string($0) })
        case "class_counts": return .list(dataset.classCounts.map { .number(Double($0)) })
        case "labels": return .list(dataset.labels.map { .number(Double($0)) })
        case "nuisances": return .list(dataset.nuisances.names.map { .string($0) })
        case "name": return .string(dataset.name)
        case "inputs": return inputs
        default: return nil
        }
    }

    /// Every sample's features as one tensor [n] + shape (a copy), to give a network (`net(d.inputs)`)
    /// or to summarise (`mean(d.inputs, axis: 0)`); none for a dataset without samples, as
    /// tensors have no empty axes.
    private var inputs: Value {
        guard dataset.count > 0, let t = try? Tensor(shape: [dataset.count] + dataset.sampleShape, scalars: dataset.features) else {
            return .none
        }
        return .object(TensorValue(t))
    }

    var elementCount: Int { dataset.count }

    /// `{x: features shaped like the sample, y: label, class: name, nuisances: {factor: value}}`.
    func element(_ index: Int) -> Value {
        var record = Record()
        record["x"] = Self.nested(dataset.sample(index)[...], shape: dataset.sampleShape[...])
        let label = Int(dataset.labels[index])
        record["y"] = .number(Double(label))
        record["class"] = .string(dataset.classNames[label])
        var factors = Record()
        for (name, column) in dataset.nuisances.factors {
            switch column {
            case .float(let values): factors[name] = .number(Self.decimal(values[index]))
            case .int(let values): factors[name] = .number(Double(values[index]))
            }
        }
        record["nuisances"] = .record(factors)
        return .record(record)
    }

    /// The values of one nuisance factor for every sample, or nil when the dataset lacks it.
    func nuisanceColumn(_ name: String) -> Value? {
        guard let values = dataset.nuisances.floats(name) else { return nil }
        return .list(values.map { .number(Self.decimal($0)) })
    }

    /// A Float as the Double with the same shortest decimal form, so 0.3f prints as 0.3 rather
    /// than 0.30000001192092896.
    static func decimal(_ x: Float) -> Double {
        guard x.isFinite else { return Double(x) }
        return Double(x.description) ?? Double(x)
    }

    /// Flat values as nested lists following `shape` (a [1, 2, 2] sample becomes [[[a, b], [c, d]]]).
    static func nested(_ values: ArraySlice<Float>, shape: ArraySlice<Int>) -> Value {
        guard let first = shape.first else { return .number(decimal(values.first ?? 0)) }
        if shape.count == 1 { return .list(values.map { .number(decimal($0)) }) }
        let inner = shape.dropFirst()
        let size = inner.reduce(1, *)
        return .list((0..<first).map { i in
            let start = values.startIndex + i * size
            return nested(values[start..<(start + size)], shape: inner)
        })
    }
}
