import Foundation

extension BuiltinRegistry {
    /// `clock()`: seconds on a monotonic clock, for timing parts of a script (benchmarks of the
    /// runners and probes from a script, as `bench/fisher_script.isc` does).
    static var clock: BuiltinFunction {
        def("clock", "values", "seconds on a monotonic clock: the difference of two calls is the time between them",
            "The origin is arbitrary (the machine's uptime), so only differences mean anything. Unaffected by changes "
                + "of the wall-clock time. Use it to time a probe or a training run from a script.",
            example: "let t = clock(); let s = sum(0..<1000); clock() - t >= 0") { _ in
            { _ in .number(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        }
    }
}
