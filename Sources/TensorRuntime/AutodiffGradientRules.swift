/// The table of gradient rules: for each primitive, the vector-Jacobian product of the upstream
/// gradient with respect to each operand.
///
/// Every rule is written with differentiable tensor operations, so when the backward pass runs with
/// `createGraph` it is itself recorded and can be differentiated again (Hessian-vector products by
/// reverse-over-reverse, Jacobian-vector products by the double-vjp trick). A rule may return a
/// gradient in the broadcast (output) shape; the backward pass sums it back to the operand's shape
/// in one place (`AutodiffBackward.reduce(_:to:)`). `nil` means no gradient flows to that operand.
enum AutodiffGradientRules {
    static func vjp<S>(_ primitive: AutodiffPrimitive, inputs x: [Tensor<S>], output y: Tensor<S>,
                       upstream g: Tensor<S>, needs: [Bool]) throws -> [Tensor<S>?] {
        switch primitive {
        case .leaf:
            return []
        case .unary(let op):
            return [try unary(op, x[0], y, g)]
        case .binary(let op):
            return try binary(op, x[0], x[1], y, g, needs)
        case .select:
            let zero = Tensor<S>(0)
            return [nil, try Tensor.select(x[0], g, zero), try Tensor.select(x[0], zero, g)]
        case .sum(let axes, _):
            return [try g.reshaped(Tensor<S>.keptShape(x[0].shape, axes: axes)).broadcast(to: x[0].shape)]
        case .max(let axes, _):
            let kept = Tensor<S>.keptShape(x[0].shape, axes: axes)
            let mask = try x[0].equal(y.detached().reshaped(kept))
            let ties = try mask.sum(axes: axes, keepingDims: true)
            return [try g.reshaped(kept) * (mask / ties)]
        case .logSumExp(let axes, _):
            let kept = Tensor<S>.keptShape(x[0].shape, axes: axes)
            return [try g.reshaped(kept) * (x[0] - y.reshaped(kept)).exp()]
        case .reshape:
            return [try g.reshaped(x[0].shape)]
        case .permute(let p):
            var inverse = p
            for (i, axis) in p.enumerated() { inverse[axis] = i }
            return [try g.permuted(inverse)]
        case .broadcast:
            return [g]
        case .slice(let axis, let start, let count):
            return [try g.padded(axis: axis, before: start, after: x[0].shape[axis] - start - count)]
        case .pad(let axis, let before, _):
            return [try g.slice(axis: axis, start: before, count: x[0].shape[axis])]
        case .concatenate(let axis):
            var offset = 0
            return try x.map { part in
                defer { offset += part.shape[axis] }
                return try g.slice(axis: axis, start: offset, count: part.shape[axis])
            }
        case .gatherColumns(let indices):
            return [try g.scatterColumns(indices, width: x[0].shape[1])]
        case .scatterColumns(let indices, _):
            return [try g.gatherColumns(indices)]
        case .selectRows(let indices):
            return [try g.addRows(indices, count: x[0].shape[0])]
        case .addRows(let indices, _):
            return [try g.selectRows(indices)]
        case .gatherFlat(let indices):
            return [try g.scatterFlat(indices, shape: x[0].shape)]
        case .scatterFlat(let indices, _):
            return [try g.gatherFlat(indices, shape: x[0].shape)]
        case .conv2D, .conv2DInputGradient, .conv2DWeightGradient:
            return try convolution(primitive, x, g, needs)
        case .averagePool2D(let kernel, let stride, let padding):
            return [try g.averagePool2DTranspose(kernel: kernel, stride: stride, padding: padding,
                                                 height: x[0].shape[2], width: x[0].shape[3])]
        case .averagePool2DTranspose(let kernel, let stride, let padding, _, _):
            return [try g.averagePool2D(kernel: kernel, stride: stride, padding: padding)]
        case .matmul(let ta, let tb):
            return try matmul(x[0], x[1], g, ta, tb, needs)
        case .dense(let relu, let transposeWeight):
            return try dense(x, y, g, relu, transposeWeight, needs)
        case .softmaxCrossEntropy(let labels):
            let probabilities = try x[0].softmax(axis: 1)
            let onehot = try Tensor<S>.oneHot(labels, classes: x[0].shape[1])
            return [try (probabilities - onehot) * (g / S(labels.count))]
        }
    }

    private static func unary<S>(_ op: UnaryKernelOp, _ x: Tensor<S>, _ y: Tensor<S>, _ g: Tensor<S>) throws -> Tensor<S> {
        switch op {
        case .negate: return try -g
        case .exp: return try g * y
        case .log: return try g / x
        case .sqrt: return try g / (y * 2)
        case .abs: return try g * x.sign()
        case .sign, .leakyStep: return try g * 0
        case .tanh: return try g * (1 - y * y)
        case .sigmoid: return try g * (y * (1 - y))
        case .erf:
            // d/dx erf(x) = 2/sqrt(pi) e^(-x^2)
            return try g * ((x * x * -1).exp() * S(1.1283791670955125739))
        case .gelu:
            // d/dx x Phi(x) = Phi(x) + x phi(x); Phi(x) = (1 + erf(x/sqrt 2))/2, phi(x) = e^(-x^2/2)/sqrt(2 pi)
            let cdf = try ((x * S(0.70710678118654752440)).erf() + 1) * 0.5
            let density = try (x * x * -0.5).exp() * S(0.39894228040143267794)
            return try g * (cdf + x * density)
        case .leakyRelu(let slope):
            return try g.maskedByLeakyStep(x, slope: slope, "leakyRelu")
        case .affine(let scale, _):
            return try g * S(scale)
        }
    }

