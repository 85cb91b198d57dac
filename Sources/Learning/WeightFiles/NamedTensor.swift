import TensorRuntime

/// A tensor with the name it is stored under in a weight file.
public struct NamedTensor: Equatable {
    /// The dotted parameter name, e.g. `"0.weight"`.
    public let name: String
    /// The shape; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order.
    public let values: [Float]

    /// A named tensor.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }

    /// The parameter's current value under its name.
    public init(_ parameter: Parameter) {
        self.init(name: parameter.name, shape: parameter.shape, values: parameter.value.scalars)
    }

    /// The values as a tensor.
    public func tensor() throws -> Tensor<Float> {
        try Tensor<Float>(shape: shape, scalars: values)
    }

    /// Checks that `tensors` hold exactly the network's parameters with their shapes, and only
    /// finite values unless `allowNonFinite`, then assigns all of them (nothing is assigned when
    /// anything is wrong). A NaN or infinite weight makes every output it reaches NaN, so such a
    /// file is refused by default rather than loaded silently.
    static func apply(_ tensors: [NamedTensor], to parameters: [Parameter], file: String,
                      allowNonFinite: Bool = false) throws {
        var byName: [String: NamedTensor] = [:]
        for t in tensors {
            guard byName.updateValue(t, forKey: t.name) == nil else {
                throw WeightFileError.mismatch(file: file, problem: "tensor '\(t.name)' appears twice")
            }
        }
        let expected = Set(parameters.map(\.name))
        let missing = parameters.map(\.name).filter { byName[$0] == nil }
        let extra = tensors.map(\.name).filter { !expected.contains($0) }
        if !missing.isEmpty || !extra.isEmpty {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("unexpected \(extra.joined(separator: ", "))") }
            throw WeightFileError.mismatch(file: file, problem: "parameter names differ: " + parts.joined(separator: "; "))
        }
        var values: [Tensor<Float>] = []
        for p in parameters {
            guard let t = byName[p.name], t.shape == p.shape else {
                let got = byName[p.name].map { TensorShape.describe($0.shape) } ?? "nothing"
                throw WeightFileError.mismatch(
                    file: file, problem: "'\(p.name)' has shape \(got) in the file, the network has \(TensorShape.describe(p.shape))")
            }
            values.append(try t.tensor())
        }
        if !allowNonFinite { try refuseNonFinite(parameters.compactMap { byName[$0.name] }, file: file) }
        for (p, v) in zip(parameters, values) { try p.assign(v) }
    }

    /// Throws `WeightFileError.nonFinite` naming the first tensor with NaN or infinite values,
    /// how many it has, and how many other tensors have some.
    static func refuseNonFinite(_ tensors: [NamedTensor], file: String) throws {
        let bad = tensors.filter { $0.values.contains { !$0.isFinite } }
        guard let first = bad.first else { return }
        throw WeightFileError.nonFinite(file: file, tensor: first.name,
                                        nan: first.values.count(where: \.isNaN),
                                        infinite: first.values.count(where: \.isInfinite),
                                        of: first.values.count, otherTensors: bad.count - 1)
    }
}
