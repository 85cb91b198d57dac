import TensorKernels

// Strided copy: the one data-movement loop behind permute, broadcast, slice, pad and concatenate.

/// Element-type conversion; the two runtime types get concrete loops (a generic per-element
/// conversion costs ~20 ns an element), anything else the generic one.
@inline(__always)
private func convertLoop<S: TensorScalar, Other: TensorScalar>(_ src: UnsafePointer<S>,
                                                               _ dst: UnsafeMutablePointer<Other>, _ n: Int) {
    if Other.self == S.self {
        UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: n * MemoryLayout<S>.stride)
    } else if Other.self == Double.self {
        let out = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Double.self)
        for i in 0..<n { out[i] = Double(src[i]) }
    } else if Other.self == Float.self {
        let out = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: Float.self)
        for i in 0..<n { out[i] = Float(src[i]) }
    } else {
        for i in 0..<n { dst[i] = Other(src[i]) }
    }
}

@inline(__always)
private func stridedCopyLoop<S: TensorScalar>(_ shape: [Int], _ src: UnsafePointer<S>, _ srcStrides: [Int],
                                              _ dst: UnsafeMutablePointer<S>, _ dstStrides: [Int]) {
    let rank = shape.count
    if rank == 0 { dst[0] = src[0]; return }
    let inner = shape[rank - 1]
    let ss = srcStrides[rank - 1], ds = dstStrides[rank - 1]
    if rank >= 2 && ss != 1 && ss != 0 && ds == 1 && srcStrides[rank - 2] == 1 {
        tiledTranspose(shape, src, srcStrides, dst, dstStrides)
        return
    }
    TensorIndexWalk.forEachRow(shape: shape, strides: srcStrides, dstStrides) { _, srcOffset, dstOffset in
        let s = src + srcOffset, d = dst + dstOffset
        if ss == 1 && ds == 1 {
            d.update(from: s, count: inner)
        } else if ss == 0 {
            d.update(repeating: s[0], count: inner)
        } else {
            for i in 0..<inner { d[i * ds] = s[i * ss] }
        }
    }
}

/// A copy whose last two axes are transposed between source and destination, in square tiles:
/// walking either side with a large stride would touch a new cache line for every element.
@inline(__always)
private func tiledTranspose<S: TensorScalar>(_ shape: [Int], _ src: UnsafePointer<S>, _ srcStrides: [Int],
                                             _ dst: UnsafeMutablePointer<S>, _ dstStrides: [Int]) {
    // 32 × 32 elements: one tile of each side (4 KiB in Float32, 8 KiB in Float64) stays in L1.
    let tile = 32
    let rank = shape.count
    let rows = shape[rank - 2], columns = shape[rank - 1]
    let sourceColumnStride = srcStrides[rank - 1], destinationRowStride = dstStrides[rank - 2]
    TensorIndexWalk.forEachRow(shape: Array(shape.dropLast()), strides: Array(srcStrides.dropLast()),
                               Array(dstStrides.dropLast())) { _, srcOffset, dstOffset in
        let s = src + srcOffset, d = dst + dstOffset
        for r0 in stride(from: 0, to: rows, by: tile) {
            let r1 = Swift.min(r0 + tile, rows)
            for c0 in stride(from: 0, to: columns, by: tile) {
                let c1 = Swift.min(c0 + tile, columns)
                // Indices stay far below Int.max (the tensor exists), so wrapping arithmetic is exact
                // and keeps overflow checks out of the innermost loop.
                for c in c0..<c1 {
                    let column = s + c &* sourceColumnStride, target = d + c
                    for r in r0..<r1 { target[r &* destinationRowStride] = column[r] }
                }
            }
        }
    }
}

/// A straightforward Float64 matrix product for the numerics path; the Float32 path goes to `gemm`.
@inline(__always)
private func doubleMatmul(_ spec: MatmulSpec, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                          _ c: UnsafeMutablePointer<Double>) {
    let (m, n, k) = (spec.m, spec.n, spec.k)
    c.update(repeating: 0, count: m * n)
    for i in 0..<m {
        let row = c + i * n
        for p in 0..<k {
            let aip = spec.transposeA ? a[p * m + i] : a[i * k + p]
            if spec.transposeB {
                for j in 0..<n { row[j] += aip * b[j * k + p] }
            } else {
                let brow = b + p * n
                for j in 0..<n { row[j] += aip * brow[j] }
            }
        }
    }
}

extension Float {
    /// Implementation hook: element-type conversion.
    public static func _convertKernel<Other: TensorScalar>(_ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Other>,
                                                           count: Int) {
        convertLoop(src, dst, count)
    }
    /// Implementation hook: indexed gather or scatter-add.
    public static func _indexedKernel(scatter: Bool, _ indices: UnsafePointer<Int>, count: Int,
                                      _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>) {
        if scatter {
            for i in 0..<count { dst[indices[i]] += src[i] }
        } else {
            for i in 0..<count { dst[i] = src[indices[i]] }
        }
    }
    /// Implementation hook: strided copy.
    public static func _stridedCopyKernel(shape: [Int], _ src: UnsafePointer<Float>, srcStrides: [Int],
                                          _ dst: UnsafeMutablePointer<Float>, dstStrides: [Int]) {
        stridedCopyLoop(shape, src, srcStrides, dst, dstStrides)
    }
    /// Implementation hook: matrix product through `gemm`, with bias and relu fused in its epilogue.
    public static func _matmulKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                     _ c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, relu: Bool) {
        if spec.k == 0 {
            // gemm with an empty inner dimension still applies the epilogue on beta = 0.
            c.update(repeating: 0, count: spec.m * spec.n)
        }
        gemm(transA: spec.transposeA ? .transposed : .none, transB: spec.transposeB ? .transposed : .none,
             m: spec.m, n: spec.n, k: spec.k, alpha: 1, a: a, lda: spec.lda, b: b, ldb: spec.ldb,
             beta: 0, c: c, ldc: spec.n, bias: bias, activation: relu ? .relu : .identity,
             pool: TensorThreading.pool)
    }
}

extension Double {
    /// Implementation hook: element-type conversion.
    public static func _convertKernel<Other: TensorScalar>(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Other>,
                                                           count: Int) {
        convertLoop(src, dst, count)
    }
    /// Implementation hook: indexed gather or scatter-add.
    public static func _indexedKernel(scatter: Bool, _ indices: UnsafePointer<Int>, count: Int,
                                      _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>) {
        if scatter {
            for i in 0..<count { dst[indices[i]] += src[i] }
        } else {
            for i in 0..<count { dst[i] = src[indices[i]] }
        }
    }
    /// Implementation hook: strided copy.
    public static func _stridedCopyKernel(shape: [Int], _ src: UnsafePointer<Double>, srcStrides: [Int],
                                          _ dst: UnsafeMutablePointer<Double>, dstStrides: [Int]) {
        stridedCopyLoop(shape, src, srcStrides, dst, dstStrides)
    }
    /// Implementation hook: Float64 matrix product with optional bias and relu.
    public static func _matmulKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                     _ c: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>?, relu: Bool) {
        doubleMatmul(spec, a, b, c)
        guard bias != nil || relu else { return }
        for i in 0..<spec.m {
            let row = c + i * spec.n
            if let bias { for j in 0..<spec.n { row[j] += bias[j] } }
            if relu { for j in 0..<spec.n where !(row[j] > 0) && !row[j].isNaN { row[j] = 0 } }
        }
    }
}
