import XCTest
@testable import TensorRuntime

/// Hessian-, Jacobian- and Gauss-Newton-vector products against finite differences and closed forms.
final class GradientProductTests: XCTestCase {
    var random = TestRandom(seed: 11)

    /// A small smooth network loss touching many gradient rules (dense, tanh, gelu, sigmoid,
    /// softmax cross-entropy, broadcasting), so double backward goes through each of them.
    func networkLoss(_ p: [Tensor<Double>], _ x: Tensor<Double>, _ labels: [Int]) throws -> Tensor<Double> {
        let h = try Tensor.dense(x, weight: p[0], bias: p[1]).tanh()
        let h2 = try (h.gelu() + h.sigmoid() * p[1]) * h.exp()
        let logits = try h2.matmul(p[2])
        return try Tensor.softmaxCrossEntropy(logits: logits, labels: labels) + (p[0] * p[0]).sum() * 0.01
    }

    func testHessianVectorProductMatchesFiniteDifferencesOfGradients() throws {
        let x = random.tensor([5, 3]), labels = [0, 1, 2, 1, 0]
        let params = [random.tensor([3, 4]), random.tensor([4]), random.tensor([4, 3])]
        let v = params.map { random.tensor($0.shape) }
        let hv = try Autodiff.hessianVectorProduct(at: params, vector: v) { try networkLoss($0, x, labels) }

        // Central difference of the gradient along v, step 1e-5: error ~1e-10 (truncation) + 1e-11 (rounding).
        func gradient(_ scale: Double) throws -> [Tensor<Double>] {
            let moved = try zip(params, v).map { try ($0 + $1 * scale).variable() }
            return try networkLoss(moved, x, labels).gradients(withRespectTo: moved)
        }
        let step = 1e-5
        let plus = try gradient(step), minus = try gradient(-step)
        for i in params.indices {
            let numeric = zip(plus[i].scalars, minus[i].scalars).map { ($0 - $1) / (2 * step) }
            assertClose(hv[i].scalars, numeric, 1e-6, "Hv part \(i)")
            XCTAssertFalse(hv[i].requiresGradient)
        }
    }

    /// Second order through a dense layer whose weight is stored `[out, in]` (double backward of
    /// the transposed-weight rule), against central differences of the gradient.
    func testHessianVectorProductThroughTransposedDense() throws {
        let x = random.tensor([5, 3]), labels = [0, 1, 2, 1, 0]
        let params = [random.tensor([4, 3]), random.tensor([4]), random.tensor([3, 4])]
        let loss: ([Tensor<Double>]) throws -> Tensor<Double> = { p in
            let h = try Tensor.dense(x, weight: p[0], bias: p[1], transposeWeight: true).tanh()
            let logits = try Tensor.dense(h, weight: p[2], bias: nil, transposeWeight: true)
            return try Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
        }
        let v = params.map { random.tensor($0.shape) }
        let hv = try Autodiff.hessianVectorProduct(at: params, vector: v, loss: loss)
        func gradient(_ scale: Double) throws -> [Tensor<Double>] {
            let moved = try zip(params, v).map { try ($0 + $1 * scale).variable() }
            return try loss(moved).gradients(withRespectTo: moved)
        }
        let step = 1e-5
        let plus = try gradient(step), minus = try gradient(-step)
        for i in params.indices {
            let numeric = zip(plus[i].scalars, minus[i].scalars).map { ($0 - $1) / (2 * step) }
            assertClose(hv[i].scalars, numeric, 1e-6, "Hv part \(i)")
        }
    }

    func testRecordedHessianVectorProductsMatchOneShotProductsAndFiniteDifferences() throws {
        let x = random.tensor([5, 3]), labels = [0, 1, 2, 1, 0]
        let params = [random.tensor([3, 4]), random.tensor([4]), random.tensor([4, 3])]
        let loss: ([Tensor<Double>]) throws -> Tensor<Double> = { try self.networkLoss($0, x, labels) }
        let products = try HessianVectorProducts(at: params, loss: loss)
        // Several vectors through the one recording: each equals its own one-shot product, so
        // nothing of an earlier product leaks into a later one.
        let step = 1e-5
        for _ in 0..<3 {
            let v = params.map { random.tensor($0.shape) }
            let hv = try products.product(v)
            let reference = try Autodiff.hessianVectorProduct(at: params, vector: v, loss: loss)
            let plus = try zip(params, v).map { try ($0 + $1 * step).variable() }
            let minus = try zip(params, v).map { try ($0 - $1 * step).variable() }
            let gPlus = try loss(plus).gradients(withRespectTo: plus), gMinus = try loss(minus).gradients(withRespectTo: minus)
            for i in params.indices {
                assertClose(hv[i].scalars, reference[i].scalars, 1e-12, "recorded vs one-shot part \(i)")
                let numeric = zip(gPlus[i].scalars, gMinus[i].scalars).map { ($0 - $1) / (2 * step) }
                assertClose(hv[i].scalars, numeric, 1e-6, "recorded Hv part \(i)")
                XCTAssertFalse(hv[i].requiresGradient)
            }
        }
        XCTAssertThrowsError(try products.product([random.tensor([3, 4])]))
    }

