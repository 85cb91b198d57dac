import Learning

/// What a builtin's argument must be: how a value is read as a Swift value, how errors name what
/// was expected, and — for what a literal can be — a test `check` runs on literal arguments, so
/// that `samples: -5` is refused before the script runs with the message the run would give.
///
/// A kind is declared once, beside the parameter (`ParameterList`); bodies read arguments through
/// the handle the declaration returns, never by position.
struct ArgumentKind<T> {
    /// What the argument must be, as errors say it: "an integer ≥ 1".
    let expected: String
    /// The value of a literal as `T`, or nil when it is not one; nil for kinds no literal can be
    /// (datasets, functions). `check` runs it on literal arguments.
    let readLiteral: ((Value) -> T?)?
    /// The value as `T`, or nil when it is not one (the caller reports `expected`). Reading may
    /// use the call (a range's size limit, the interpreter's objects).
    let read: (Value, BuiltinArguments) throws -> T?
    /// What a given value got wrong, when the kind can say more than `expected` (a whole number
    /// too large to be exact is refused for its size, which a range would not name); nil otherwise.
    let explains: ((Value) -> String?)?

    init(_ expected: String, literal: ((Value) -> T?)? = nil, explains: ((Value) -> String?)? = nil,
         read: @escaping (Value, BuiltinArguments) throws -> T?) {
        self.expected = expected
        self.readLiteral = literal
        self.explains = explains
        self.read = read
    }

    /// What the argument must be, said for the value given.
    func expected(for value: Value) -> String { explains?(value) ?? expected }

    /// A kind read from the value alone, literals included.
    static func plain(_ expected: String, _ read: @escaping (Value) -> T?) -> ArgumentKind<T> {
        ArgumentKind(expected, literal: read, read: { value, _ in read(value) })
    }

    /// The same kind with a further condition on the value, named in `expected`.
    func constrained(_ expected: String, _ condition: @escaping (T) -> Bool) -> ArgumentKind<T> {
        let read = self.read
        let literal = readLiteral.map { base in { (value: Value) -> T? in base(value).flatMap { condition($0) ? $0 : nil } } }
        return ArgumentKind(expected, literal: literal, explains: explains) { value, a in
            guard let x = try read(value, a), condition(x) else { return nil }
            return x
        }
    }

    /// Whether a literal value fits; nil when no literal can (the kind is not checked statically).
    func acceptsLiteral(_ value: Value) -> Bool? { readLiteral.map { $0(value) != nil } }
}

// MARK: - Numbers

extension ArgumentKind where T == Double {
    /// Any number.
    static var number: ArgumentKind<Double> {
        .plain("a number") { if case .number(let x) = $0 { return x } else { return nil } }
    }
    /// A finite number.
    static var finite: ArgumentKind<Double> { number.constrained("a finite number") { $0.isFinite } }
    /// A finite number above 0.
    static var positive: ArgumentKind<Double> { number.constrained("a positive finite number") { $0 > 0 && $0.isFinite } }
    /// A finite number of at least 0.
    static var nonNegative: ArgumentKind<Double> { number.constrained("a finite number ≥ 0") { $0 >= 0 && $0.isFinite } }
    /// A fraction in [0, 1].
    static var probability: ArgumentKind<Double> { number.constrained("a number in [0, 1]") { $0 >= 0 && $0 <= 1 } }
    /// A fraction in [0, 1).
    static var unitInterval: ArgumentKind<Double> { number.constrained("a number in [0, 1)") { $0 >= 0 && $0 < 1 } }
}

extension ArgumentKind where T == Int {
    /// A whole number exactly representable (below 9e15 in magnitude).
    static var integer: ArgumentKind<Int> {
        let read = { (value: Value) -> Int? in
            guard case .number(let x) = value, isExactInteger(x) else { return nil }
            return Int(x)
        }
        let tooLarge = { (value: Value) -> String? in
            guard case .number(let x) = value, x.isFinite, x == x.rounded(), !isExactInteger(x) else { return nil }
            return "an integer of magnitude below 9e15"
        }
        return ArgumentKind("an integer", literal: read, explains: tooLarge) { value, _ in read(value) }
    }
    /// A whole number of at least `minimum`.
    static func integer(atLeast minimum: Int) -> ArgumentKind<Int> {
        integer.constrained("an integer ≥ \(minimum)") { $0 >= minimum }
    }
}

