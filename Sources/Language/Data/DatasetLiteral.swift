import Learning

/// Builds a dataset from language lists: `dataset(x: [[1, 2], [-1, 0.5]], y: [1, 0])`.
enum DatasetLiteral {
    /// What `classes:` says: the class count, or the classes' names.
    enum Classes {
        case count(Int)
        case names([String])
    }

    /// Flattens each sample (a number, or a rectangular nested list of numbers) and checks that
    /// all samples share one shape and every label is a class.
    /// Without `classes`, the class count is the largest label + 1.
    static func build(x: [Value], y: [Value], classes: Classes?, name: String) throws -> Dataset {
        guard !x.isEmpty else { throw RuntimeError(Messages.literalNoSamples, parameter: 0) }
        guard x.count == y.count else { throw RuntimeError(Messages.literalCounts(x.count, y.count), parameter: 1) }
        var features: [Float] = []
        var shape: [Int] = []
        for (i, sample) in x.enumerated() {
            var values: [Float] = []
            guard let s = flatten(sample, into: &values) else { throw RuntimeError(Messages.literalRagged(i), parameter: 0) }
            if i == 0 { shape = sampleShape(s) } else if sampleShape(s) != shape {
                throw RuntimeError(Messages.literalShape(i, s, shape), parameter: 0)
            }
            features += values
        }
        let labels = try y.enumerated().map { i, v -> Int32 in
            guard case .number(let n) = v, isExactInteger(n), n >= 0, n < Double(Int32.max) else {
                throw RuntimeError(Messages.literalLabel(i), parameter: 1)
            }
            return Int32(n)
        }
        let largest = Int(labels.max() ?? 0)
        var count = largest + 1
        var names: [String] = []
        switch classes {
        case nil: break
        case .count(let n)?: count = n
        case .names(let given)?:
            names = given
            count = names.count
        }
        guard largest < count else { throw RuntimeError(Messages.literalClasses(count, largest), parameter: 2) }
        return try Dataset(name: name, sampleShape: shape, features: features, labels: labels,
                           classCount: count, classNames: names)
    }

    /// The most dimensions a literal sample may have (images have three).
    static let maxRank = 8

    /// The per-sample shape of a literal sample (a lone number is one feature), or nil when it is
    /// not a rectangular nest of finite numbers; what `check` knows of `dataset(x: ...)`.
    static func literalShape(_ sample: Value) -> [Int]? {
        var values: [Float] = []
        return flatten(sample, into: &values).map(sampleShape)
    }

    private static func sampleShape(_ nested: [Int]) -> [Int] { nested.isEmpty ? [1] : nested }

    /// Appends the numbers of `v` to `values` and returns its shape ([] for a number), or nil when
    /// it is not a rectangular nest of finite numbers.
    private static func flatten(_ v: Value, into values: inout [Float], depth: Int = 0) -> [Int]? {
        // Samples have a handful of dimensions; the bound keeps hostile nesting from recursing deep.
        guard depth <= maxRank else { return nil }
        switch v {
        case .number(let x):
            guard x.isFinite, abs(x) <= Double(Float.greatestFiniteMagnitude) else { return nil }
            values.append(Float(x))
            return []
        case .list(let items):
            guard !items.isEmpty else { return nil }
            var inner: [Int]?
            for item in items {
                guard let s = flatten(item, into: &values, depth: depth + 1) else { return nil }
                if let inner, inner != s { return nil }
                inner = s
            }
            return [items.count] + (inner ?? [])
        default: return nil
        }
    }
}