    func testHessianVectorProductOfQuadraticIsExact() throws {
        // f(x) = x^T A x has Hessian A + A^T.
        let a = try Tensor<Double>(rows: [[2, 1, 0], [3, 4, -1], [0, 5, 6]])
        let x = try Tensor<Double>(shape: [3, 1], scalars: [1, -2, 0.5])
        let v = try Tensor<Double>(shape: [3, 1], scalars: [1, 2, 3])
        let hv = try Autodiff.hessianVectorProduct(at: [x], vector: [v]) { p in
            try p[0].matmul(a.matmul(p[0]), transposeSelf: true).sum()
        }
        // (A + A^T) v = [[4,4,0],[4,8,4],[0,4,12]] · [1,2,3]
        XCTAssertEqual(hv[0].scalars, [12, 32, 44])
    }

    func testJacobianVectorProductMatchesFiniteDifferences() throws {
        let x = random.tensor([4, 3]), w = random.tensor([3, 2]), b = random.tensor([2])
        let tangents = [random.tensor([3, 2]), random.tensor([2])]
        func f(_ p: [Tensor<Double>]) throws -> Tensor<Double> {
            try Tensor.dense(x, weight: p[0], bias: p[1]).tanh().softmax(axis: 1).log() * p[1]
        }
        let (value, jv) = try Autodiff.jacobianVectorProduct(at: [w, b], tangent: tangents, function: f)
        XCTAssertEqual(value.scalars, try f([w, b]).scalars)
        let step = 1e-5
        let plus = try f([w + tangents[0] * step, b + tangents[1] * step])
        let minus = try f([w - tangents[0] * step, b - tangents[1] * step])
        let numeric = zip(plus.scalars, minus.scalars).map { ($0 - $1) / (2 * step) }
        XCTAssertEqual(jv.shape, [4, 2])
        assertClose(jv.scalars, numeric, 1e-6, "Jv")
    }

    /// docs/probe-formulas.md, T2: softmax regression, closed-form tr F = 2.031474. The Gauss-Newton product
    /// against each basis vector gives the diagonal of F; for this linear model it equals the Hessian.
    func testGaussNewtonTraceOfSoftmaxRegressionMatchesClosedForm() throws {
        let x = try Tensor<Double>(rows: [[1, 0, 1], [0.5, -1, 1], [-1, 2, 1]])
        // W is 3 classes × 3 inputs; logits = X Wᵀ.
        let w = try Tensor<Double>(rows: [[0.2, -0.1, 0], [0.5, 0.3, -0.2], [-0.4, 0.1, 0.3]])
        let logits: ([Tensor<Double>]) throws -> Tensor<Double> = { try x.matmul($0[0], transposeOther: true) }
        var trace = 0.0, hessianTrace = 0.0
        for j in 0..<9 {
            var basis = [Double](repeating: 0, count: 9)
            basis[j] = 1
            let e = try Tensor<Double>(shape: [3, 3], scalars: basis)
            trace += try Autodiff.gaussNewtonVectorProduct(at: [w], vector: [e], logits: logits)[0].scalars[j]
            hessianTrace += try Autodiff.hessianVectorProduct(at: [w], vector: [e]) {
                try Tensor.softmaxCrossEntropy(logits: logits($0), labels: [0, 2, 1])
            }[0].scalars[j]
        }
        XCTAssertEqual(trace, 2.031474, accuracy: 5e-7)
        XCTAssertEqual(hessianTrace, trace, accuracy: 1e-12)
    }

    /// On a nonlinear network the Gauss-Newton product must equal the Fisher with model-drawn
    /// labels, `vᵀFv = (1/B) Σ_i Σ_y p_iy (∇ log p(y|x_i) · v)²`, here computed sample by sample.
    func testGaussNewtonEqualsExactFisherQuadraticForm() throws {
        let x = random.tensor([3, 2])
        let params = [random.tensor([2, 3]), random.tensor([3]), random.tensor([3, 4])]
        func logits(_ p: [Tensor<Double>], _ input: Tensor<Double>) throws -> Tensor<Double> {
            try Tensor.dense(input, weight: p[0], bias: p[1]).tanh().matmul(p[2])
        }
        let v = params.map { random.tensor($0.shape) }
        let fv = try Autodiff.gaussNewtonVectorProduct(at: params, vector: v) { try logits($0, x) }
        let vFv = try Autodiff.innerProduct(fv, v).scalar()

        var expected = 0.0
        for i in 0..<3 {
            let row = try x.selectRows([i])
            let p = try logits(params, row).softmax(axis: 1).scalars
            for y in 0..<4 {
                let variables = params.map { $0.variable() }
                let nll = try Tensor.softmaxCrossEntropy(logits: logits(variables, row), labels: [y])
                let g = try nll.gradients(withRespectTo: variables)
                let projection = try Autodiff.innerProduct(g, v).scalar()
                expected += p[y] * projection * projection / 3
            }
        }
        XCTAssertEqual(vFv, expected, accuracy: 1e-10 * Swift.max(1, expected))
        let hv = try Autodiff.hessianVectorProduct(at: params, vector: v) {
            try Tensor.softmaxCrossEntropy(logits: logits($0, x), labels: [0, 1, 3])
        }
        XCTAssertNotEqual(try Autodiff.innerProduct(hv, v).scalar(), vFv, accuracy: 1e-6,
                          "the Hessian of a nonlinear network has a residual term beyond Gauss-Newton")
    }

