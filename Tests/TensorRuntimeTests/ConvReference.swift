import TensorKernels

/// Direct (seven-loop) convolution and its gradients in Double: the oracle for the im2col kernels.
struct ConvReference {
    let shape: Conv2DShape

    /// Calls `body(n, co, ci, oh, ow, ki, kj, inputIndex)` for every term that reads the input
    /// (terms that read padding contribute zero and are skipped).
    func forEachTerm(_ body: (Int, Int, Int, Int, Int, Int, Int, Int) -> Void) {
        let s = shape
        for n in 0..<s.batch {
            for co in 0..<s.outputChannels {
                for oh in 0..<s.outputHeight {
                    for ow in 0..<s.outputWidth {
                        for ci in 0..<s.inputChannels {
                            for ki in 0..<s.kernelHeight {
                                for kj in 0..<s.kernelWidth {
                                    let ih = oh * s.strideHeight - s.paddingHeight + ki
                                    let iw = ow * s.strideWidth - s.paddingWidth + kj
                                    guard ih >= 0, ih < s.inputHeight, iw >= 0, iw < s.inputWidth else { continue }
                                    let index = ((n * s.inputChannels + ci) * s.inputHeight + ih) * s.inputWidth + iw
                                    body(n, co, ci, oh, ow, ki, kj, index)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    func outputIndex(_ n: Int, _ co: Int, _ oh: Int, _ ow: Int) -> Int {
        ((n * shape.outputChannels + co) * shape.outputHeight + oh) * shape.outputWidth + ow
    }

    func weightIndex(_ co: Int, _ ci: Int, _ ki: Int, _ kj: Int) -> Int {
        ((co * shape.inputChannels + ci) * shape.kernelHeight + ki) * shape.kernelWidth + kj
    }

    func forward(_ x: [Double], _ w: [Double], _ b: [Double]?) -> [Double] {
        var y = [Double](repeating: 0, count: shape.batch * shape.outputImageCount)
        if let b {
            for n in 0..<shape.batch {
                for co in 0..<shape.outputChannels {
                    for p in 0..<shape.outputPixels { y[(n * shape.outputChannels + co) * shape.outputPixels + p] = b[co] }
                }
            }
        }
        forEachTerm { n, co, ci, oh, ow, ki, kj, i in
            y[outputIndex(n, co, oh, ow)] += w[weightIndex(co, ci, ki, kj)] * x[i]
        }
        return y
    }

    func inputGradient(_ dy: [Double], _ w: [Double]) -> [Double] {
        var dx = [Double](repeating: 0, count: shape.batch * shape.inputImageCount)
        forEachTerm { n, co, ci, oh, ow, ki, kj, i in
            dx[i] += w[weightIndex(co, ci, ki, kj)] * dy[outputIndex(n, co, oh, ow)]
        }
        return dx
    }

    func weightGradient(_ x: [Double], _ dy: [Double]) -> [Double] {
        var dw = [Double](repeating: 0, count: shape.weightCount)
        forEachTerm { n, co, ci, oh, ow, ki, kj, i in
            dw[weightIndex(co, ci, ki, kj)] += x[i] * dy[outputIndex(n, co, oh, ow)]
        }
        return dw
    }

    func biasGradient(_ dy: [Double]) -> [Double] {
        var db = [Double](repeating: 0, count: shape.outputChannels)
        for (index, value) in dy.enumerated() { db[(index / shape.outputPixels) % shape.outputChannels] += value }
        return db
    }
}
