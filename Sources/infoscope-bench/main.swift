#if canImport(Glibc)
import Glibc
#endif
import TensorKernels
import TensorRuntime

// infoscope-bench: speed measurements of the runtime's kernels (see bench/README.md).
// usage: infoscope-bench gemm|mlp|cnn|fisher|peak|denormals [--threads N] [--runs N] (see `usage`)
// Prints one line per shape, then `RESULT {json}` in the format of the peer scripts.

let usage = "usage: infoscope-bench gemm [--threads N] [--runs N] [--shapes name,name,...]\n" +
    "       infoscope-bench mlp [--threads N] [--runs EPOCHS]\n" +
    "       infoscope-bench mlp-network [--threads N] [--runs EPOCHS]\n" +
    "       infoscope-bench cnn [--threads N] [--runs REPEATS]\n" +
    "       infoscope-bench fisher [--threads N] [--runs REPEATS]\n" +
    "       infoscope-bench calibrate [--threads N]\n" +
    "       infoscope-bench peak [--threads N] [--runs N]\n" +
    "       infoscope-bench denormals [--threads N] [--runs EPOCHS]"

func fail(_ message: String) -> Never {
    fputs("error: \(message)\n\(usage)\n", stderr)
    exit(64)
}

func runGemmCommand(_ arguments: ArraySlice<String>) {
    var options = BenchOptions()
    do {
        options = try BenchOptions.parse(arguments)
    } catch {
        fail("\(error)")
    }
    var shapes = GemmShape.all
    if let names = options.shapes {
        let unknown = names.filter { name in !shapes.contains { $0.name == name } }
        if !unknown.isEmpty {
            fail("unknown shape \(unknown.joined(separator: ", ")); known: " +
                 shapes.map(\.name).joined(separator: ", "))
        }
        shapes = shapes.filter { names.contains($0.name) }
    }
    refuseBadKernelSettings()
    let benchmark = GemmBenchmark(threads: options.threads, runs: options.runs, shapes: shapes)
    let results = benchmark.run { print($0); fflush(stdout) }
    let entries = results.map { "\"\($0.name)\": {\"median\": \(format($0.median)), \"best\": \(format($0.best))}" }
    print("RESULT {\"bench\": \"infoscope_gemm\", \"threads\": \(options.threads), " +
          "\"gflops\": {\(entries.joined(separator: ", "))}}")
}

TensorMemory.keepFreedBuffers()
let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "gemm":
    runGemmCommand(arguments.dropFirst())
case "mlp":
    runMLPCommand(arguments.dropFirst())
case "mlp-network":
    runNetworkMLPCommand(arguments.dropFirst())
case "cnn":
    runCNNCommand(arguments.dropFirst())
case "fisher":
    runFisherCommand(arguments.dropFirst())
case "calibrate":
    runCalibrationCommand(arguments.dropFirst())
case "peak":
    runPeakCommand(arguments.dropFirst())
case "denormals":
    runDenormalsCommand(arguments.dropFirst())
case "-h", "--help":
    print(usage)
case let other?:
    fail("unknown workload '\(other)'")
case nil:
    fail("missing workload")
}
