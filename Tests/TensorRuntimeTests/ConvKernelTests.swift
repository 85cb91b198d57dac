import XCTest
import TensorRuntime

final class ConvKernelTests: XCTestCase {
    /// (N, Cin, H, W, Cout, kh, kw, stride h/w, padding h/w): pointwise, kernel = input, primes,
    /// strides that do and do not divide, padding on one or both axes, single pixels.
    let shapes: [Conv2DShape] = [
        Conv2DShape(batch: 1, inputChannels: 1, inputHeight: 1, inputWidth: 1, outputChannels: 1,
                    kernelHeight: 1, kernelWidth: 1),
        Conv2DShape(batch: 2, inputChannels: 3, inputHeight: 5, inputWidth: 7, outputChannels: 4,
                    kernelHeight: 1, kernelWidth: 1),
        Conv2DShape(batch: 2, inputChannels: 2, inputHeight: 5, inputWidth: 5, outputChannels: 3,
                    kernelHeight: 5, kernelWidth: 5),
        Conv2DShape(batch: 1, inputChannels: 3, inputHeight: 7, inputWidth: 11, outputChannels: 5,
                    kernelHeight: 3, kernelWidth: 3, paddingHeight: 1, paddingWidth: 1),
        Conv2DShape(batch: 3, inputChannels: 2, inputHeight: 13, inputWidth: 9, outputChannels: 2,
                    kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 3),
        Conv2DShape(batch: 2, inputChannels: 1, inputHeight: 8, inputWidth: 8, outputChannels: 6,
                    kernelHeight: 5, kernelWidth: 5, strideHeight: 3, strideWidth: 3,
                    paddingHeight: 2, paddingWidth: 2),
        Conv2DShape(batch: 1, inputChannels: 4, inputHeight: 3, inputWidth: 17, outputChannels: 3,
                    kernelHeight: 3, kernelWidth: 4, strideHeight: 1, strideWidth: 2,
                    paddingHeight: 0, paddingWidth: 3),
        Conv2DShape(batch: 2, inputChannels: 2, inputHeight: 2, inputWidth: 3, outputChannels: 2,
                    kernelHeight: 4, kernelWidth: 5, paddingHeight: 1, paddingWidth: 2),
        Conv2DShape(batch: 1, inputChannels: 1, inputHeight: 1, inputWidth: 1, outputChannels: 2,
                    kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2,
                    paddingHeight: 1, paddingWidth: 1),
        Conv2DShape(batch: 2, inputChannels: 5, inputHeight: 12, inputWidth: 12, outputChannels: 7,
                    kernelHeight: 5, kernelWidth: 5, strideHeight: 1, strideWidth: 1,
                    paddingHeight: 2, paddingWidth: 2),
        // Output rows twice the input width at vertical stride 2: still one flat span per row.
        Conv2DShape(batch: 2, inputChannels: 2, inputHeight: 7, inputWidth: 2, outputChannels: 3,
                    kernelHeight: 3, kernelWidth: 1, strideHeight: 2, strideWidth: 1,
                    paddingHeight: 1, paddingWidth: 1),
    ]

    // Float accumulation over at most Cin·kh·kw·N·P ≈ 10⁴ terms of size ≤ 1: 1e-4 of the largest
    // value leaves a wide margin over the ~1e-6 relative rounding error while catching any wrong term.
    let tolerance = 1e-4

    /// On every kernel path this CPU runs.
    func testForwardMatchesDirectConvolution() {
        for path in KernelPath.supported() { forwardMatchesDirectConvolution(path) }
    }

    private func forwardMatchesDirectConvolution(_ path: KernelPath) {
        for (i, shape) in shapes.enumerated() {
            let reference = ConvReference(shape: shape)
            let x = seededFloats(shape.batch * shape.inputImageCount, seed: UInt64(i))
            let w = seededFloats(shape.weightCount, seed: UInt64(100 + i))
            let b = seededFloats(shape.outputChannels, seed: UInt64(200 + i))
            for withBias in [true, false] {
                let got = forward(shape, x, w, withBias ? b : nil, path)
                let want = reference.forward(x.map(Double.init), w.map(Double.init),
                                             withBias ? b.map(Double.init) : nil)
                assertClose(got, want, tolerance: tolerance, "forward \(path) \(shape) bias \(withBias)")
            }
        }
    }

