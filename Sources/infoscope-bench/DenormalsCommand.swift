#if canImport(Glibc)
import Glibc
#endif
import TensorKernels

/// `infoscope-bench denormals`: seconds per epoch of the saturated and the unsaturated side of
/// `DenormalBenchmark` (medians) and their ratio, under the process's denormal mode
/// (`INFOSCOPE_DENORMALS`, named in the output). Target with flushing: ratio ≤ 1.1.
func runDenormalsCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "denormals")
    do {
        let (saturated, unsaturated) = try DenormalBenchmark(threads: options.threads, epochs: options.runs).run()
        let s = median(saturated.seconds), u = median(unsaturated.seconds)
        let mode = DenormalMode.flushes ? "flush" : "keep"
        print("denormals threads=\(options.threads) mode=\(mode) saturated=\(format4(s)) s/epoch " +
              "(loss \(format4(saturated.loss)), \(percent(saturated.subnormalShare)) of the loss gradient subnormal) " +
              "unsaturated=\(format4(u)) s/epoch (loss \(format4(unsaturated.loss)), " +
              "\(percent(unsaturated.subnormalShare)) subnormal) ratio=\(format4(s / u))")
        print("RESULT {\"bench\": \"infoscope_denormals\", \"threads\": \(options.threads), \"mode\": \"\(mode)\", " +
              "\"saturated_sec_per_epoch\": \(format4(s)), \"unsaturated_sec_per_epoch\": \(format4(u)), " +
              "\"saturated_all\": [\(saturated.seconds.map(format4).joined(separator: ", "))], " +
              "\"unsaturated_all\": [\(unsaturated.seconds.map(format4).joined(separator: ", "))], " +
              "\"saturated_loss\": \(format4(saturated.loss)), \"unsaturated_loss\": \(format4(unsaturated.loss)), " +
              "\"saturated_subnormal_share\": \(saturated.subnormalShare), \"unsaturated_subnormal_share\": \(unsaturated.subnormalShare), \"ratio\": \(format4(s / u))}")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

private func percent(_ share: Double) -> String { "\(format((share * 100)))%" }
