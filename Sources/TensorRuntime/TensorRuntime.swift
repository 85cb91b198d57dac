@_exported import TensorKernels

/// The version of the numeric runtime, reported by `infoscope --version`.
public let tensorRuntimeVersion = "0.1.0"
