extension Tensor {
    /// The matrix product `op(self) · op(other)`, where `op` transposes the last two axes when asked.
    /// Rank 2 × rank 2, or rank 3 × rank 3 with equal batch sizes (a batched product).
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) throws -> Tensor {
        let spec = try Tensor.matmulSpec(shape, other.shape, transposeSelf, transposeOther)
        let batch = rank == 3 ? shape[0] : 1
        let outShape = rank == 3 ? [batch, spec.m, spec.n] : [spec.m, spec.n]
        let storage = try Tensor.allocate(outShape, "matmul")
        let aStep = spec.m * spec.k, bStep = spec.k * spec.n, cStep = spec.m * spec.n
        for b in 0..<batch {
            Scalar._matmulKernel(spec, self.storage.pointer + b * aStep, other.storage.pointer + b * bStep,
                                 storage.pointer + b * cStep, bias: nil, relu: false)
        }
        return .recorded(storage, outShape, .matmul(transposeA: transposeSelf, transposeB: transposeOther),
                         [self, other])
    }

    /// Checks operand shapes and gives the product's dimensions.
    static func matmulSpec(_ a: [Int], _ b: [Int], _ ta: Bool, _ tb: Bool) throws -> MatmulSpec {
        let name = "matmul"
        guard (a.count == 2 && b.count == 2) || (a.count == 3 && b.count == 3) else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [a, b], reason: "both operands must have rank 2, or both rank 3")
        }
        if a.count == 3 && a[0] != b[0] {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [a, b], reason: "batch sizes \(a[0]) and \(b[0]) differ")
        }
        let r = a.count
        let (m, ka) = ta ? (a[r - 1], a[r - 2]) : (a[r - 2], a[r - 1])
        let (kb, n) = tb ? (b[r - 1], b[r - 2]) : (b[r - 2], b[r - 1])
        guard ka == kb else {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [a, b], reason: "inner dimensions \(ka) and \(kb) differ")
        }
        return MatmulSpec(transposeA: ta, transposeB: tb, m: m, n: n, k: ka)
    }

    /// A fully connected layer in one pass: `input · weight + bias`, then relu if asked.
    /// `input` is `[batch, in]`, `weight` is `[in, out]` — or `[out, in]` with `transposeWeight`
    /// (the layout of a network's dense layer and of PyTorch's `Linear`), read transposed by the
    /// matrix multiply without a copy — and `bias` is `[out]`. For Float32 the bias and relu are
    /// fused into the matrix multiply's write of the result.
    public static func dense(_ input: Tensor, weight: Tensor, bias: Tensor?, relu: Bool = false,
                             transposeWeight: Bool = false) throws -> Tensor {
        let name = "dense"
        let (weightIn, weightOut) = weight.rank == 2
            ? (transposeWeight ? (weight.shape[1], weight.shape[0]) : (weight.shape[0], weight.shape[1])) : (-1, -1)
        guard input.rank == 2, weight.rank == 2, input.shape[1] == weightIn else {
            var shapes = [input.shape, weight.shape]
            if let bias { shapes.append(bias.shape) }
            throw TensorError.incompatibleShapes(
                operation: name, shapes: shapes,
                reason: "input must be [batch, in] and weight " + (transposeWeight ? "[out, in]" : "[in, out]")
                    + " with the same in")
        }
        if let bias, bias.shape != [weightOut] {
            throw TensorError.incompatibleShapes(
                operation: name, shapes: [weight.shape, bias.shape],
                reason: "bias must be [\(weightOut)], one value per output")
        }
        let spec = MatmulSpec(transposeA: false, transposeB: transposeWeight,
                              m: input.shape[0], n: weightOut, k: input.shape[1])
        let outShape = [spec.m, spec.n]
        let storage = try allocate(outShape, name)
        Scalar._matmulKernel(spec, input.storage.pointer, weight.storage.pointer, storage.pointer,
                             bias: bias.map { UnsafePointer($0.storage.pointer) }, relu: relu)
        let inputs = bias.map { [input, weight, $0] } ?? [input, weight]
        return .recorded(storage, outShape, .dense(relu: relu, transposeWeight: transposeWeight), inputs)
    }
}
