#if canImport(Glibc)
import Glibc
#endif
import TensorKernels

/// `infoscope-bench mlp`: seconds per epoch of the MLP workload, as `RESULT {json}` in the format
/// of `torch_mlp.py` so bench/peers/compare_mlp.py can put them side by side.
func runMLPCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "mlp")
    let benchmark = MLPBenchmark(threads: options.threads, epochs: options.runs)
    do {
        let (seconds, loss) = try benchmark.run()
        let median = seconds.sorted()[seconds.count / 2]
        let all = seconds.map { "\(($0 * 1e4).rounded() / 1e4)" }.joined(separator: ", ")
        print("mlp threads=\(options.threads) sec_per_epoch=\(format4(median)) all=[\(all)]")
        print("RESULT {\"bench\": \"infoscope_mlp\", \"threads\": \(options.threads), " +
              "\"sec_per_epoch_median\": \(format4(median)), \"sec_per_epoch_all\": [\(all)], " +
              "\"samples_per_s\": \(Int((Double(MLPBenchmark.samples) / median).rounded())), " +
              "\"final_loss\": \(format4(loss))}")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}

/// Four decimals, as torch_mlp.py rounds its seconds.
func format4(_ value: Double) -> String { "\((value * 1e4).rounded() / 1e4)" }