// MARK: - Text, truth values, lists, functions

extension ArgumentKind where T == String {
    /// Any string.
    static var string: ArgumentKind<String> {
        .plain("a string") { if case .string(let s) = $0 { return s } else { return nil } }
    }
    /// A non-empty string naming a file.
    static var path: ArgumentKind<String> { string.constrained("a file path") { !$0.isEmpty } }
    /// One of `names`.
    static func oneOf(_ names: [String]) -> ArgumentKind<String> {
        let quoted = names.map { "\"\($0)\"" }
        let expected = quoted.count == 2 ? quoted.joined(separator: " or ") : quoted.joined(separator: ", ")
        return string.constrained(expected) { names.contains($0) }
    }
}

extension ArgumentKind where T == Bool {
    /// true or false.
    static var bool: ArgumentKind<Bool> {
        .plain("a boolean") { if case .bool(let b) = $0 { return b } else { return nil } }
    }
}

extension ArgumentKind where T == [Value] {
    /// A list, or the elements of a range (so `sum(0..<10)` works).
    static var list: ArgumentKind<[Value]> {
        ArgumentKind("a list", literal: { if case .list(let items) = $0 { return items } else { return nil } }) { value, a in
            switch value {
            case .list(let items): return items
            case .range(let r):
                try a.evaluator.checkRangeSize(r)
                return (0..<r.count).map { .number(Double(r.element($0))) }
            default: return nil
            }
        }
    }
}

extension ArgumentKind where T == [String] {
    /// A list of strings.
    static var strings: ArgumentKind<[String]> {
        .plain("a list of strings") { value in
            guard case .list(let items) = value else { return nil }
            let texts = items.compactMap { item -> String? in if case .string(let s) = item { return s } else { return nil } }
            return texts.count == items.count ? texts : nil
        }
    }
}

extension ArgumentKind where T == [Double] {
    /// A list of numbers.
    static var numbers: ArgumentKind<[Double]> {
        .plain("a list of numbers") { value in
            guard case .list(let items) = value else { return nil }
            let xs = items.compactMap { item -> Double? in if case .number(let x) = item { return x } else { return nil } }
            return xs.count == items.count ? xs : nil
        }
    }
}

extension ArgumentKind where T == [Int] {
    /// A list of whole numbers.
    static var integers: ArgumentKind<[Int]> {
        .plain("a list of integers") { value in
            guard case .list(let items) = value else { return nil }
            var result: [Int] = []
            for case .number(let x) in items where isExactInteger(x) { result.append(Int(x)) }
            return result.count == items.count ? result : nil
        }
    }
}

extension ArgumentKind where T == Value {
    /// Any value, read as it is.
    static var any: ArgumentKind<Value> { .plain("a value") { $0 } }
    /// A function or builtin to call.
    static var function: ArgumentKind<Value> {
        ArgumentKind("a function") { value, _ in
            switch value {
            case .function, .builtin: return value
            default: return nil
            }
        }
    }
}

// MARK: - The language's objects

extension ArgumentKind where T == Dataset {
    /// A dataset.
    static var dataset: ArgumentKind<Dataset> {
        ArgumentKind("a dataset") { value, _ in
            if case .object(let o as DatasetValue) = value { return o.dataset } else { return nil }
        }
    }
}

extension ArgumentKind where T == NetworkValue {
    /// A network.
    static var network: ArgumentKind<NetworkValue> {
        ArgumentKind("a network") { value, _ in
            if case .object(let n as NetworkValue) = value { return n } else { return nil }
        }
    }
}
