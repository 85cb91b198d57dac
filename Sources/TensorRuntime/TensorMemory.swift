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
    /// Allocator arenas: one. Scripts run on their own thread (for its large stack), and glibc
    /// gives every thread after the main one an arena of its own, made of 64 MiB heaps that it
    /// unmaps as soon as one is wholly free, whatever the trim threshold. A variational fit on
    /// 472k weights frees and allocates about 30 MB of vectors per step; in its own arena that
    /// cost 7,000 page faults a step and 36% of its time in the kernel (11.0 s against 7.0 s
    /// for 300 steps, Zen 4). The worker threads allocate almost nothing, so one shared arena
    /// costs no measurable contention (the MLP and CNN script workloads ran alike).
    static let arenaLimit: Int32 = 1

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
        // the option numbers are glibc's M_TRIM_THRESHOLD (-1), M_MMAP_THRESHOLD (-3) and
        // M_ARENA_MAX (-8).
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(-3, heapBlockLimit)
        _ = mallopt(-1, keptFreeMemory)
        _ = mallopt(-8, arenaLimit)
        #endif
    }
}