    /// On every kernel path this CPU runs.
    func testBackwardPassesMatchDirectGradients() {
        for path in KernelPath.supported() { backwardPassesMatchDirectGradients(path) }
    }

    private func backwardPassesMatchDirectGradients(_ path: KernelPath) {
        for (i, shape) in shapes.enumerated() {
            let reference = ConvReference(shape: shape)
            let x = seededFloats(shape.batch * shape.inputImageCount, seed: UInt64(300 + i))
            let w = seededFloats(shape.weightCount, seed: UInt64(400 + i))
            let dy = seededFloats(shape.batch * shape.outputImageCount, seed: UInt64(500 + i))
            var dx = [Float](repeating: .nan, count: x.count)
            var dw = [Float](repeating: .nan, count: w.count)
            var db = [Float](repeating: .nan, count: shape.outputChannels)
            var workspace = [Float](repeating: .nan, count: shape.workspaceCount)
            conv2DBackwardInput(shape: shape, outputGradient: dy, weights: w,
                                inputGradient: &dx, workspace: &workspace, kernelPath: path)
            conv2DBackwardWeights(shape: shape, input: x, outputGradient: dy,
                                  weightGradient: &dw, biasGradient: &db, workspace: &workspace, kernelPath: path)
            let dyD = dy.map(Double.init)
            assertClose(dx, reference.inputGradient(dyD, w.map(Double.init)), tolerance: tolerance, "dx \(path) \(shape)")
            assertClose(dw, reference.weightGradient(x.map(Double.init), dyD), tolerance: tolerance, "dw \(path) \(shape)")
            assertClose(db, reference.biasGradient(dyD), tolerance: tolerance, "db \(path) \(shape)")
        }
    }

    /// The reference gradients are themselves checked against central differences of the
    /// reference forward pass, for the loss `Σ dy ⊙ conv(x, w, b)`.
    func testReferenceGradientsMatchFiniteDifferences() {
        let shape = Conv2DShape(batch: 2, inputChannels: 2, inputHeight: 5, inputWidth: 4, outputChannels: 2,
                                kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 1,
                                paddingHeight: 1, paddingWidth: 1)
        let reference = ConvReference(shape: shape)
        let x = seededFloats(shape.batch * shape.inputImageCount, seed: 1).map(Double.init)
        let w = seededFloats(shape.weightCount, seed: 2).map(Double.init)
        let b = seededFloats(shape.outputChannels, seed: 3).map(Double.init)
        let dy = seededFloats(shape.batch * shape.outputImageCount, seed: 4).map(Double.init)
        func loss(_ y: [Double]) -> Double { zip(y, dy).reduce(0) { $0 + $1.0 * $1.1 } }
        let dx = reference.inputGradient(dy, w), dw = reference.weightGradient(x, dy)
        let db = reference.biasGradient(dy)
        // The loss is bilinear, so central differences are exact up to rounding (~1e-9 here).
        for i in 0..<x.count {
            XCTAssertEqual(dx[i], finiteDifference({ loss(reference.forward($0, w, b)) }, at: x, coordinate: i), accuracy: 1e-6)
        }
        for i in 0..<w.count {
            XCTAssertEqual(dw[i], finiteDifference({ loss(reference.forward(x, $0, b)) }, at: w, coordinate: i), accuracy: 1e-6)
        }
        for i in 0..<b.count {
            XCTAssertEqual(db[i], finiteDifference({ loss(reference.forward(x, w, $0)) }, at: b, coordinate: i), accuracy: 1e-6)
        }
    }

