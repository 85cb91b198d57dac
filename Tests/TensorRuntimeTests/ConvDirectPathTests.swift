import XCTest
@testable import TensorKernels
import TensorRuntime

/// The convolution passes that read the image in place (forward when the output width is a
/// multiple of 8 at horizontal stride 1; weight gradient at any stride) and the input gradient's
/// gathering fold (unit strides) give exactly the bits of the unfolded im2col + `gemm` products
/// and the adding fold they replace, for every thread count and on every kernel path this CPU
/// runs, and match the direct reference.
final class ConvDirectPathTests: XCTestCase {
    /// Output widths of 8, 16 and 24; full and half-empty last 16-position tiles (40 positions);
    /// output channels that leave short 6-row tiles and partial 16-column panels (7, 17); depth
    /// above 512 in the forward (24·25 = 600) and in the weight gradient (24·24 = 576 positions);
    /// padding; vertical stride 2; horizontal stride 2 (weight gradient only); batches of 1, 3,
    /// 11 and 13, which divide neither into 8 chunks nor over 2 or 3 threads.
    let shapes: [Conv2DShape] = [
        Conv2DShape(batch: 3, inputChannels: 3, inputHeight: 12, inputWidth: 12, outputChannels: 7,
                    kernelHeight: 5, kernelWidth: 5),
        Conv2DShape(batch: 11, inputChannels: 2, inputHeight: 7, inputWidth: 10, outputChannels: 17,
                    kernelHeight: 3, kernelWidth: 3),
        Conv2DShape(batch: 2, inputChannels: 24, inputHeight: 12, inputWidth: 12, outputChannels: 13,
                    kernelHeight: 5, kernelWidth: 5),
        Conv2DShape(batch: 13, inputChannels: 1, inputHeight: 28, inputWidth: 28, outputChannels: 5,
                    kernelHeight: 5, kernelWidth: 5),
        Conv2DShape(batch: 3, inputChannels: 2, inputHeight: 16, inputWidth: 16, outputChannels: 6,
                    kernelHeight: 3, kernelWidth: 3, paddingHeight: 1, paddingWidth: 1),
        Conv2DShape(batch: 1, inputChannels: 3, inputHeight: 9, inputWidth: 10, outputChannels: 4,
                    kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 1),
        Conv2DShape(batch: 3, inputChannels: 2, inputHeight: 9, inputWidth: 5, outputChannels: 9,
                    kernelHeight: 2, kernelWidth: 4, strideHeight: 3, strideWidth: 1,
                    paddingHeight: 2, paddingWidth: 3),
        Conv2DShape(batch: 11, inputChannels: 3, inputHeight: 11, inputWidth: 13, outputChannels: 5,
                    kernelHeight: 3, kernelWidth: 3, strideHeight: 2, strideWidth: 2,
                    paddingHeight: 1, paddingWidth: 1),
    ]

    func testTheShapesTakeTheDirectPaths() {
        for (i, shape) in shapes.enumerated() {
            XCTAssertEqual(shape.readsImageInPlace, i < 7, "forward \(shape)")
            XCTAssertTrue(shape.weightGradientReadsImageInPlace, "weight gradient \(shape)")
            XCTAssertEqual(shape.foldsByGathering, [0, 1, 2, 3, 4].contains(i), "input gradient \(shape)")
        }
    }

    func testDirectPassesGiveTheBitsOfTheUnfoldedProducts() {
        for path in KernelPath.supported() { directPassesGiveTheBitsOfTheUnfoldedProducts(path) }
    }

    private func directPassesGiveTheBitsOfTheUnfoldedProducts(_ path: KernelPath) {
        let pools: [WorkerPool?] = [nil, WorkerPool(threadCount: 1), WorkerPool(threadCount: 2), WorkerPool(threadCount: 3)]
        for (i, shape) in shapes.enumerated() {
            let x = seededFloats(shape.batch * shape.inputImageCount, seed: UInt64(1000 + i))
            let w = seededFloats(shape.weightCount, seed: UInt64(1100 + i))
            let b = seededFloats(shape.outputChannels, seed: UInt64(1200 + i))
            let dy = seededFloats(shape.batch * shape.outputImageCount, seed: UInt64(1300 + i))
            let wantY = unfoldedForward(shape, x, w, b, path), wantDW = unfoldedWeightGradient(shape, x, dy, path)
            let wantDX = addingFoldInputGradient(shape, dy, w, path)
            for pool in pools {
                var y = [Float](repeating: .nan, count: dy.count), dw = [Float](repeating: .nan, count: w.count)
                var db = [Float](repeating: .nan, count: b.count), dx = [Float](repeating: .nan, count: x.count)
                conv2DForward(shape: shape, input: x, weights: w, bias: b, output: &y, pool: pool, kernelPath: path)
                conv2DBackwardWeights(shape: shape, input: x, outputGradient: dy, weightGradient: &dw,
                                      biasGradient: &db, pool: pool, kernelPath: path)
                conv2DBackwardInput(shape: shape, outputGradient: dy, weights: w, inputGradient: &dx, pool: pool,
                                    kernelPath: path)
                let label = "\(path) kernels, \(pool?.threadCount ?? 0) threads, \(shape)"
                XCTAssertEqual(y.map(\.bitPattern), wantY.map(\.bitPattern), "forward, \(label)")
                XCTAssertEqual(dw.map(\.bitPattern), wantDW.map(\.bitPattern), "weight gradient, \(label)")
                XCTAssertEqual(dx.map(\.bitPattern), wantDX.map(\.bitPattern), "input gradient, \(label)")
            }
            let reference = ConvReference(shape: shape)
            assertClose(wantY, reference.forward(x.map(Double.init), w.map(Double.init), b.map(Double.init)),
                        tolerance: 1e-4, "forward \(path) \(shape)")
            assertClose(wantDW, reference.weightGradient(x.map(Double.init), dy.map(Double.init)),
                        tolerance: 1e-4, "weight gradient \(path) \(shape)")
            assertClose(wantDX, reference.inputGradient(dy.map(Double.init), w.map(Double.init)),
                        tolerance: 1e-4, "input gradient \(path) \(shape)")
        }
    }