    private static func binary<S>(_ op: BinaryKernelOp, _ a: Tensor<S>, _ b: Tensor<S>, _ y: Tensor<S>,
                                  _ g: Tensor<S>, _ needs: [Bool]) throws -> [Tensor<S>?] {
        switch op {
        case .add: return [g, g]
        case .subtract: return [g, needs[1] ? try -g : nil]
        case .multiply: return [needs[0] ? try g * b : nil, needs[1] ? try g * a : nil]
        case .divide: return [needs[0] ? try g / b : nil, needs[1] ? try -(g * y / b) : nil]
        case .power:
            let da = needs[0] ? try g * b * a.pow(b - 1) : nil
            let db = needs[1] ? try g * y * a.log() : nil
            return [da, db]
        default:
            throw TensorError.gradient(operation: "\(op)", reason: "has no gradient")
        }
    }

    /// `C = op(A) op(B)`: each operand's gradient is again a product, with the transposes arranged
    /// so that no transposed copy is ever made.
    private static func matmul<S>(_ a: Tensor<S>, _ b: Tensor<S>, _ g: Tensor<S>, _ ta: Bool, _ tb: Bool,
                                  _ needs: [Bool]) throws -> [Tensor<S>?] {
        var da: Tensor<S>?, db: Tensor<S>?
        switch (ta, tb) {
        case (false, false):
            if needs[0] { da = try g.matmul(b, transposeOther: true) }
            if needs[1] { db = try a.matmul(g, transposeSelf: true) }
        case (false, true):
            if needs[0] { da = try g.matmul(b) }
            if needs[1] { db = try g.matmul(a, transposeSelf: true) }
        case (true, false):
            if needs[0] { da = try b.matmul(g, transposeOther: true) }
            if needs[1] { db = try a.matmul(g) }
        case (true, true):
            if needs[0] { da = try b.matmul(g, transposeSelf: true, transposeOther: true) }
            if needs[1] { db = try g.matmul(a, transposeSelf: true, transposeOther: true) }
        }
        return [da, db]
    }

    /// The convolution `C(x, w)` is bilinear; with `Cᵀ_x` and `Cᵀ_w` its adjoints,
    /// `⟨g, C(x, w)⟩ = ⟨Cᵀ_x(g, w), x⟩ = ⟨Cᵀ_w(x, g), w⟩`, so each of the three maps' gradients is
    /// one of the other two.
    private static func convolution<S>(_ primitive: AutodiffPrimitive, _ x: [Tensor<S>], _ g: Tensor<S>,
                                       _ needs: [Bool]) throws -> [Tensor<S>?] {
        switch primitive {
        case .conv2D(let s, let p):
            let (input, w) = (x[0], x[1])
            var result: [Tensor<S>?] = [
                needs[0] ? try Tensor.conv2DInputGradient(g, weight: w, stride: s, padding: p,
                                                          height: input.shape[2], width: input.shape[3]) : nil,
                needs[1] ? try Tensor.conv2DWeightGradient(input, g, stride: s, padding: p,
                                                           kernelHeight: w.shape[2], kernelWidth: w.shape[3]) : nil,
            ]
            if x.count == 3 { result.append(needs[2] ? try g.sum(axes: [0, 2, 3]) : nil) }
            return result
        case .conv2DInputGradient(let s, let p, _, _):
            let (upstream, w) = (x[0], x[1])
            return [needs[0] ? try Tensor.conv2D(g, weight: w, bias: nil, stride: s, padding: p) : nil,
                    needs[1] ? try Tensor.conv2DWeightGradient(g, upstream, stride: s, padding: p,
                                                               kernelHeight: w.shape[2], kernelWidth: w.shape[3]) : nil]
        case .conv2DWeightGradient(let s, let p, _, _):
            let (input, upstream) = (x[0], x[1])
            return [needs[0] ? try Tensor.conv2DInputGradient(upstream, weight: g, stride: s, padding: p,
                                                              height: input.shape[2], width: input.shape[3]) : nil,
                    needs[1] ? try Tensor.conv2D(input, weight: g, bias: nil, stride: s, padding: p) : nil]
        default:
            throw TensorError.gradient(operation: primitive.name, reason: "is not a convolution")
        }
    }

    /// `z = x W + b` (W `[in, out]`) or `z = x Wᵀ + b` (W `[out, in]`): `∂x = δ Wᵀ` or `δ W`, and
    /// `∂W = xᵀ δ` or `δᵀ x`, each a product of the stored operands without a transposed copy.
    private static func dense<S>(_ x: [Tensor<S>], _ y: Tensor<S>, _ g: Tensor<S>, _ relu: Bool,
                                 _ transposeWeight: Bool, _ needs: [Bool]) throws -> [Tensor<S>?] {
        let gz = relu ? try g.maskedByLeakyStep(y, slope: 0, "dense") : g
        let inputProduct: Tensor<S>.MatmulOperands = (gz, x[1], false, !transposeWeight)
        let weightProduct: Tensor<S>.MatmulOperands = transposeWeight ? (gz, x[0], true, false) : (x[0], gz, true, false)
        var result: [Tensor<S>?]
        if needs[0] && needs[1] {
            let (input, weight) = try Tensor.matmulPair(inputProduct, weightProduct)
            result = [input, weight]
        } else {
            result = [needs[0] ? try product(inputProduct) : nil, needs[1] ? try product(weightProduct) : nil]
        }
        if x.count == 3 { result.append(needs[2] ? try gz.sum(axes: [0]) : nil) }
        return result
    }

    private static func product<S>(_ p: Tensor<S>.MatmulOperands) throws -> Tensor<S> {
        try p.0.matmul(p.1, transposeSelf: p.2, transposeOther: p.3)
    }
}
