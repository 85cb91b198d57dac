#if canImport(Glibc)
import Glibc
#endif

/// `infoscope-bench fisher`: seconds per Fisher-trace estimate of each method, as `RESULT {json}`
/// (`sec_<method>` and `trace_<method>`) for bench/peers/compare_runs.py.
func runFisherCommand(_ arguments: ArraySlice<String>) {
    let options = parseWorkloadOptions(arguments, workload: "fisher")
    do {
        let (measurements, check) = try FisherBenchmark(threads: options.threads, repeats: options.runs).run()
        for m in measurements {
            print("fisher threads=\(options.threads) \(m.name) sec=\(format6(m.seconds)) trace=\(format6(m.trace))")
        }
        let agreement = abs(check.batched - check.loop) / abs(check.loop)
        print("fisher check on \(FisherBenchmark.checkSamples) samples: batched \(check.batched), " +
              "one backward pass per sample \(check.loop), relative difference \(agreement)")
        // Float32 sums over ~270k weights per sample: agreement to 1e-4 is what rounding allows.
        if !(agreement < 1e-4) {
            fputs("error: the batched and per-sample Fisher traces disagree\n", stderr)
            exit(70)
        }
        let fields = measurements.map { "\"sec_\($0.name)\": \(format6($0.seconds)), \"trace_\($0.name)\": \(format6($0.trace))" }
        print("RESULT {\"bench\": \"infoscope_fisher\", \"threads\": \(options.threads), \"samples\": " +
              "\(FisherBenchmark.samples), \(fields.joined(separator: ", ")), \"check_relative_difference\": \(agreement)}")
    } catch {
        fputs("error: \(error)\n", stderr)
        exit(70)
    }
}

/// Microseconds for timings; traces keep their full value. Non-finite values become JSON null.
func format6(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    return value.magnitude < 1000 ? "\((value * 1e6).rounded() / 1e6)" : "\(value)"
}
