import XCTest
import TensorRuntime

final class PoolKernelTests: XCTestCase {
    /// Default stride = window, overlapping windows, windows that do not tile the input, padding,
    /// window = input, single-pixel planes, primes.
    let shapes: [Pool2DShape] = [
        Pool2DShape(batch: 1, channels: 1, inputHeight: 1, inputWidth: 1, kernelHeight: 1, kernelWidth: 1),
        Pool2DShape(batch: 2, channels: 3, inputHeight: 8, inputWidth: 8, kernelHeight: 2, kernelWidth: 2),
        Pool2DShape(batch: 1, channels: 2, inputHeight: 7, inputWidth: 11, kernelHeight: 3, kernelWidth: 3,
                    strideHeight: 2, strideWidth: 2),
        Pool2DShape(batch: 2, channels: 2, inputHeight: 5, inputWidth: 5, kernelHeight: 5, kernelWidth: 5),
        Pool2DShape(batch: 1, channels: 3, inputHeight: 6, inputWidth: 9, kernelHeight: 3, kernelWidth: 2,
                    strideHeight: 1, strideWidth: 1, paddingHeight: 1, paddingWidth: 1),
        Pool2DShape(batch: 3, channels: 1, inputHeight: 13, inputWidth: 3, kernelHeight: 4, kernelWidth: 3,
                    strideHeight: 3, strideWidth: 2, paddingHeight: 2, paddingWidth: 1),
        Pool2DShape(batch: 1, channels: 1, inputHeight: 1, inputWidth: 1, kernelHeight: 3, kernelWidth: 3,
                    strideHeight: 1, strideWidth: 1, paddingHeight: 1, paddingWidth: 1),
        // 2×2 / stride 2 takes an eight-window vector path; odd sizes leave a row and a column out.
        Pool2DShape(batch: 2, channels: 2, inputHeight: 24, inputWidth: 24, kernelHeight: 2, kernelWidth: 2),
        Pool2DShape(batch: 1, channels: 3, inputHeight: 5, inputWidth: 35, kernelHeight: 2, kernelWidth: 2),
    ]

    func testMaxPoolForwardAndBackwardMatchReference() {
        for (i, shape) in shapes.enumerated() {
            let x = seededFloats(shape.planes * shape.inputPlaneCount, seed: UInt64(i))
            let dy = seededFloats(shape.planes * shape.outputPlaneCount, seed: UInt64(50 + i))
            var y = [Float](repeating: .nan, count: dy.count)
            var indices = [Int32](repeating: -1, count: dy.count)
            var dx = [Float](repeating: .nan, count: x.count)
            maxPool2DForward(shape: shape, input: x, output: &y, indices: &indices)
            maxPool2DBackward(shape: shape, outputGradient: dy, indices: indices, inputGradient: &dx)
            var wantY = [Double](), wantDx = [Double](repeating: 0, count: x.count)
            forEachWindow(shape) { plane, o, cells in
                let best = cells.max { x[$0] < x[$1] }!  // windows are never empty (padding < kernel)
                let first = cells.first { x[$0] == x[best] }!
                wantY.append(Double(x[first]))
                wantDx[first] += Double(dy[plane * shape.outputPlaneCount + o])
            }
            assertClose(y, wantY, tolerance: 0, "max forward \(shape)")
            assertClose(dx, wantDx, tolerance: 1e-6, "max backward \(shape)")
        }
    }

    func testMaxPoolTiesPickTheFirstElementAndNaNPropagates() {
        let shape = Pool2DShape(batch: 1, channels: 1, inputHeight: 2, inputWidth: 4, kernelHeight: 2, kernelWidth: 2)
        let x: [Float] = [1, 1, 3, .nan,
                          1, 1, 3, 2]
        var y = [Float](repeating: 0, count: 2), indices = [Int32](repeating: -1, count: 2)
        maxPool2DForward(shape: shape, input: x, output: &y, indices: &indices)
        XCTAssertEqual(y[0], 1)
        XCTAssertEqual(indices[0], 0)
        XCTAssertTrue(y[1].isNaN)
        XCTAssertEqual(indices[1], 3)
    }

