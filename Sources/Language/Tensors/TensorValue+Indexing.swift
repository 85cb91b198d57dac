import TensorRuntime

extension TensorValue {
    /// `t[i]`: entry `i` of the first axis, a tensor of the remaining axes (a number for a rank-1
    /// tensor); negative indices count from the end. `t[a..<b]` (or `t[a..b]`): the entries of
    /// the first axis in the range, as a tensor of the same rank.
    func subscripted(_ index: Value, at range: SourceRange) throws -> Value {
        switch index {
        case .number(let x):
            guard isExactInteger(x) else { throw RuntimeError(Messages.indexNotInteger(formatNumber(x)), at: range) }
            let i = Int(x), size = shape[0]
            let p = i < 0 ? size + i : i
            guard p >= 0, p < size else {
                throw RuntimeError(Messages.tensorIndexOutOfRange(String(i), size, TensorShape.describe(shape)), at: range)
            }
            if shape.count == 1 { return Self.number(element(atOffset: p)) }
            let rest = Array(shape.dropFirst())
            return .object(try Self.make("index") { try tensor.slice(axis: 0, start: p, count: 1).reshaped(rest) })
        case .range(let r):
            let (start, end) = rows(of: r)
            let written = "\(r.lower)\(r.inclusive ? ".." : "..<")\(r.upper)"
            guard start >= 0, end <= shape[0] else {
                throw RuntimeError(Messages.tensorRangeOutOfRange(written, shape[0], TensorShape.describe(shape)), at: range)
            }
            guard start < end else { throw RuntimeError(Messages.tensorRangeEmpty(written, TensorShape.describe(shape)), at: range) }
            return .object(try Self.make("index") { try tensor.slice(axis: 0, start: start, count: end - start) })
        default:
            throw RuntimeError(Messages.indexType("a tensor", index.typeName), at: range)
        }
    }

    /// The first and one-past-last row a range selects; negative bounds count from the end, as
    /// negative indices do (`t[-3..-1]` is the last three rows).
    private func rows(of r: RangeValue) -> (start: Int, end: Int) {
        let size = shape[0]
        let lower = r.lower < 0 ? r.lower + size : r.lower
        let upper = r.upper < 0 ? r.upper + size : r.upper
        return (lower, r.inclusive ? upper + 1 : upper)
    }
}
