#if canImport(Glibc)
import Glibc
#endif
import TensorKernels

/// `infoscope-bench cnn`: seconds per 10,000 training samples of the CNN workload, as
/// `RESULT {json}` in the format of `torch_cnn.py` so bench/peers/compare_runs.py can pair them.
func runCNNCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "cnn")
    do {
        let (seconds, loss) = try CNNBenchmark(threads: options.threads, repeats: options.runs).run()
        let median = seconds.sorted()[seconds.count / 2]
        let all = seconds.map(format4).joined(separator: ", ")
        print("cnn threads=\(options.threads) sec_per_10k_samples=\(format4(median)) all=[\(all)]")
        print("RESULT {\"bench\": \"infoscope_cnn\", \"threads\": \(options.threads), " +
              "\"sec_per_10k_samples_median\": \(format4(median)), \"all\": [\(all)], " +
              "\"samples_per_s\": \(Int((CNNBenchmark.samplesPerFigure / median).rounded())), " +
              "\"final_loss\": \(format4(loss))}")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}

/// The options of a training workload (`--threads`, `--runs`), after the kernel settings check.
func parseWorkloadOptions(_ arguments: ArraySlice<String>, workload: String) -> BenchOptions {
    var options = BenchOptions()
    do {
        options = try BenchOptions.parse(arguments)
    } catch {
        fail("\(error)")
    }
    if options.shapes != nil { fail("\(workload) takes no --shapes") }
    refuseBadKernelSettings()
    return options
}

/// Stops with the message and status 70 when a kernel setting is not understood or names a path
/// this CPU lacks; otherwise sets the denormal mode on the main thread.
func refuseBadKernelSettings() {
    guard let problem = KernelSettings.prepareMainThread() else { return }
    fputs(problem + "\n", stderr)
    exit(70)
}
