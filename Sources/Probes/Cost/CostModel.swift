/// The machine constants turning counted work into seconds, and the work per pass that the
/// estimates count. Measured on the project's machine (2 Zen 3 cores, AVX2+FMA; see
/// bench/README.md), with `ProbesTests.CostCalibrationTests` printing estimate against measurement.
public enum CostModel {
    /// Sustained flop rate of the tensor kernels in forward/backward passes of small networks:
    /// the GEMM reaches ~100 GFLOP/s on one core (bench/RESULTS.md), but the element-wise work,
    /// packing and autodiff bookkeeping around it bring whole passes of probe-sized models
    /// (widths 32–512) to a few GFLOP/s. 4e9 is the order measured by the calibration test on a
    /// 784-64-10 MLP (Fisher, curvature products and training steps).
    public static let tensorFlopsPerSecond = 4e9
    /// Double linear algebra (eigen-decomposition, Cholesky) is scalar Swift: SymmetricEigen
    /// documents 9·500³ flops in ~0.25 s with vectors, about 4.5 GFLOP/s; eigenvalues alone and
    /// less cache-friendly sizes run slower, so 2e9.
    public static let linearAlgebraFlopsPerSecond = 2e9
    /// Fixed cost of one tensor operation (allocation, graph node, dispatch): 2 µs, the order
    /// the calibration test sees on models so small that flops do not matter.
    public static let secondsPerOperation = 2e-6

    /// A backward pass costs about twice its forward pass (two products per weight product).
    static let backwardFactor = 2.0
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