    func testProductsRejectMismatchedVectors() {
        let w = try! Tensor<Double>.zeros([2, 2])
        XCTAssertThrowsError(try Autodiff.hessianVectorProduct(at: [w], vector: [try Tensor<Double>.zeros([4])]) { try $0[0].sum() }) {
            XCTAssertEqual("\($0)", "hessianVectorProduct: shapes [2, 2] and [4] are incompatible (each vector part must have its parameter's shape)")
        }
    }
}

/// Double backward through each gradient rule: Hessian-vector products of small scalar functions
/// built on one primitive each, against central differences of the gradient.
final class SecondOrderRuleTests: XCTestCase {
    var random = TestRandom(seed: 23)

    func hessianCheck(_ label: String, _ inputs: [Tensor<Double>], file: StaticString = #filePath, line: UInt = #line,
                      _ f: @escaping ([Tensor<Double>]) throws -> Tensor<Double>) throws {
        let weights = random.tensor(try f(inputs).shape, 0.5, 1.5)
        let loss: ([Tensor<Double>]) throws -> Tensor<Double> = { try (f($0) * weights).sum() }
        let v = inputs.map { random.tensor($0.shape) }
        let hv = try Autodiff.hessianVectorProduct(at: inputs, vector: v, loss: loss)
        let step = 1e-5
        func gradient(_ scale: Double) throws -> [Tensor<Double>] {
            let moved = try zip(inputs, v).map { try ($0 + $1 * scale).variable() }
            return try loss(moved).gradients(withRespectTo: moved)
        }
        let plus = try gradient(step), minus = try gradient(-step)
        for i in inputs.indices {
            let numeric = zip(plus[i].scalars, minus[i].scalars).map { ($0 - $1) / (2 * step) }
            assertClose(hv[i].scalars, numeric, 1e-6, "\(label) Hv part \(i)", file: file, line: line)
        }
    }

    func testEverySmoothPrimitive() throws {
        let x = random.tensor([3, 4], -1.5, 1.5), positive = random.tensor([3, 4], 0.3, 2)
        let row = random.tensor([4], 0.5, 2)
        try hessianCheck("multiply/divide broadcast", [x, row]) { try $0[0] * $0[0] / $0[1] }
        try hessianCheck("pow", [positive, row]) { try $0[0].pow($0[1]) }
        try hessianCheck("exp", [x]) { try $0[0].exp() }
        try hessianCheck("log", [positive]) { try $0[0].log() }
        try hessianCheck("sqrt", [positive]) { try $0[0].sqrt() }
        try hessianCheck("tanh", [x]) { try $0[0].tanh() }
        try hessianCheck("sigmoid", [x]) { try $0[0].sigmoid() }
        try hessianCheck("erf", [x]) { try $0[0].erf() }
        try hessianCheck("gelu", [x]) { try $0[0].gelu() }
        try hessianCheck("affine", [x]) { try (3 - $0[0] * 2).squared() }
        try hessianCheck("logSumExp", [x]) { try $0[0].logSumExp(axes: [1]) }
        try hessianCheck("max", [x]) { try $0[0].max(axes: [0]).squared() }
        try hessianCheck("layout", [x]) {
            let t = try $0[0].transposed().reshaped([2, 6]).slice(axis: 1, start: 1, count: 4).padded(axis: 0, before: 1, after: 0)
            return try (t * Tensor.concatenate([t, t], axis: 0).slice(axis: 0, start: 2, count: 3)).exp()
        }
        try hessianCheck("indexing", [x]) {
            try $0[0].selectRows([2, 0, 2]).gatherColumns([1, 3, 3]).squared().broadcast(to: [2, 3])
        }
        try hessianCheck("select", [x, positive]) {
            try Tensor.select(try $0[0].greater(Tensor(0)), $0[0].squared(), $0[1].log())
        }
        try hessianCheck("batched matmul", [random.tensor([2, 3, 4]), random.tensor([2, 4, 2])]) {
            try $0[0].matmul($0[1]).squared().matmul($0[1], transposeOther: true)
        }
        try hessianCheck("softmaxCrossEntropy", [x]) { try Tensor.softmaxCrossEntropy(logits: $0[0], labels: [3, 0, 1]) }
    }
}
