/// The machine constants turning counted work into seconds, and the work per pass that the
/// estimates count. Measured on the project's machine (2 Zen 3 cores, AVX2+FMA; see
/// bench/README.md), with `ProbesTests.CostCalibrationTests` printing estimate against measurement.
public enum CostModel {
    /// Sustained flop rate of whole Float passes (forward, backward, curvature products) on both
    /// cores. Calibrated with `CostCalibrationTests` on a 784-64-10 MLP, 500 samples, debug test
    /// build (the runtime is always optimised), on 2026-11-26 under other builds' load: training
    /// ran at ~70 GFLOP/s, batched Fisher passes at 40–80, Gauss-Newton and Hessian-vector
    /// products at ~25 (as counted here). 40e9 puts each of those within a factor of two.
    /// Double models run at about half this rate (half the SIMD lanes); estimates assume Float.
    public static let tensorFlopsPerSecond = 40e9
    /// Double linear algebra (eigen-decomposition, Cholesky) is scalar Swift: SymmetricEigen
    /// documents 9·500³ flops in ~0.25 s with vectors, about 4.5 GFLOP/s; eigenvalues alone and
    /// less cache-friendly sizes run slower, so 2e9.
    public static let linearAlgebraFlopsPerSecond = 2e9
    /// Fixed cost of one tensor operation (allocation, graph node, dispatch): 2 µs, the order
    /// the calibration test sees on models so small that flops do not matter.
    public static let secondsPerOperation = 2e-6

    /// A backward pass costs about twice its forward pass (two products per weight product).
    static let backwardFactor = 2.0
    /// The batched per-sample norms of the Fisher only propagate δ (no weight gradients, and
    /// none below the first layer): about one forward.
    static let perSampleNormFactor = 1.0
    /// A convolution's per-sample norms also form each sample's weight gradient from the
    /// unfolded input: one more forward's worth of flops on top of δ, but the unfold copies and
    /// the small per-sample products run far below the GEMM rate. Counted as 8 forwards, which
    /// brings the quick start's CNN (CostCalibrationTests) from 4× to within 2× of measured.
    static let convolutionNormFactor = 8.0
    /// A Gauss-Newton or Hessian-vector product over one sample: forward (1), a backward that
    /// records its own graph (2), and the second backward through both (≈ 4): about 7 forwards.
    static let curvatureProductFactor = 7.0
    /// The recorded graph keeps each operation's output and the inputs its backward needs, and
    /// the backward pass holds gradients of the same size: about 3 values per activation.
    static let graphValuesPerActivation = 3.0
    /// Tensor operations per layer per pass (the product, the bias, the activation, their
    /// backward nodes): used for the fixed per-operation cost.
    static let operationsPerLayerPass = 6.0
}
