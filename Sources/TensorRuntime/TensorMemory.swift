#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for tensor workloads, applied once by an executable at start-up
/// (the command line, the benchmarks) — never by the library on its own.
public enum TensorMemory {
    /// Largest block glibc may hand out from its heap instead of a fresh `mmap`: 32 MiB, glibc's
    /// own ceiling for this setting. Activations of a batch (a 128×32×24×24 convolution output is
    /// 9.4 MB) stay below it.
    static let heapBlockLimit: Int32 = 32 << 20
    /// Free memory at the top of the heap glibc keeps instead of returning it to the system: 1 GiB,
    /// more than a training step's working set on the workloads we run, so steady-state steps
    /// allocate nothing from the kernel.
    static let keptFreeMemory: Int32 = 1 << 30

    /// Makes the C allocator reuse freed tensor buffers instead of unmapping them.
    ///
    /// Why: by default glibc serves blocks of 128 KiB and up (a 128×256 Float32 activation) with
    /// `mmap` and unmaps them on free, so every training step page-faults its activations in again
    /// and the kernel zeroes each page. In `perf` on the CNN workload that was ~15% of the time and
    /// 1.2 million page faults per 10,000 samples; with these settings 26 thousand, and the
    /// workload ran 1.6× faster (bench/RESULTS.md). The cost is that freed memory stays with the
    /// process until it exits.
    public static func keepFreedBuffers() {
        #if canImport(Glibc)
        // Swift's Glibc module does not include <malloc.h>, so `mallopt` is looked up by name;
        // the option numbers are glibc's M_TRIM_THRESHOLD (-1) and M_MMAP_THRESHOLD (-3).
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(-3, heapBlockLimit)
        _ = mallopt(-1, keptFreeMemory)
        #endif
    }
}
