import Learning
import Probes
import TensorRuntime

/// Reading and writing a network's weights as numbers: `net.weights` and `set_weights`, so that a
/// probe's fitted mean (information_lagrangian's r.mean) or hand-written values can become a
/// network's weights.
extension BuiltinRegistry {
    static var weightValues: [BuiltinFunction] {
        [
            def("set_weights", "networks",
                "replace a network's weights with given numbers, tensor by tensor",
                "weights is a record from tensor names to flat lists of numbers in row-major order: the names probe results "
                    + "use (\"dense1.weight\", as in r.mean and r.variances of information_lagrangian, and in net.weights) or the "
                    + "network's parameter names (\"0.weight\", as in net.parameters, batch-norm statistics included). Each list "
                    + "must hold exactly the tensor's "
                    + "number of entries, all finite; they are stored as float32. Tensors the record does not name keep their "
                    + "values. Nothing changes when anything is wrong.",
                example: "network pair { input [2]; dense(1) }; let net = pair(); set_weights(net, {\"dense1.weight\": [1, 2], \"dense1.bias\": [0]}); net.weights") { p in
                let net = p.required("net", .network), weights = p.required("weights", .record)
                return { a in
                    let n = try a[net], given = try a[weights]
                    guard n.network.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(n.name), parameter: net.index) }
                    try n.setWeights(given, parameter: weights.index)
                    return .none
                }
            },
        ]
    }
}

extension NetworkValue {
    /// Each tensor under the name probe results give it, beside the parameter itself, in the
    /// probes' order.
    var namedParameters: [(display: String, parameter: Parameter)] {
        let byName = Dictionary(network.allParameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return ProbeModel<Float>.parameterNames(network).compactMap { names in byName[names.file].map { (names.display, $0) } }
    }

    /// `net.weights`: a record from each tensor's display name to its entries, flat.
    var weightsValue: Value {
        var record = Record()
        for (name, parameter) in namedParameters {
            record[name] = .list(parameter.value.scalars.map { .number(Double($0)) })
        }
        return .record(record)
    }

    /// Checks every named tensor's list first, then assigns them all.
    func setWeights(_ given: Record, parameter: Int) throws {
        let named = namedParameters, all = network.allParameters
        var updates: [(Parameter, Tensor<Float>)] = []
        for (key, value) in given.fields {
            // A probe-result name, or any parameter name (batch-norm statistics included).
            guard let target = named.first(where: { $0.display == key })?.parameter ?? all.first(where: { $0.name == key }) else {
                throw RuntimeError(Messages.setWeightsUnknown(key, named.map(\.display)), parameter: parameter)
            }
            guard case .list(let items) = value else {
                throw RuntimeError(Messages.setWeightsNotList(key, value.typeName), parameter: parameter)
            }
            var numbers: [Float] = []
            numbers.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard case .number(let x) = item else {
                    throw RuntimeError(Messages.setWeightsEntry(key, i, "a \(item.typeName)"), parameter: parameter)
                }
                guard x.isFinite, abs(x) <= Double(Float.greatestFiniteMagnitude) else {
                    throw RuntimeError(Messages.setWeightsEntry(key, i, formatNumber(x)), parameter: parameter)
                }
                numbers.append(Float(x))
            }
            let shape = target.shape
            guard numbers.count == shape.reduce(1, *) else {
                throw RuntimeError(Messages.setWeightsCount(key, numbers.count, TensorShape.describe(shape), shape.reduce(1, *)),
                                   parameter: parameter)
            }
            updates.append((target, try Tensor(shape: shape, scalars: numbers)))
        }
        for (target, value) in updates { try target.assign(value) }
    }
}
