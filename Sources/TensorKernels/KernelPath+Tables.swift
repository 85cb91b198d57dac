import KernelsAVX2
import KernelsAVX512
import KernelsPortable
import KernelTiles

extension KernelPath {
    /// The GEMM kernels of this path. Call them only when `runs(on:)` holds for this CPU.
    var gemmKernels: GemmKernelTable {
        switch self {
        case .avx512: return AVX512Kernels.gemm
        case .avx2: return AVX2Kernels.gemm
        case .portable: return PortableKernels.gemm
        }
    }

    /// The GEMM kernels for a product `columns` wide: on the AVX-512 path, the 8-wide ones when
    /// 32-column tiles would pad the product by more than a tenth beyond 16-column ones. A layer
    /// with 10 outputs pads to 32 columns instead of 16: `mlp_fc3_fwd` (128×10×256) ran at 31
    /// GFLOP/s with the wide tiles and 59 with the narrow ones (Zen 4, 1 thread). Both round
    /// alike, so the choice never changes a bit.
    func gemmKernels(columns: Int) -> GemmKernelTable {
        guard self == .avx512 else { return gemmKernels }
        func padded(_ width: Int) -> Int { (columns + width - 1) / width * width }
        return padded(32) * 10 <= padded(16) * 11 ? AVX512Kernels.gemm : AVX2Kernels.gemm
    }

    /// The optimisers' loops of this path (`Learning.SGD`). Call them only when `runs(on:)` holds.
    public var optimizerKernels: OptimizerKernelTable {
        switch self {
        case .avx512: return AVX512Kernels.optimizers
        case .avx2: return AVX2Kernels.optimizers
        case .portable: return PortableKernels.optimizers
        }
    }

    /// The random generator's loop of this path (`RandomStream`'s fills). Call it only when
    /// `runs(on:)` holds.
    public var randomKernels: RandomKernelTable {
        switch self {
        case .avx512: return AVX512Kernels.random
        case .avx2: return AVX2Kernels.random
        case .portable: return PortableKernels.random
        }
    }

    /// The variational fits' per-weight passes of this path. Call them only when `runs(on:)` holds.
    public var variationalKernels: VariationalKernelTable {
        switch self {
        case .avx512: return AVX512Kernels.variational
        case .avx2: return AVX2Kernels.variational
        case .portable: return PortableKernels.variational
        }
    }

    /// The multiply-add loop that measures this path's peak (`infoscope-bench peak`). Call it only
    /// when `runs(on:)` holds for this CPU.
    public var peakLoop: PeakLoop {
        switch self {
        case .avx512: return AVX512Kernels.peak
        case .avx2: return AVX2Kernels.peak
        case .portable: return PortableKernels.peak
        }
    }

    /// The direct convolutions' kernels: the 8-wide fused ones on both AVX paths, so that they
    /// give the bits of the GEMM they stand in for (AVX-512 and AVX2 tiles round alike).
    var convolutionKernels: ConvKernelTable {
        switch self {
        case .avx512, .avx2: return AVX2Kernels.convolution
        case .portable: return PortableKernels.convolution
        }
    }
}
