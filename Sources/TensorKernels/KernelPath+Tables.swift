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

    /// The direct convolutions' kernels: the 8-wide fused ones on both AVX paths, so that they
    /// give the bits of the GEMM they stand in for (AVX-512 and AVX2 tiles round alike).
    var convolutionKernels: ConvKernelTable {
        switch self {
        case .avx512, .avx2: return AVX2Kernels.convolution
        case .portable: return PortableKernels.convolution
        }
    }
}
