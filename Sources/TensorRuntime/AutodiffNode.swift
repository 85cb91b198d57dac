/// The primitive operations the autodiff graph records. Each has exactly one gradient rule, in
/// `AutodiffGradientRules.swift`; everything else in the runtime is composed from these.
enum AutodiffPrimitive: Sendable {
    /// A variable: the graph starts here.
    case leaf
    /// An element-wise function of one operand.
    case unary(UnaryKernelOp)
    /// An element-wise function of two broadcast operands (add, subtract, multiply, divide, power).
    case binary(BinaryKernelOp)
    /// `condition != 0 ? a : b` over broadcast operands `[condition, a, b]`.
    case select
    /// Sum over (sorted) axes.
    case sum(axes: [Int], keepDims: Bool)
    /// Maximum over axes; ties share the gradient equally.
    case max(axes: [Int], keepDims: Bool)
    /// `log Σ exp` over axes, computed stably.
    case logSumExp(axes: [Int], keepDims: Bool)
    /// The same elements in another shape.
    case reshape
    /// Axes reordered: output axis `i` is input axis `permutation[i]`.
    case permute([Int])
    /// The operand repeated along axes of size 1 (or new leading axes) to the output's shape.
    case broadcast
    /// `count` entries of `axis` starting at `start`.
    case slice(axis: Int, start: Int, count: Int)
    /// Zeros added before and after along `axis`.
    case pad(axis: Int, before: Int, after: Int)
    /// Operands joined along `axis`.
    case concatenate(axis: Int)
    /// `out[i] = x[i, indices[i]]` for a rank-2 `x`.
    case gatherColumns([Int])
    /// The adjoint of `gatherColumns`: a `[rows, width]` result with `x[i]` added at `[i, indices[i]]`.
    case scatterColumns([Int], width: Int)
    /// Rows (axis 0 entries) picked by index, repeats allowed.
    case selectRows([Int])
    /// The adjoint of `selectRows`: row `r` of `x` added into row `indices[r]` of `count` zero rows.
    case addRows([Int], count: Int)
    /// `out[i] = x.flat[indices[i]]`, shaped like the output (max pooling routes through this).
    case gatherFlat([Int])
    /// The adjoint of `gatherFlat`: `out.flat[indices[i]] += x[i]` into zeros of `shape`.
    case scatterFlat([Int], shape: [Int])
    /// 2-D convolution of NCHW input `[x, w]` or `[x, w, b]`.
    case conv2D(stride: Int, padding: Int)
    /// The convolution's adjoint in its input: operands `[outputGradient, w]`.
    case conv2DInputGradient(stride: Int, padding: Int, height: Int, width: Int)
    /// The convolution's adjoint in its weights: operands `[x, outputGradient]`.
    case conv2DWeightGradient(stride: Int, padding: Int, kernelHeight: Int, kernelWidth: Int)
    /// Average pooling of NCHW input (padding excluded from each window's count).
    case averagePool2D(kernel: Int, stride: Int, padding: Int)
    /// The adjoint of average pooling, back to a `height × width` input.
    case averagePool2DTranspose(kernel: Int, stride: Int, padding: Int, height: Int, width: Int)
    /// Matrix product of rank-2 operands or batched rank-3 operands.
    case matmul(transposeA: Bool, transposeB: Bool)
    /// `x W (+ b)`, or `x Wᵀ (+ b)` when `transposeWeight`, optionally through relu: operands
    /// `[x, W]` or `[x, W, b]`.
    case dense(relu: Bool, transposeWeight: Bool)
    /// Mean over rows of softmax cross-entropy of `logits` against integer labels.
    case softmaxCrossEntropy(labels: [Int])

    /// The operation's name in error messages.
    var name: String {
        switch self {
        case .leaf: return "variable"
        case .unary(let op): return "\(op)"
        case .binary(let op): return "\(op)"
        case .select: return "select"
        case .sum: return "sum"
        case .max: return "max"
        case .logSumExp: return "logSumExp"
        case .reshape: return "reshape"
        case .permute: return "permute"
        case .broadcast: return "broadcast"
        case .slice: return "slice"
        case .pad: return "pad"
        case .concatenate: return "concatenate"
        case .gatherColumns: return "gatherColumns"
        case .scatterColumns: return "scatterColumns"
        case .selectRows: return "selectRows"
        case .addRows: return "addRows"
        case .gatherFlat: return "gatherFlat"
        case .scatterFlat: return "scatterFlat"
        case .conv2D, .conv2DInputGradient, .conv2DWeightGradient: return "conv2D"
        case .averagePool2D, .averagePool2DTranspose: return "averagePool2D"
        case .matmul: return "matmul"
        case .dense: return "dense"
        case .softmaxCrossEntropy: return "softmaxCrossEntropy"
        }
    }
}

/// One recorded operation: its primitive, its operands and the storage of its result.
///
/// Nodes are immutable and point only backwards (to operands), so graphs never form cycles and
/// are freed with the last tensor that refers to them.
final class AutodiffNode<Scalar: TensorScalar>: @unchecked Sendable {
    let primitive: AutodiffPrimitive
    let inputs: [Tensor<Scalar>]
    let storage: TensorStorage<Scalar>
    let shape: [Int]

    init(primitive: AutodiffPrimitive, inputs: [Tensor<Scalar>], storage: TensorStorage<Scalar>, shape: [Int]) {
        self.primitive = primitive
        self.inputs = inputs
        self.storage = storage
        self.shape = shape
    }

    /// The result tensor, still attached to this node.
    var output: Tensor<Scalar> { Tensor(storage: storage, shape: shape, node: self) }
}
