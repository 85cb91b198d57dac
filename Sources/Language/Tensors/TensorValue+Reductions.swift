import TensorRuntime

/// The reductions the math builtins apply to a tensor's elements.
enum TensorReduction {
    case sum, mean, max, min
    /// The population standard deviation (dividing by n), as `std` of a list.
    case std
}

extension TensorValue {
    /// `reduction` over every element (a number), or along `axis` (negative counts from the end):
    /// a tensor without that axis, or a number when none is left. Computed in Float32, the
    /// tensor's own precision (sums accumulate in Double).
    func reduced(_ reduction: TensorReduction, axis: Int?, name: String) throws -> Value {
        let axes = try axis.map { [try resolved($0, name)] }
        let result = try Self.attempt(name) { () -> Tensor<Float> in
            switch reduction {
            case .sum: return try tensor.sum(axes: axes)
            case .mean: return try tensor.mean(axes: axes)
            case .max: return try tensor.max(axes: axes)
            case .min: return try -(try -tensor).max(axes: axes)
            case .std:
                let deviations = try tensor - (try tensor.mean(axes: axes, keepingDims: true))
                return try (deviations * deviations).mean(axes: axes).sqrt()
            }
        }
        return result.rank == 0 ? Self.number(try result.scalar()) : .object(TensorValue(result))
    }

    /// The position of the largest (or smallest) element, the first on ties: of the flattened
    /// tensor without `axis` (a number), else along `axis`: nested lists of indices shaped like
    /// the tensor without that axis (a number when none is left).
    func extremeIndex(largest: Bool, axis: Int?, name: String) throws -> Value {
        let source = largest ? tensor : try Self.attempt(name) { try -tensor }
        guard let axis else {
            return .number(Double(try Self.attempt(name) { try source.reshaped([tensor.count]).argmax(axis: 0)[0] }))
        }
        let a = try resolved(axis, name)
        let indices = try Self.attempt(name) { try source.argmax(axis: a) }
        var rest = shape
        rest.remove(at: a)
        guard !rest.isEmpty else { return .number(Double(indices[0])) }
        return Self.nestedIndices(indices[...], shape: rest[...])
    }

    /// `axis` as an index into the shape; -1 is the last axis.
    func resolved(_ axis: Int, _ name: String) throws -> Int {
        let a = axis < 0 ? axis + shape.count : axis
        guard a >= 0, a < shape.count else { throw RuntimeError(Messages.tensorAxis(name, axis, TensorShape.describe(shape))) }
        return a
    }

    /// Whole numbers as nested lists following `shape`.
    private static func nestedIndices(_ values: ArraySlice<Int>, shape: ArraySlice<Int>) -> Value {
        if shape.count == 1 { return .list(values.map { .number(Double($0)) }) }
        let inner = shape.dropFirst(), size = inner.reduce(1, *)
        return .list((0..<(shape.first ?? 0)).map { i in
            let start = values.startIndex + i * size
            return nestedIndices(values[start..<(start + size)], shape: inner)
        })
    }
}
