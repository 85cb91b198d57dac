import TensorRuntime

/// Per-parameter optimizer buffers (momentum, first and second moments) keyed by parameter name,
/// with their shapes so they export as tensors of the parameter's shape.
struct MomentBuffers {
    /// The suffix of the state keys, e.g. `momentum` in `0.weight.momentum`.
    let kind: String
    private(set) var entries: [String: (shape: [Int], values: [Float])] = [:]

    init(kind: String) { self.kind = kind }

    /// The buffer of `parameter`, or nil before its first step; a restored buffer of the wrong size
    /// is an error naming the parameter.
    func values(for parameter: Parameter, count: Int) throws -> [Float]? {
        guard let entry = entries[parameter.name] else { return nil }
        guard entry.values.count == count else {
            throw TrainingError.invalidState(
                "\(kind) buffer of '\(parameter.name)' holds \(entry.values.count) values, the parameter has \(count)")
        }
        return entry.values
    }

    /// Takes the buffer of `parameter` out (zeros before its first step), so that updating it in
    /// place does not copy a shared array; `set` puts it back.
    mutating func take(for parameter: Parameter, count: Int) throws -> [Float] {
        let values = try self.values(for: parameter, count: count)
        entries[parameter.name] = nil
        return values ?? [Float](repeating: 0, count: count)
    }

    mutating func set(_ values: [Float], for parameter: Parameter) {
        entries[parameter.name] = (parameter.shape, values)
    }

    /// The buffers as `<parameter>.<kind>` tensors.
    func export(into record: inout StateRecord) throws {
        for (name, entry) in entries {
            record.tensors["\(name).\(kind)"] = try Tensor(shape: entry.shape, scalars: entry.values)
        }
    }

    /// Takes every `<parameter>.<kind>` tensor of `record`; returns the keys it used.
    mutating func restore(from record: StateRecord) -> Set<String> {
        entries = [:]
        var used = Set<String>()
        let suffix = "." + kind
        for (key, tensor) in record.tensors where key.hasSuffix(suffix) {
            entries[String(key.dropLast(suffix.count))] = (tensor.shape, tensor.scalars)
            used.insert(key)
        }
        return used
    }
}
