extension Tensor {
    /// Applies a broadcasting binary kernel; `differentiable == false` gives a constant result.
    func binary(_ op: BinaryKernelOp, _ other: Tensor, _ name: String, differentiable: Bool = true) throws -> Tensor {
        let shape = try TensorShape.broadcast(self.shape, other.shape, operation: name)
        let storage = try Tensor.allocate(shape, name)
        let plan = BroadcastPlan(a: self.shape, b: other.shape, shape: shape, count: storage.count)
        let (a, b, c) = (self.storage.pointer, other.storage.pointer, storage.pointer)
        if plan.isElementwise {
            Tensor.forEachElementChunk(plan.count) { start, count in
                let part = BroadcastPlan(a: [count], b: [count], shape: [count], count: count)
                Scalar._binaryKernel(op, part, a + start, b + start, c + start)
            }
        } else {
            Scalar._binaryKernel(op, plan, a, b, c)
        }
        guard differentiable else { return Tensor(storage: storage, shape: shape) }
        return .recorded(storage, shape, .binary(op), [self, other])
    }

    /// Element-wise sum with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.add, rhs, "add") }
    /// Element-wise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.subtract, rhs, "subtract") }
    /// Element-wise product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.multiply, rhs, "multiply") }
    /// Element-wise quotient with broadcasting.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(.divide, rhs, "divide") }

    /// `self` raised element-wise to `exponent`, with broadcasting.
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(.power, exponent, "pow") }
    /// `self` raised element-wise to a constant power.
    public func pow(_ exponent: Scalar) throws -> Tensor { try binary(.power, Tensor(exponent), "pow") }

    /// Adds a constant to every element.
    public static func + (lhs: Tensor, rhs: Scalar) throws -> Tensor {
        try lhs.unary(.affine(scale: 1, shift: Double(rhs)), "add")
    }
    /// Subtracts a constant from every element.
    public static func - (lhs: Tensor, rhs: Scalar) throws -> Tensor {
        try lhs.unary(.affine(scale: 1, shift: -Double(rhs)), "subtract")
    }
    /// Multiplies every element by a constant.
    public static func * (lhs: Tensor, rhs: Scalar) throws -> Tensor {
        try lhs.unary(.affine(scale: Double(rhs), shift: 0), "multiply")
    }
    /// Divides every element by a constant.
    public static func / (lhs: Tensor, rhs: Scalar) throws -> Tensor {
        try lhs.binary(.divide, Tensor(rhs), "divide")
    }
    /// Adds a tensor to a constant.
    public static func + (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs + lhs }
    /// Subtracts a tensor from a constant.
    public static func - (lhs: Scalar, rhs: Tensor) throws -> Tensor {
        try rhs.unary(.affine(scale: -1, shift: Double(lhs)), "subtract")
    }
    /// Multiplies a constant by a tensor.
    public static func * (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs * lhs }
    /// Divides a constant by a tensor.
    public static func / (lhs: Scalar, rhs: Tensor) throws -> Tensor {
        try Tensor(lhs).binary(.divide, rhs, "divide")
    }

    /// Element-wise `1` where `self == other`, else `0` (a constant).
    public func equal(_ other: Tensor) throws -> Tensor { try binary(.equal, other, "equal", differentiable: false) }
    /// Element-wise `1` where `self != other`, else `0` (a constant).
    public func notEqual(_ other: Tensor) throws -> Tensor {
        try binary(.notEqual, other, "notEqual", differentiable: false)
    }
    /// Element-wise `1` where `self < other`, else `0` (a constant).
    public func less(_ other: Tensor) throws -> Tensor { try binary(.less, other, "less", differentiable: false) }
    /// Element-wise `1` where `self <= other`, else `0` (a constant).
    public func lessEqual(_ other: Tensor) throws -> Tensor {
        try binary(.lessEqual, other, "lessEqual", differentiable: false)
    }
    /// Element-wise `1` where `self > other`, else `0` (a constant).
    public func greater(_ other: Tensor) throws -> Tensor {
        try binary(.greater, other, "greater", differentiable: false)
    }
    /// Element-wise `1` where `self >= other`, else `0` (a constant).
    public func greaterEqual(_ other: Tensor) throws -> Tensor {
        try binary(.greaterEqual, other, "greaterEqual", differentiable: false)
    }
    /// Element-wise larger value (a constant; use `select` for a differentiable choice).
    public func maximum(_ other: Tensor) throws -> Tensor {
        try binary(.maximum, other, "maximum", differentiable: false)
    }
    /// Element-wise smaller value (a constant; use `select` for a differentiable choice).
    public func minimum(_ other: Tensor) throws -> Tensor {
        try binary(.minimum, other, "minimum", differentiable: false)
    }

    /// `a` where `condition` is nonzero and `b` elsewhere, all three broadcast together.
    /// Differentiable in `a` and `b`; the condition is treated as a constant.
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let name = "select"
        let shape: [Int]
        do {
            shape = try TensorShape.broadcast(
                try TensorShape.broadcast(condition.shape, a.shape, operation: name), b.shape, operation: name)
        } catch {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [condition.shape, a.shape, b.shape], reason: "they do not broadcast together")
        }
        let c = try condition.broadcastConstant(to: shape, name)
        let x = try a.broadcastConstant(to: shape, name)
        let y = try b.broadcastConstant(to: shape, name)
        let storage = try allocate(shape, name)
        Scalar._selectKernel(c.storage.pointer, x.storage.pointer, y.storage.pointer, storage.pointer,
                             count: storage.count)
        return .recorded(storage, shape, .select, [condition.detached(), a, b])
    }
}
