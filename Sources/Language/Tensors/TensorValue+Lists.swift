import TensorRuntime

extension TensorValue {
    /// The tensor of a nest of lists of numbers, which must be rectangular: its shape is read
    /// down the first elements, and every list at a depth must have the length the first one at
    /// that depth has. The error names the first element that breaks the rule by its position
    /// (`element [1][0]`). nan and inf are kept.
    static func fromLists(_ value: Value) throws -> TensorValue {
        var shape: [Int] = [], probe = value
        while case .list(let items) = probe {
            guard let first = items.first else {
                throw RuntimeError(Messages.emptyTensor(shape.isEmpty ? "the list" : "element " + position([Int](repeating: 0, count: shape.count))))
            }
            guard shape.count < maxTensorRank else { throw RuntimeError(Messages.tensorNesting(maxTensorRank)) }
            shape.append(items.count)
            probe = first
        }
        var scalars: [Float] = []
        scalars.reserveCapacity(shape.reduce(1, *))
        var path: [Int] = []
        try collect(value, shape: shape, path: &path, into: &scalars)
        return try make("tensor") { try Tensor(shape: shape, scalars: scalars) }
    }

    /// Appends the numbers of `value`, found at `path`, checking it against the rest of `shape`.
    private static func collect(_ value: Value, shape: [Int], path: inout [Int], into scalars: inout [Float]) throws {
        let depth = path.count
        guard depth < shape.count else {
            guard case .number(let x) = value else {
                throw RuntimeError(Messages.tensorElement(position(path), described(value), "a number"))
            }
            scalars.append(Float(x))
            return
        }
        guard case .list(let items) = value else {
            throw RuntimeError(Messages.tensorElement(position(path), described(value), "a list of \(shape[depth])"))
        }
        guard items.count == shape[depth] else {
            throw RuntimeError(Messages.raggedList(position(path), items.count, position([Int](repeating: 0, count: depth)), shape[depth]))
        }
        for (i, item) in items.enumerated() {
            path.append(i)
            try collect(item, shape: shape, path: &path, into: &scalars)
            path.removeLast()
        }
    }

    /// `[1][0]`: where an element sits in the nest.
    private static func position(_ path: [Int]) -> String { path.map { "[\($0)]" }.joined() }

    /// "a number", "a list of 2", "a string": a value as the error describes what it found.
    private static func described(_ value: Value) -> String {
        switch value {
        case .none: return "none"
        case .list(let items): return "a list of \(items.count)"
        case .number(let x): return "the number \(formatNumber(x))"
        default:
            let name = value.typeName
            return ("aeiou".contains(name.first ?? "x") ? "an " : "a ") + name
        }
    }
}
