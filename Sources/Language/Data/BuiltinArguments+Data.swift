import Learning
import TensorRuntime

/// The kinds of the dataset builtins' arguments.
extension ArgumentKind where T == Float {
    /// A number of `kind` as a Float (features are Float32): one beyond Float's range is refused
    /// rather than read as infinite, so `kind` should be a finite one.
    static func float(_ kind: ArgumentKind<Double>) -> ArgumentKind<Float> {
        let read = kind.read
        return ArgumentKind(kind.expected, literal: kind.readLiteral.map { base in { base($0).flatMap(asFloat) } },
                            explains: kind.explains) { value, a in
            try read(value, a).flatMap(asFloat)
        }
    }
}

/// `x` as a Float, or nil when it is not finite as one.
private func asFloat(_ x: Double) -> Float? {
    x.isFinite && abs(x) <= Double(Float.greatestFiniteMagnitude) ? Float(x) : nil
}

extension ArgumentKind where T == ClosedRange<Float> {
    /// A glyph nuisance factor: a number fixes it, `[low, high]` draws it uniformly; both ends
    /// must pass `fits` (scale and stroke must be positive, noise at least 0).
    static func factor(_ expected: String, _ fits: @escaping (Float) -> Bool) -> ArgumentKind<ClosedRange<Float>> {
        .plain(expected) { value in
            let ends: [Value]
            switch value {
            case .number: ends = [value, value]
            case .list(let items): ends = items
            default: return nil
            }
            guard ends.count == 2, case .number(let low) = ends[0], case .number(let high) = ends[1],
                  let lo = asFloat(low), let hi = asFloat(high), lo <= hi, fits(lo), fits(hi) else { return nil }
            return lo...hi
        }
    }
}

extension ArgumentKind where T == [Int] {
    /// A list of whole numbers, each at least `minimum`.
    static func integers(atLeast minimum: Int) -> ArgumentKind<[Int]> {
        integers.constrained("a list of integers ≥ \(minimum)") { $0.allSatisfy { $0 >= minimum } }
    }
}

extension ArgumentKind where T == [[Int]] {
    /// A non-empty list of non-empty lists of class indices (≥ 0), none listed twice.
    static var integerGroups: ArgumentKind<[[Int]]> {
        .plain("a non-empty list of non-empty lists of class indices ≥ 0, none repeated") { value in
            guard case .list(let items) = value, !items.isEmpty else { return nil }
            var groups: [[Int]] = []
            for item in items {
                guard let group = ArgumentKind<[Int]>.integers(atLeast: 0).readLiteral?(item), !group.isEmpty else { return nil }
                groups.append(group)
            }
            let all = groups.joined()
            return Set(all).count == all.count ? groups : nil
        }
    }
}

extension ArgumentKind where T == DatasetValue {
    /// A dataset with what the language keeps beside it (its normalisation, its nuisance columns).
    static var datasetValue: ArgumentKind<DatasetValue> {
        ArgumentKind("a dataset") { value, _ in
            if case .object(let o as DatasetValue) = value { return o } else { return nil }
        }
    }
}

extension BuiltinArguments {
    /// The random stream for a `seed:` parameter (declared `.integer(atLeast: 0)`): the given
    /// seed, or, when left out, a seed drawn from the interpreter's generator, so `--seed` fixes
    /// every draw and two calls without seeds still differ.
    func stream(_ seed: Param<Int?>) throws -> RandomStream {
        RandomStream(seed: try self[seed].map(UInt64.init) ?? evaluator.random.next())
    }
}

extension RuntimeError {
    /// The language's form of a dataset failure: the first line of the message, the rest as notes
    /// (for a missing dataset: every place searched and how to get the data).
    init(_ error: DatasetError) {
        switch error {
        case let .notFound(dataset, searched, hint):
            self.init(Messages.datasetNotFound(dataset),
                      notes: searched.map { Messages.lookedIn($0) } + [hint])
        default:
            self.init(error.description)
        }
    }
}

extension Value {
    /// Wraps a dataset as a language value.
    static func dataset(_ d: Dataset) -> Value { .object(DatasetValue(d)) }
}
