import XCTest
@testable import TensorRuntime

/// Convolution and pooling as differentiable operations: gradients against finite differences,
/// second order, and the Float32 kernels against the Float64 direct loops.
final class GradientConvolutionTests: XCTestCase {
    var random = TestRandom(seed: 31)

    func testConvolutionGradients() throws {
        for (stride, padding) in [(1, 0), (1, 1), (2, 1), (2, 0)] {
            let x = random.tensor([2, 3, 5, 6]), w = random.tensor([4, 3, 3, 2]), b = random.tensor([4])
            try gradientCheck("conv2D s\(stride) p\(padding)", [x, w, b]) {
                try Tensor.conv2D($0[0], weight: $0[1], bias: $0[2], stride: stride, padding: padding)
            }
            try gradientCheck("conv2D no bias s\(stride) p\(padding)", [x, w]) {
                try Tensor.conv2D($0[0], weight: $0[1], bias: nil, stride: stride, padding: padding)
            }
        }
    }

    func testConvolutionAdjointsAreDifferentiable() throws {
        let x = random.tensor([2, 2, 5, 5]), w = random.tensor([3, 2, 3, 3]), g = random.tensor([2, 3, 3, 3])
        try gradientCheck("input adjoint", [g, w]) {
            try Tensor.conv2DInputGradient($0[0], weight: $0[1], stride: 2, padding: 1, height: 5, width: 5)
        }
        try gradientCheck("weight adjoint", [x, g]) {
            try Tensor.conv2DWeightGradient($0[0], $0[1], stride: 2, padding: 1, kernelHeight: 3, kernelWidth: 3)
        }
        // Exact Hessian-vector product through a small convolutional network.
        let image = random.tensor([2, 1, 6, 6])
        let params = [random.tensor([2, 1, 3, 3]), random.tensor([2]), random.tensor([8, 3])]
        let v = params.map { random.tensor($0.shape) }
        func loss(_ p: [Tensor<Double>]) throws -> Tensor<Double> {
            let h = try Tensor.conv2D(image, weight: p[0], bias: p[1], stride: 1, padding: 1).tanh()
            let pooled = try h.averagePool2D(kernel: 3).reshaped([2, 8])
            return try Tensor.softmaxCrossEntropy(logits: pooled.matmul(p[2]), labels: [0, 2])
        }
        let hv = try Autodiff.hessianVectorProduct(at: params, vector: v, loss: loss)
        let step = 1e-5
        func gradient(_ scale: Double) throws -> [Tensor<Double>] {
            let moved = try zip(params, v).map { try ($0 + $1 * scale).variable() }
            return try loss(moved).gradients(withRespectTo: moved)
        }
        let plus = try gradient(step), minus = try gradient(-step)
        for i in params.indices {
            assertClose(hv[i].scalars, zip(plus[i].scalars, minus[i].scalars).map { ($0 - $1) / (2 * step) }, 1e-6, "Hv \(i)")
        }
    }

    func testPoolingGradients() throws {
        let x = random.tensor([2, 2, 5, 4])
        try gradientCheck("maxPool2D", [x]) { try $0[0].maxPool2D(kernel: 2) }
        try gradientCheck("maxPool2D overlapping", [x]) { try $0[0].maxPool2D(kernel: 3, stride: 1, padding: 1) }
        try gradientCheck("averagePool2D", [x]) { try $0[0].averagePool2D(kernel: 2) }
        try gradientCheck("averagePool2D padded", [x]) { try $0[0].averagePool2D(kernel: 3, stride: 2, padding: 1) }
        try gradientCheck("averagePool2D adjoint", [random.tensor([2, 2, 3, 2])]) {
            try $0[0].averagePool2DTranspose(kernel: 3, stride: 2, padding: 1, height: 5, width: 4)
        }
        try gradientCheck("globalAveragePool", [x]) { try $0[0].globalAveragePool() }
    }

    func testFloatKernelsMatchDoubleLoops() throws {
        let x = random.tensor([2, 3, 7, 6]), w = random.tensor([4, 3, 3, 3]), b = random.tensor([4])
        let (xf, wf, bf) = (try x.cast(to: Float.self), try w.cast(to: Float.self), try b.cast(to: Float.self))
        for (stride, padding) in [(1, 1), (2, 0), (1, 0)] {
            let yd = try Tensor.conv2D(x, weight: w, bias: b, stride: stride, padding: padding)
            let yf = try Tensor.conv2D(xf, weight: wf, bias: bf, stride: stride, padding: padding)
            assertClose(yf.scalars, yd.scalars.map { Float($0) }, 1e-5, "conv forward s\(stride) p\(padding)")
            let vd = [x.variable(), w.variable(), b.variable()], vf = [xf.variable(), wf.variable(), bf.variable()]
            let gd = try (Tensor.conv2D(vd[0], weight: vd[1], bias: vd[2], stride: stride, padding: padding).squared()).sum()
                .gradients(withRespectTo: vd)
            let gf = try (Tensor.conv2D(vf[0], weight: vf[1], bias: vf[2], stride: stride, padding: padding).squared()).sum()
                .gradients(withRespectTo: vf)
            for i in 0..<3 { assertClose(gf[i].scalars, gd[i].scalars.map { Float($0) }, 1e-4, "conv gradient \(i)") }
        }
        for pad in [0, 1] {
            assertClose(try xf.maxPool2D(kernel: 2, padding: pad).scalars,
                        try x.maxPool2D(kernel: 2, padding: pad).scalars.map { Float($0) }, 0, "max pool")
            assertClose(try xf.averagePool2D(kernel: 3, stride: 2, padding: pad).scalars,
                        try x.averagePool2D(kernel: 3, stride: 2, padding: pad).scalars.map { Float($0) }, 1e-6, "avg pool")
        }
    }

    func testMaxPoolValuesAndTies() throws {
        let x = try Tensor<Float>(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 2, 3, 0, 2, 2]).variable()
        let y = try x.maxPool2D(kernel: 2)
        XCTAssertEqual(y.scalars, [5, 2])
        // The tie in the second window goes to its first element only.
        XCTAssertEqual(try y.sum().gradient(withRespectTo: x).scalars, [0, 1, 1, 0, 0, 0, 0, 0])
    }

    func testConvolutionAndPoolingErrors() throws {
        let x = try Tensor<Float>.zeros([8, 3, 28, 28])
        XCTAssertThrowsError(try Tensor.conv2D(x, weight: try Tensor<Float>.zeros([16, 1, 3, 3]), bias: nil)) {
            XCTAssertEqual("\($0)", "conv2D: shapes [8, 3, 28, 28] and [16, 1, 3, 3] are incompatible (input has 3 channels but the weight expects 1)")
        }
        XCTAssertThrowsError(try Tensor.conv2D(x, weight: try Tensor<Float>.zeros([16, 3, 30, 3]), bias: nil)) {
            XCTAssertEqual("\($0)", "conv2D: shapes [8, 3, 28, 28] and [16, 3, 30, 3] are incompatible (the 30×3 kernel does not fit the 28×28 input with padding 0)")
        }
        XCTAssertThrowsError(try x.maxPool2D(kernel: 2, padding: 2)) {
            XCTAssertEqual("\($0)", "maxPool2D: window 2, stride 2, padding 2 do not fit input [8, 3, 28, 28] (need 0 <= padding < window <= padded size)")
        }
        XCTAssertThrowsError(try Tensor<Float>.zeros([3, 28, 28]).averagePool2D(kernel: 2)) {
            XCTAssertEqual("\($0)", "averagePool2D: input must be [N, C, H, W]; got [3, 28, 28]")
        }
    }
}