    func testVectorMaxPoolKeepsTiesAndNaNRules() {
        // 2×2 windows over two rows of 18: eight windows on the vector path, one on the scalar tail.
        let shape = Pool2DShape(batch: 1, channels: 1, inputHeight: 2, inputWidth: 18, kernelHeight: 2, kernelWidth: 2)
        var x = [Float](repeating: 0, count: 36)
        x[2] = 5; x[20] = 5                    // window 1: tie between top-left and bottom-left
        x[5] = .nan; x[22] = .nan              // window 2: first NaN (top-right) wins over a later one
        x[24] = 7                              // window 3: bottom-left alone is the maximum
        x[16] = .nan; x[17] = 9                // window 8 (tail): NaN first
        x[34] = 1; x[35] = 2                   // window 8: larger values later do not replace NaN
        var y = [Float](repeating: 0, count: 9), indices = [Int32](repeating: -1, count: 9)
        maxPool2DForward(shape: shape, input: x, output: &y, indices: &indices)
        XCTAssertEqual(y[1], 5); XCTAssertEqual(indices[1], 2)
        XCTAssertTrue(y[2].isNaN); XCTAssertEqual(indices[2], 5)
        XCTAssertEqual(y[3], 7); XCTAssertEqual(indices[3], 24)
        XCTAssertEqual(y[0], 0); XCTAssertEqual(indices[0], 0)
        XCTAssertTrue(y[8].isNaN); XCTAssertEqual(indices[8], 16)
    }

    func testAveragePoolForwardAndBackwardMatchReference() {
        for (i, shape) in shapes.enumerated() {
            let x = seededFloats(shape.planes * shape.inputPlaneCount, seed: UInt64(100 + i))
            let dy = seededFloats(shape.planes * shape.outputPlaneCount, seed: UInt64(150 + i))
            var y = [Float](repeating: .nan, count: dy.count)
            var dx = [Float](repeating: .nan, count: x.count)
            averagePool2DForward(shape: shape, input: x, output: &y)
            averagePool2DBackward(shape: shape, outputGradient: dy, inputGradient: &dx)
            var wantY = [Double](), wantDx = [Double](repeating: 0, count: x.count)
            forEachWindow(shape) { plane, o, cells in
                wantY.append(cells.reduce(0) { $0 + Double(x[$1]) } / Double(cells.count))
                for c in cells { wantDx[c] += Double(dy[plane * shape.outputPlaneCount + o]) / Double(cells.count) }
            }
            assertClose(y, wantY, tolerance: 1e-6, "average forward \(shape)")
            assertClose(dx, wantDx, tolerance: 1e-6, "average backward \(shape)")
        }
    }

    func testGlobalAveragePool() {
        let planes = 6, planeCount = 49
        let x = seededFloats(planes * planeCount, seed: 7)
        let dy = seededFloats(planes, seed: 8)
        var y = [Float](repeating: .nan, count: planes), dx = [Float](repeating: .nan, count: x.count)
        globalAveragePoolForward(planes: planes, planeCount: planeCount, input: x, output: &y)
        globalAveragePoolBackward(planes: planes, planeCount: planeCount, outputGradient: dy, inputGradient: &dx)
        let wantY = (0..<planes).map { p in (0..<planeCount).reduce(0.0) { $0 + Double(x[p * planeCount + $1]) } / 49 }
        assertClose(y, wantY, tolerance: 1e-6, "global average forward")
        assertClose(dx, (0..<x.count).map { Double(dy[$0 / planeCount]) / 49 }, tolerance: 1e-7, "global average backward")
    }

    /// Calls `body(plane, outputOffset, flatInputIndices)` for every window, in output order,
    /// listing the in-bounds cells of the window in row-major order.
    private func forEachWindow(_ s: Pool2DShape, _ body: (Int, Int, [Int]) -> Void) {
        for plane in 0..<s.planes {
            for oh in 0..<s.outputHeight {
                for ow in 0..<s.outputWidth {
                    var cells: [Int] = []
                    for ki in 0..<s.kernelHeight {
                        for kj in 0..<s.kernelWidth {
                            let h = oh * s.strideHeight - s.paddingHeight + ki
                            let w = ow * s.strideWidth - s.paddingWidth + kj
                            if h >= 0, h < s.inputHeight, w >= 0, w < s.inputWidth {
                                cells.append(plane * s.inputPlaneCount + h * s.inputWidth + w)
                            }
                        }
                    }
                    body(plane, oh * s.outputWidth + ow, cells)
                }
            }
        }
    }
}
