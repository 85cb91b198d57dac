import TensorRuntime

/// Making tensors, turning them back into lists, and changing their layout. Arithmetic is the
/// operators' (`TensorValue+Arithmetic`); reductions are the math builtins' (`sum(t, axis: 0)`).
extension BuiltinRegistry {
    static var tensors: [BuiltinFunction] {
        [
            def("tensor", "tensors", "a tensor from nested lists of numbers",
                "The lists must be rectangular (every list at a depth as long as the first there); the error names the "
                    + "first element that is not. A range gives a rank-1 tensor; a tensor is returned as it is. With shape, the "
                    + "values (in row-major order) are laid out in that shape, as reshape does: tensor(r.map, shape: "
                    + "r.map_shape) makes a probe's flat per-pixel map an image. Values are stored as 32-bit floats. Tensors also "
                    + "come from d.inputs (a dataset's samples, [n, ...sample shape]), net(x) and predict; docs/tensors.md has "
                    + "the operators, reductions, broadcasting and printing.",
                example: "tensor([[1, 2, 3], [4, 5, 6]]).shape  # [2, 3]") { p in
                let values = p.required("values", ArgumentKind<Value>.any.constrained("a list of numbers, a range or a tensor") { value in
                    switch value {
                    case .list, .range, .object(is TensorValue): return true
                    default: return false
                    }
                })
                let shape = p.optional("shape", .reshapeShape)
                p.returns("tensor") { _ in TensorValue.members }
                return { a in
                    var made: TensorValue
                    switch try a[values] {
                    case .object(let t as TensorValue): made = t
                    case let given: made = try TensorValue.fromLists(.list(try ArgumentKind<[Value]>.list.read(given, a) ?? []))
                    }
                    if let target = try a[shape] { made = try made.reshaped(target) }
                    return .object(made)
                }
            },
            def("tolist", "tensors", "a tensor's values as nested lists",
                "The lists follow the shape: a [2, 3] tensor gives two lists of three numbers. The same as t.list.",
                example: "tolist(tensor([[1, 2], [3, 4]]))  # [[1, 2], [3, 4]]") { p in
                let t = p.required("t", .tensor)
                return { a in try a[t].nestedLists() }
            },
            filled("zeros", 0), filled("ones", 1),
            def("reshape", "tensors", "the same values in another shape",
                "The values keep their row-major order; the shape must hold as many elements. One size may be -1: the "
                    + "size that makes the counts agree (reshape(t, [-1, 784]) gives rows of 784).",
                example: "reshape(tensor([1, 2, 3, 4, 5, 6]), [3, 2]).shape  # [3, 2]") { p in
                let t = p.required("t", .tensor), shape = p.required("shape", .reshapeShape)
                p.returns("tensor") { _ in TensorValue.members }
                return { a in .object(try a[t].reshaped(try a[shape])) }
            },
            def("transpose", "tensors", "a matrix with its rows and columns swapped",
                "Takes a rank-2 tensor [m, n] and gives [n, m].",
                example: "transpose(zeros([2, 3])).shape  # [3, 2]") { p in
                let t = p.required("t", .tensor)
                p.returns("tensor") { _ in TensorValue.members }
                return { a in
                    let given = try a[t]
                    guard given.shape.count == 2 else {
                        throw RuntimeError(Messages.tensorRank("transpose", "a rank-2 tensor", TensorShape.describe(given.shape)), parameter: t.index)
                    }
                    return .object(try TensorValue.make("transpose") { try given.tensor.transposed() })
                }
            },
            def("matmul", "tensors", "the matrix product of two tensors",
                "[m, k] times [k, n] gives [m, n]. A rank-1 operand is a vector: [k] times [k, n] gives [n], [m, k] "
                    + "times [k] gives [m], and two vectors of one length give their dot product, a number.",
                example: "matmul(tensor([[1, 2], [3, 4]]), tensor([1, 1])).list  # [3, 7]") { p in
                let left = p.required("a", .tensor), right = p.required("b", .tensor)
                return { a in try matmul(try a[left], try a[right], parameters: (left.index, right.index)) }
            },
        ]
    }

    /// zeros or ones: a tensor of a shape with every element `value`.
    private static func filled(_ name: String, _ value: Float) -> BuiltinFunction {
        def(name, "tensors", "a tensor of \(name) of a given shape",
            "shape is a list of sizes ≥ 1, such as [2, 3]. A tensor over the memory limit is refused before anything is allocated.",
            example: "\(name)([2, 3]).size  # 6") { p in
            let shape = p.required("shape", .shape)
            p.returns("tensor") { _ in TensorValue.members }
            return { a in
                let s = try a[shape]
                return .object(try TensorValue.make(name) { try Tensor<Float>.full(s, value) })
            }
        }
    }

    /// matmul with vectors read as rows or columns, the result's vector axes removed again.
    private static func matmul(_ x: TensorValue, _ y: TensorValue, parameters: (Int, Int)) throws -> Value {
        for (t, parameter) in [(x, parameters.0), (y, parameters.1)] where t.shape.count > 2 {
            throw RuntimeError(Messages.tensorRank("matmul", "tensors of rank 1 or 2", TensorShape.describe(t.shape)), parameter: parameter)
        }
        let inner = (x.shape.last ?? 0, y.shape.first ?? 0)
        guard inner.0 == inner.1 else {
            throw RuntimeError(Messages.matmulShapes(TensorShape.describe(x.shape), TensorShape.describe(y.shape), inner.0, inner.1))
        }
        let product = try TensorValue.attempt("matmul") { () -> Tensor<Float> in
            let a = x.shape.count == 1 ? try x.tensor.reshaped([1, inner.0]) : x.tensor
            let b = y.shape.count == 1 ? try y.tensor.reshaped([inner.1, 1]) : y.tensor
            var shape: [Int] = []
            if x.shape.count == 2 { shape.append(x.shape[0]) }
            if y.shape.count == 2 { shape.append(y.shape[1]) }
            let result = try a.matmul(b)
            return try result.reshaped(shape)
        }
        return product.rank == 0 ? TensorValue.number(try product.scalar()) : .object(TensorValue(product))
    }
}

extension TensorValue {
    /// The same values in `target`, where one size may be -1 (inferred).
    func reshaped(_ target: [Int]) throws -> TensorValue {
        var sizes = target
        let count = tensor.count
        // The product of the given sizes, nil when it overflows (it then matches no tensor).
        let known = target.filter { $0 != -1 }.reduce(Int?(1)) { product, size in
            product.flatMap { p in p.multipliedReportingOverflow(by: size).overflow ? nil : p * size }
        }
        if let inferred = sizes.firstIndex(of: -1) {
            guard let known, count % known == 0 else {
                throw RuntimeError(Messages.reshapeInferred(TensorShape.describe(shape), count, TensorShape.describe(target)))
            }
            sizes[inferred] = count / known
        } else if known != count {
            let target = TensorShape.describe(target)
            throw RuntimeError(Messages.reshapeCount(TensorShape.describe(shape), count, target, known.map(String.init) ?? "more than 2^63"))
        }
        return try Self.make("reshape") { try tensor.reshaped(sizes) }
    }
}