    /// The forward pass as it was: bias, then per image `weights · unfold(image)` with `beta = 1`.
    private func unfoldedForward(_ shape: Conv2DShape, _ x: [Float], _ w: [Float], _ b: [Float], _ path: KernelPath) -> [Float] {
        let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
        var y = [Float](repeating: 0, count: shape.batch * shape.outputImageCount)
        var columns = [Float](repeating: 0, count: shape.workspaceCount)
        for n in 0..<shape.batch {
            x.withUnsafeBufferPointer { shape.unfold($0.baseAddress! + n * shape.inputImageCount, into: &columns) }
            for co in 0..<cout { for p in 0..<pixels { y[n * shape.outputImageCount + co * pixels + p] = b[co] } }
            y.withUnsafeMutableBufferPointer { out in
                gemm(transA: .none, transB: .none, m: cout, n: pixels, k: k, alpha: 1, a: w, lda: k,
                     b: columns, ldb: pixels, beta: 1, c: out.baseAddress! + n * shape.outputImageCount, ldc: pixels,
                     kernelPath: path)
            }
        }
        return y
    }

    /// The weight gradient as it was: 8 chunks of consecutive images, each summing
    /// `dy_n · unfold(image)ᵀ` image after image, then the chunks added in order.
    private func unfoldedWeightGradient(_ shape: Conv2DShape, _ x: [Float], _ dy: [Float], _ path: KernelPath) -> [Float] {
        let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
        let chunks = min(shape.batch, ConvolutionScheduler.chunkCount)
        var partials = [[Float]](repeating: [Float](repeating: 0, count: shape.weightCount), count: chunks)
        var columns = [Float](repeating: 0, count: shape.workspaceCount)
        for c in 0..<chunks {
            let start = c * shape.batch / chunks, end = (c + 1) * shape.batch / chunks
            for n in start..<end {
                x.withUnsafeBufferPointer { shape.unfold($0.baseAddress! + n * shape.inputImageCount, into: &columns) }
                dy.withUnsafeBufferPointer { g in
                    gemm(transA: .none, transB: .transposed, m: cout, n: k, k: pixels, alpha: 1,
                         a: g.baseAddress! + n * shape.outputImageCount, lda: pixels, b: columns, ldb: pixels,
                         beta: n == start ? 0 : 1, c: &partials[c], ldc: k, kernelPath: path)
                }
            }
        }
        var sum = partials[0]
        for c in 1..<chunks { for i in sum.indices { sum[i] += partials[c][i] } }
        return sum
    }

    /// The input gradient as it was: per image `weightsᵀ · dy_n`, added row by row onto zero.
    private func addingFoldInputGradient(_ shape: Conv2DShape, _ dy: [Float], _ w: [Float], _ path: KernelPath) -> [Float] {
        let k = shape.columnRows, pixels = shape.outputPixels, cout = shape.outputChannels
        var dx = [Float](repeating: 0, count: shape.batch * shape.inputImageCount)
        var columns = [Float](repeating: 0, count: shape.workspaceCount)
        for n in 0..<shape.batch {
            dy.withUnsafeBufferPointer { g in
                gemm(transA: .transposed, transB: .none, m: k, n: pixels, k: cout, alpha: 1, a: w, lda: k,
                     b: g.baseAddress! + n * shape.outputImageCount, ldb: pixels, beta: 0, c: &columns, ldc: pixels,
                     kernelPath: path)
            }
            dx.withUnsafeMutableBufferPointer { shape.fold(&columns, into: $0.baseAddress! + n * shape.inputImageCount) }
        }
        return dx
    }
}
