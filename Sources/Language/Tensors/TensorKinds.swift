/// The argument kinds of tensors: a tensor, a shape, and a list or tensor for the reductions.
extension ArgumentKind where T == TensorValue {
    /// A tensor.
    static var tensor: ArgumentKind<TensorValue> {
        ArgumentKind("a tensor") { value, _ in
            if case .object(let t as TensorValue) = value { return t } else { return nil }
        }
    }
}

/// What the reductions (sum, mean, max, ...) take: the numbers of a list, or a tensor.
enum ListOrTensor {
    case items([Value])
    case tensor(TensorValue)
}

extension ArgumentKind where T == ListOrTensor {
    /// A list (a range read as its elements) or a tensor.
    static var listOrTensor: ArgumentKind<ListOrTensor> {
        let list = ArgumentKind<[Value]>.list
        return ArgumentKind("a list or tensor", literal: { list.readLiteral?($0).map(ListOrTensor.items) }) { value, a in
            if case .object(let t as TensorValue) = value { return .tensor(t) }
            return try list.read(value, a).map(ListOrTensor.items)
        }
    }
}

/// The most axes a tensor the language makes may have: far more than any data here needs, and a
/// bound on the recursion of reading nested lists and printing.
let maxTensorRank = 32

extension ArgumentKind where T == [Int] {
    /// A tensor's shape: a list of 1 to 32 sizes, each an integer ≥ 1. The message names the
    /// first size that is wrong.
    static var shape: ArgumentKind<[Int]> { shape(allowingInferred: false) }

    /// A shape for `reshape`, where one size may be -1: the size that makes the counts agree.
    static var reshapeShape: ArgumentKind<[Int]> { shape(allowingInferred: true) }

    private static func shape(allowingInferred: Bool) -> ArgumentKind<[Int]> {
        let sizes = allowingInferred ? "each an integer ≥ 1 or one -1" : "each an integer ≥ 1"
        let expected = "a shape: a list of 1 to \(maxTensorRank) sizes, \(sizes)"
        let read = { (value: Value) -> [Int]? in
            guard case .list(let items) = value, (1...maxTensorRank).contains(items.count) else { return nil }
            var sizes: [Int] = []
            for case .number(let x) in items where isExactInteger(x) && (x >= 1 || (allowingInferred && x == -1)) { sizes.append(Int(x)) }
            guard sizes.count == items.count, sizes.filter({ $0 == -1 }).count <= 1 else { return nil }
            return sizes
        }
        // Which size is wrong, when a list of the right length has one.
        let explains = { (value: Value) -> String? in
            guard case .list(let items) = value, (1...maxTensorRank).contains(items.count),
                  let bad = items.firstIndex(where: { item in
                      guard case .number(let x) = item, isExactInteger(x) else { return true }
                      return !(x >= 1 || (allowingInferred && x == -1))
                  }) else { return nil }
            return expected + " (the size at axis \(bad) is \(BuiltinArguments.given(items[bad])))"
        }
        return ArgumentKind(expected, literal: read, explains: explains) { value, _ in read(value) }
    }
}
