extension Tensor {
    /// Applies an element-wise kernel. Masks (`sign`, `leakyStep`) are constants; the rest record.
    func unary(_ op: UnaryKernelOp, _ name: String) throws -> Tensor {
        let storage = try Tensor.allocate(shape, name)
        let (x, y) = (self.storage.pointer, storage.pointer)
        Tensor.forEachElementChunk(storage.count) { start, count in
            Scalar._unaryKernel(op, x + start, y + start, count: count)
        }
        switch op {
        case .sign, .leakyStep: return Tensor(storage: storage, shape: shape)
        default: return .recorded(storage, shape, .unary(op), [self])
        }
    }

    /// `self · leakyStep(x)` (the upstream gradient `self` through a (leaky) relu whose input
    /// or output is `x`) in one pass, without a mask tensor. A recorded upstream (a gradient
    /// being differentiated again) goes through the recorded product instead.
    func maskedByLeakyStep(_ x: Tensor, slope: Double, _ name: String) throws -> Tensor {
        guard node == nil, shape == x.shape else { return try self * x.unary(.leakyStep(slope: slope), name) }
        let storage = try Tensor.allocate(shape, name)
        let (g, v, out) = (self.storage.pointer, x.storage.pointer, storage.pointer)
        let s = Scalar(slope)
        Tensor.forEachElementChunk(storage.count) { start, count in
            Scalar._leakyMaskKernel(g + start, v + start, slope: s, out + start, count: count)
        }
        return Tensor(storage: storage, shape: shape)
    }

    /// Element-wise negation.
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.unary(.negate, "negate") }
    /// Element-wise `e^x`.
    public func exp() throws -> Tensor { try unary(.exp, "exp") }
    /// Element-wise natural logarithm.
    public func log() throws -> Tensor { try unary(.log, "log") }
    /// Element-wise square root.
    public func sqrt() throws -> Tensor { try unary(.sqrt, "sqrt") }
    /// Element-wise absolute value (gradient `sign(x)`, 0 at 0).
    public func abs() throws -> Tensor { try unary(.abs, "abs") }
    /// Element-wise sign, -1, 0 or 1 (a constant).
    public func sign() throws -> Tensor { try unary(.sign, "sign") }
    /// Element-wise hyperbolic tangent.
    public func tanh() throws -> Tensor { try unary(.tanh, "tanh") }
    /// Element-wise logistic function `1 / (1 + e^-x)`, computed without overflow.
    public func sigmoid() throws -> Tensor { try unary(.sigmoid, "sigmoid") }
    /// Element-wise error function.
    public func erf() throws -> Tensor { try unary(.erf, "erf") }
    /// Element-wise GELU in its exact form `x Φ(x)`, Φ the standard normal distribution function.
    public func gelu() throws -> Tensor { try unary(.gelu, "gelu") }
    /// Element-wise `max(x, 0)` (gradient 0 at 0; NaN stays NaN).
    public func relu() throws -> Tensor { try unary(.leakyRelu(slope: 0), "relu") }
    /// Element-wise `x` for positive `x`, else `slope * x`.
    public func leakyRelu(slope: Scalar) throws -> Tensor {
        try unary(.leakyRelu(slope: Double(slope)), "leakyRelu")
    }
    /// Element-wise square.
    public func squared() throws -> Tensor { try self * self }
}
