import Learning
import TensorRuntime

/// Typed access to the arguments of the dataset builtins.
extension BuiltinArguments {
    /// A dataset argument.
    func dataset(_ i: Int) throws -> Dataset {
        guard case .object(let o as DatasetValue) = values[i] else { throw fail(i, expected: "a dataset") }
        return o.dataset
    }

    /// Whether argument `i` was left out (or given as `none`).
    func isNone(_ i: Int) -> Bool {
        if case .none = values[i] { return true }
        return false
    }

    /// A number, or nil when the argument is `none`.
    func optionalNumber(_ i: Int) throws -> Double? { isNone(i) ? nil : try number(i) }

    /// An integer that must be at least `minimum`.
    func integer(_ i: Int, atLeast minimum: Int) throws -> Int {
        let n = try integer(i)
        guard n >= minimum else { throw fail(i, expected: "an integer ≥ \(minimum)") }
        return n
    }

    /// A finite number, as a Float (features are Float32).
    func float(_ i: Int) throws -> Float {
        let x = try number(i)
        guard x.isFinite, abs(x) <= Double(Float.greatestFiniteMagnitude) else {
            throw fail(i, expected: "a finite number")
        }
        return Float(x)
    }

    /// The random stream for a `seed:` argument: the given seed (a whole number ≥ 0), or, when
    /// left out, a seed drawn from the interpreter's generator, so `--seed` fixes every draw and
    /// two calls without seeds still differ.
    func stream(_ i: Int) throws -> RandomStream {
        if isNone(i) { return RandomStream(seed: evaluator.random.next()) }
        return RandomStream(seed: UInt64(try integer(i, atLeast: 0)))
    }

    /// A nuisance range: a number fixes the factor, `[low, high]` draws it uniformly.
    /// Nil when the argument is `none` (the dataset's default range).
    func floatRange(_ i: Int) throws -> ClosedRange<Float>? {
        switch values[i] {
        case .none: return nil
        case .number: let x = try float(i); return x...x
        case .list(let items):
            guard items.count == 2, case .number(let lo) = items[0], case .number(let hi) = items[1],
                  lo.isFinite, hi.isFinite, lo <= hi else {
                throw fail(i, expected: "a number or a list [low, high] with low ≤ high")
            }
            return Float(lo)...Float(hi)
        default: throw fail(i, expected: "a number or a list [low, high]")
        }
    }

    /// A list of whole numbers (class indices and the like).
    func integers(_ i: Int) throws -> [Int] {
        try list(i).map { v in
            guard case .number(let x) = v, isExactInteger(x) else { throw fail(i, expected: "a list of integers") }
            return Int(x)
        }
    }

    /// A list of strings (class names).
    func strings(_ i: Int) throws -> [String] {
        try list(i).map { v in
            guard case .string(let s) = v else { throw fail(i, expected: "a list of strings") }
            return s
        }
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
