import Foundation

/// An element type a `Tensor` can hold: `Float` (fast, for training) or `Double` (for numerics
/// and gradient checks).
///
/// Shape logic in the runtime is generic over this protocol, but every loop that touches each
/// element lives in a static `_…Kernel` requirement implemented concretely by `Float` and `Double`.
/// A caller in another module that holds a `Tensor<Float>` therefore reaches a loop compiled for
/// `Float`, even when the generic shape code around it is not specialised. The underscored
/// requirements are implementation hooks of the runtime, not API.
public protocol TensorScalar: BinaryFloatingPoint, Sendable, CustomStringConvertible {
    /// The name shown in messages and printouts, e.g. `Float32`.
    static var elementTypeName: String { get }
    /// `e` raised to `x`.
    static func _exp(_ x: Self) -> Self
    /// The natural logarithm of `x`.
    static func _log(_ x: Self) -> Self
    /// The hyperbolic tangent of `x`.
    static func _tanh(_ x: Self) -> Self
    /// The error function of `x`.
    static func _erf(_ x: Self) -> Self
    /// `x` raised to `y`.
    static func _pow(_ x: Self, _ y: Self) -> Self

    /// Converts `count` elements to another element type.
    static func _convertKernel<Other: TensorScalar>(_ src: UnsafePointer<Self>, _ dst: UnsafeMutablePointer<Other>,
                                                    count: Int)
    /// Applies `op` to `count` contiguous elements.
    static func _unaryKernel(_ op: UnaryKernelOp, _ x: UnsafePointer<Self>,
                             _ y: UnsafeMutablePointer<Self>, count: Int)
    /// Applies `op` to two operands read through a broadcast plan.
    static func _binaryKernel(_ op: BinaryKernelOp, _ plan: BroadcastPlan, _ a: UnsafePointer<Self>,
                              _ b: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>)
    /// `out[i] = x[i] > 0 ? g[i] : slope · g[i]` over `count` contiguous elements: a gradient
    /// through (leaky) relu in one pass, bit for bit `g · leakyStep(x)`.
    static func _leakyMaskKernel(_ g: UnsafePointer<Self>, _ x: UnsafePointer<Self>, slope: Self,
                                 _ out: UnsafeMutablePointer<Self>, count: Int)
    /// `out[i] = condition[i] != 0 ? a[i] : b[i]` over `count` contiguous elements.
    static func _selectKernel(_ condition: UnsafePointer<Self>, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                              _ out: UnsafeMutablePointer<Self>, count: Int)
    /// Reduces the middle axis of an `[outer, length, inner]` view whose rows (and outer slices'
    /// outputs) lie `stride` elements apart (`stride == inner` for the whole view; larger for a
    /// band of its columns).
    static func _reduceKernel(_ op: ReduceKernelOp, _ x: UnsafePointer<Self>,
                              _ out: UnsafeMutablePointer<Self>, outer: Int, length: Int, inner: Int, stride: Int)
    /// `out[r] = Σ_j ((x[r, j] · scale)²)` for `rows` contiguous rows of `length` elements, each
    /// square rounded to `Self` and summed in Double in the order of `_reduceKernel`'s sum, so
    /// the result is bit for bit squaring, scaling and summing as separate passes.
    static func _rowSquaredSumsKernel(_ x: UnsafePointer<Self>, scale: Self, _ out: UnsafeMutablePointer<Self>,
                                      rows: Int, length: Int)
    /// Copies a strided view of `src` with the given shape into a strided view of `dst`.
    static func _stridedCopyKernel(shape: [Int], _ src: UnsafePointer<Self>, srcStrides: [Int],
                                   _ dst: UnsafeMutablePointer<Self>, dstStrides: [Int])
    /// Two independent products `C = op(A) op(B)` and `C2 = op(A2) op(B2)`, overwriting both, with
    /// the bits `_matmulKernel` gives each (the pair may run at the same time).
    static func _matmulPairKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                  _ c: UnsafeMutablePointer<Self>, _ spec2: MatmulSpec, _ a2: UnsafePointer<Self>,
                                  _ b2: UnsafePointer<Self>, _ c2: UnsafeMutablePointer<Self>)
    /// `C = op(A) op(B) (+ bias) (relu)`, overwriting `C`.
    static func _matmulKernel(_ spec: MatmulSpec, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                              _ c: UnsafeMutablePointer<Self>, bias: UnsafePointer<Self>?, relu: Bool)
    /// Gather `dst[i] = src[indices[i]]`, or (with `scatter`) accumulate `dst[indices[i]] += src[i]`,
    /// for `count` indices.
    static func _indexedKernel(scatter: Bool, _ indices: UnsafePointer<Int>, count: Int,
                               _ src: UnsafePointer<Self>, _ dst: UnsafeMutablePointer<Self>)
    /// One pass of a 2-D convolution over NCHW data (see `Conv2DPass`), overwriting `out`.
    static func _conv2DKernel(_ pass: Conv2DPass, _ shape: Conv2DShape, _ a: UnsafePointer<Self>,
                              _ b: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, bias: UnsafePointer<Self>?)
    /// Max pooling (writing window-local argmax indices), average pooling, or (with `transpose`)
    /// the adjoint of average pooling, overwriting `out`.
    static func _pool2DKernel(max: Bool, transpose: Bool, _ shape: Pool2DShape, _ input: UnsafePointer<Self>,
                              _ out: UnsafeMutablePointer<Self>, indices: UnsafeMutablePointer<Int32>?)
    /// Fills `buffer` with uniform values in [low, high) from `stream`.
    static func _fillUniform(_ buffer: UnsafeMutableBufferPointer<Self>, _ stream: inout RandomStream,
                             low: Self, high: Self) throws
    /// Fills `buffer` with normal values from `stream`.
    static func _fillNormal(_ buffer: UnsafeMutableBufferPointer<Self>, _ stream: inout RandomStream,
                            mean: Self, standardDeviation: Self) throws
    /// Sum over rows of `logsumexp(row) - row[label]`, accumulated in Double.
    static func _softmaxCrossEntropyKernel(_ logits: UnsafePointer<Self>, labels: UnsafePointer<Int>,
                                           rows: Int, classes: Int) -> Double
}

extension Float: TensorScalar {
    /// The name shown in messages and printouts.
    public static var elementTypeName: String { "Float32" }
    /// `e` raised to `x`.
    @inline(__always) public static func _exp(_ x: Float) -> Float { Foundation.exp(x) }
    /// The natural logarithm of `x`.
    @inline(__always) public static func _log(_ x: Float) -> Float { Foundation.log(x) }
    /// The hyperbolic tangent of `x`.
    @inline(__always) public static func _tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    /// The error function of `x`.
    @inline(__always) public static func _erf(_ x: Float) -> Float { Foundation.erf(x) }
    /// `x` raised to `y`.
    @inline(__always) public static func _pow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
}

extension Double: TensorScalar {
    /// The name shown in messages and printouts.
    public static var elementTypeName: String { "Float64" }
    /// `e` raised to `x`.
    @inline(__always) public static func _exp(_ x: Double) -> Double { Foundation.exp(x) }
    /// The natural logarithm of `x`.
    @inline(__always) public static func _log(_ x: Double) -> Double { Foundation.log(x) }
    /// The hyperbolic tangent of `x`.
    @inline(__always) public static func _tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    /// The error function of `x`.
    @inline(__always) public static func _erf(_ x: Double) -> Double { Foundation.erf(x) }
    /// `x` raised to `y`.
    @inline(__always) public static func _pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}
