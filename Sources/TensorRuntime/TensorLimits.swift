import Foundation

/// The limit on the size of a single tensor, so an absurd shape (a typo in a width, a product of
/// large dimensions) throws a `TensorError` instead of waking the kernel's OOM killer.
///
/// The default is 4 GiB per tensor: the machines this runs on have tens of GiB shared between
/// several processes, a training step keeps several tensors of similar size alive, and the largest
/// legitimate tensor here (CIFAR-10 as Float32, ~600 MB) is well below it. The environment variable
/// `INFOSCOPE_MAX_TENSOR_BYTES` sets a different default at start-up; `withMaxBytes` changes it for
/// one task scope (tests use it to exercise the error without allocating gigabytes).
public enum TensorLimits {
    /// The default limit in bytes: `INFOSCOPE_MAX_TENSOR_BYTES` if set to a positive integer, else 4 GiB.
    public static let defaultMaxBytes: Int = {
        if let text = ProcessInfo.processInfo.environment["INFOSCOPE_MAX_TENSOR_BYTES"],
           let value = Int(text), value > 0 {
            return value
        }
        return 4 << 30
    }()

    /// The limit in force for the current task.
    @TaskLocal public static var maxBytes: Int = defaultMaxBytes

    /// Runs `body` with a different per-tensor limit.
    public static func withMaxBytes<R>(_ bytes: Int, _ body: () throws -> R) rethrows -> R {
        try $maxBytes.withValue(bytes, operation: body)
    }
}
