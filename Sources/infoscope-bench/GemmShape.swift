import TensorKernels

/// One matrix product to time: `C[m×n] = op(A)[m×k] · op(B)[k×n]`.
struct GemmShape {
    var name: String
    var transA: Transpose
    var transB: Transpose
    var m: Int
    var n: Int
    var k: Int

    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

extension GemmShape {
    private init(_ name: String, _ transA: Transpose, _ transB: Transpose, _ m: Int, _ n: Int,
                 _ k: Int) {
        self.init(name: name, transA: transA, transB: transB, m: m, n: n, k: k)
    }

    /// The benchmark set: square sizes, then every product of one training step of the two peer
    /// workloads (bench/peers/*.py), batch 128, weights stored `out × in` as torch stores them.
    ///
    /// MLP 784-256-256-10: forward `X·Wᵀ` (B transposed), weight gradient `dYᵀ·X` (A transposed),
    /// input gradient `dY·W`; the first layer needs no input gradient.
    /// CNN: convolutions as batched im2col products over all 128×H×W output positions —
    /// conv1 (1→32, 5×5, 24×24 out): K = 25; conv2 (32→64, 5×5, 8×8 out): K = 800 — then the
    /// dense layers 1024→128→10. conv1 needs no input gradient.
    static let all: [GemmShape] = [
        .init("sq256", .none, .none, 256, 256, 256),
        .init("sq512", .none, .none, 512, 512, 512),
        .init("sq1024", .none, .none, 1024, 1024, 1024),
        .init("mlp_fc1_fwd", .none, .transposed, 128, 256, 784),
        .init("mlp_fc1_dW", .transposed, .none, 256, 784, 128),
        .init("mlp_fc2_fwd", .none, .transposed, 128, 256, 256),
        .init("mlp_fc2_dW", .transposed, .none, 256, 256, 128),
        .init("mlp_fc2_dX", .none, .none, 128, 256, 256),
        .init("mlp_fc3_fwd", .none, .transposed, 128, 10, 256),
        .init("mlp_fc3_dW", .transposed, .none, 10, 256, 128),
        .init("mlp_fc3_dX", .none, .none, 128, 256, 10),
        .init("cnn_conv1_fwd", .none, .transposed, 73728, 32, 25),
        .init("cnn_conv1_dW", .transposed, .none, 32, 25, 73728),
        .init("cnn_conv2_fwd", .none, .transposed, 8192, 64, 800),
        .init("cnn_conv2_dW", .transposed, .none, 64, 800, 8192),
        .init("cnn_conv2_dX", .none, .none, 8192, 800, 64),
        .init("cnn_fc1_fwd", .none, .transposed, 128, 128, 1024),
        .init("cnn_fc1_dW", .transposed, .none, 128, 1024, 128),
        .init("cnn_fc1_dX", .none, .none, 128, 1024, 128),
        .init("cnn_fc2_fwd", .none, .transposed, 128, 10, 128),
        .init("cnn_fc2_dW", .transposed, .none, 10, 128, 128),
        .init("cnn_fc2_dX", .none, .none, 128, 128, 10),
    ]
}