    /// Pools of 1 to 3 threads, and the serial path with and without a caller workspace, give
    /// bit-identical results (the weight-gradient chunks depend only on the batch), which also
    /// match the direct reference. Batches below, at and above the chunk count are covered.
    func testPooledPassesAreBitIdenticalForEveryThreadCount() {
        let extra = [
            Conv2DShape(batch: 11, inputChannels: 3, inputHeight: 6, inputWidth: 5, outputChannels: 4,
                        kernelHeight: 3, kernelWidth: 3, paddingHeight: 1, paddingWidth: 1),
            Conv2DShape(batch: 8, inputChannels: 4, inputHeight: 3, inputWidth: 3, outputChannels: 2,
                        kernelHeight: 1, kernelWidth: 1),
        ]
        let pools = [WorkerPool(threadCount: 1), WorkerPool(threadCount: 2), WorkerPool(threadCount: 3)]
        for (i, shape) in (shapes + extra).enumerated() {
            let x = seededFloats(shape.batch * shape.inputImageCount, seed: UInt64(600 + i))
            let w = seededFloats(shape.weightCount, seed: UInt64(700 + i))
            let b = seededFloats(shape.outputChannels, seed: UInt64(800 + i))
            let dy = seededFloats(shape.batch * shape.outputImageCount, seed: UInt64(900 + i))
            let serial = passes(shape, x, w, b, dy, pool: nil, callerWorkspace: true)
            XCTAssertEqual(passes(shape, x, w, b, dy, pool: nil, callerWorkspace: false), serial, "\(shape)")
            for pool in pools {
                XCTAssertEqual(passes(shape, x, w, b, dy, pool: pool, callerWorkspace: true), serial,
                               "\(pool.threadCount) threads, \(shape)")
            }
            let reference = ConvReference(shape: shape)
            let (xd, wd, dyd) = (x.map(Double.init), w.map(Double.init), dy.map(Double.init))
            assertClose(serial[0], reference.forward(xd, wd, b.map(Double.init)), tolerance: tolerance, "y \(shape)")
            assertClose(serial[1], reference.inputGradient(dyd, wd), tolerance: tolerance, "dx \(shape)")
            assertClose(serial[2], reference.weightGradient(xd, dyd), tolerance: tolerance, "dw \(shape)")
            assertClose(serial[3], reference.biasGradient(dyd), tolerance: tolerance, "db \(shape)")
        }
    }

    /// Output, input gradient, weight gradient and bias gradient, from NaN-filled buffers.
    private func passes(_ shape: Conv2DShape, _ x: [Float], _ w: [Float], _ b: [Float], _ dy: [Float],
                        pool: WorkerPool?, callerWorkspace: Bool) -> [[Float]] {
        var y = [Float](repeating: .nan, count: dy.count), dx = [Float](repeating: .nan, count: x.count)
        var dw = [Float](repeating: .nan, count: w.count), db = [Float](repeating: .nan, count: b.count)
        var scratch = [Float](repeating: .nan, count: shape.workspaceCount)
        scratch.withUnsafeMutableBufferPointer { s in
            let workspace = callerWorkspace ? s.baseAddress : nil
            conv2DForward(shape: shape, input: x, weights: w, bias: b, output: &y, workspace: workspace, pool: pool)
            conv2DBackwardInput(shape: shape, outputGradient: dy, weights: w, inputGradient: &dx,
                                workspace: workspace, pool: pool)
            conv2DBackwardWeights(shape: shape, input: x, outputGradient: dy, weightGradient: &dw,
                                  biasGradient: &db, workspace: workspace, pool: pool)
        }
        return [y, dx, dw, db]
    }

    private func forward(_ shape: Conv2DShape, _ x: [Float], _ w: [Float], _ b: [Float]?, _ path: KernelPath = .active) -> [Float] {
        // NaN-filled buffers prove the kernel writes every output and never reads stale workspace.
        var y = [Float](repeating: .nan, count: shape.batch * shape.outputImageCount)
        var workspace = [Float](repeating: .nan, count: shape.workspaceCount)
        if let b {
            conv2DForward(shape: shape, input: x, weights: w, bias: b, output: &y, workspace: &workspace, kernelPath: path)
        } else {
            conv2DForward(shape: shape, input: x, weights: w, bias: nil, output: &y, workspace: &workspace, kernelPath: path)
        }
        return y
    }
}
