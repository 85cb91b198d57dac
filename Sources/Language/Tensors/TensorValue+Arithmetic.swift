import TensorRuntime

extension TensorValue {
    /// `a op b` when either operand is a tensor (the other a tensor or a number); nil when
    /// neither is. Two tensors broadcast as in NumPy: their shapes, aligned at the last axis,
    /// must agree on each axis or have 1 there. A number is applied to every element. Results
    /// may hold nan and inf (`t / 0` is allowed, as in NumPy).
    static func arithmetic(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        let left = operand(a), right = operand(b)
        guard left.isTensor || right.isTensor else { return nil }
        guard let x = left.tensor, let y = right.tensor, let apply = elementwise(op) else {
            var notes = [Messages.tensorOperators]
            if case .list = a { notes.append(Messages.listToTensor) } else if case .list = b { notes.append(Messages.listToTensor) }
            throw RuntimeError(Messages.binaryMismatch(op.rawValue, a.typeName, b.typeName), notes: notes)
        }
        if left.isTensor, right.isTensor { try checkBroadcast(op.rawValue, x.shape, y.shape) }
        return .object(try make("'\(op.rawValue)'") { try apply(x, y) })
    }

    /// `-t` (and `+t`).
    static func unary(_ op: UnaryOperator, _ t: TensorValue) throws -> Value? {
        switch op {
        case .negate: return .object(try make("'-'") { try -t.tensor })
        case .plus: return .object(t)
        case .not: return nil
        }
    }

    /// A value as an operand of tensor arithmetic: a tensor, or a number as a rank-0 tensor.
    private static func operand(_ v: Value) -> (tensor: Tensor<Float>?, isTensor: Bool) {
        switch v {
        case .object(let t as TensorValue): return (t.tensor, true)
        case .number(let x): return (Tensor(Float(x)), false)
        default: return (nil, false)
        }
    }

    private static func elementwise(_ op: BinaryOperator) -> ((Tensor<Float>, Tensor<Float>) throws -> Tensor<Float>)? {
        switch op {
        case .add: return { try $0 + $1 }
        case .subtract: return { try $0 - $1 }
        case .multiply: return { try $0 * $1 }
        case .divide: return { try $0 / $1 }
        case .power: return { try $0.pow($1) }
        default: return nil
        }
    }

    /// Refuses shapes that do not broadcast, naming both and the first axis (counted from the
    /// end, where they are aligned) on which they disagree.
    static func checkBroadcast(_ op: String, _ a: [Int], _ b: [Int]) throws {
        for back in 1...max(a.count, b.count) {
            let da = back <= a.count ? a[a.count - back] : 1, db = back <= b.count ? b[b.count - back] : 1
            if da != db, da != 1, db != 1 {
                throw RuntimeError(Messages.tensorShapes(op, TensorShape.describe(a), TensorShape.describe(b), axis: -back, da, db))
            }
        }
    }
}
