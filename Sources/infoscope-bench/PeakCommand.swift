#if canImport(Glibc)
import Glibc
#endif
import KernelTiles
import TensorKernels

/// `infoscope-bench peak`: the multiply-add peak of every kernel path this CPU runs, on `--threads`
/// threads, so that the other figures can be given as a fraction of the machine's limit. Each run
/// times `tasksPerThread × threads` tasks of the path's `PeakLoop` spread over the worker pool;
/// the best run is the peak (other processes only ever slow a run down), the median shows the
/// noise. Prints one line per path and a `RESULT {json}` line.
func runPeakCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "peak")
    let pool = WorkerPool(threadCount: options.threads)
    var entries: [String] = []
    for path in KernelPath.supported() {
        let rates = (0..<options.runs).map { _ in peakRate(path.peakLoop, threads: options.threads, pool: pool) }
        let sorted = rates.sorted()
        let best = sorted.last ?? 0, median = sorted[sorted.count / 2]
        print("peak path=\(path.rawValue) threads=\(options.threads) gflops=\(format(best)) " +
              "median=\(format(median))")
        entries.append("\"\(path.rawValue)\": {\"best\": \(format(best)), \"median\": \(format(median))}")
    }
    print("RESULT {\"bench\": \"infoscope_peak\", \"threads\": \(options.threads), \"cpu\": \"\(CPUModel.name)\", " +
          "\"gflops\": {\(entries.joined(separator: ", "))}}")
}

/// Tasks per thread in one run: the pool hands them out one at a time, so a thread that the
/// system delays takes fewer instead of holding the others up at the end.
private let tasksPerThread = 4

/// Iterations of one task: 4 million × 384 flops (12 accumulators × 16 lanes × 2) is about 1.5
/// GFLOP, a few hundredths of a second on one core.
private let iterationsPerTask = 12_000_000

/// GFLOP/s of one run of `loop` on `threads` threads.
private func peakRate(_ loop: PeakLoop, threads: Int, pool: WorkerPool) -> Double {
    let tasks = tasksPerThread * threads
    var checksums = [Float](repeating: 0, count: tasks)
    let start = monotonicSeconds()
    checksums.withUnsafeMutableBufferPointer { sums in
        pool.parallelFor(tasks) { task, _ in sums[task] = loop.run(iterationsPerTask) }
    }
    let seconds = monotonicSeconds() - start
    // The checksums are read, so no task can be left out.
    guard checksums.allSatisfy({ $0.isFinite }) else { fail("the peak loop diverged") }
    return Double(tasks * iterationsPerTask * loop.flopsPerIteration) / seconds / 1e9
}
