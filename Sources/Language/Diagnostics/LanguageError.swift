import Learning
import Probes
import TensorRuntime

/// The one bridge from the errors of the modules below (training, data, weight files, probes,
/// tensors) to the language's runtime errors, said in the language's words: an estimator is named
/// by the argument that selects it, a layer's error points at the line that declared it, and an
/// interrupted probe is Ctrl-C. The modules throw structured cases; nothing here rewrites text.
enum LanguageError {
    /// How the language names an estimator a refusal points to.
    static func name(_ estimator: EstimatorName) -> String {
        switch estimator {
        case .layerBlocks: return "curvature: \"block\""
        case .diagonal: return "curvature: \"diagonal\""
        case .lanczos: return "curvature: \"lanczos\""
        case .matrixFree: return "a stochastic estimator (curvature: \"lanczos\", hessian_trace)"
        }
    }

    /// A probe's error as the language says it: "probe: what was wrong".
    static func message(_ e: ProbeError) -> String { "\(e.probe): " + e.message(naming: name) }

    /// `error` as a runtime error pointing at `parameter` (when it is about an argument); a
    /// tensor error is prefixed with `context` (the builtin), a layer's error located in
    /// `network`'s declaration. Errors of other kinds pass through.
    static func bridge(_ error: Error, context: String? = nil, network: NetworkValue? = nil, parameter: Int? = nil) -> Error {
        switch error {
        case let e as ProbeError: return RuntimeError(message(e), parameter: parameter)
        case let e as ModelError: return network.map { $0.located(e, fallback: nil) } ?? RuntimeError(e.description, parameter: parameter)
        case let e as TrainingError: return RuntimeError(e.description, parameter: parameter)
        case let e as DatasetError: return RuntimeError(e)
        case let e as WeightFileError: return RuntimeError(e.description, parameter: parameter)
        case let e as ParallelError: return RuntimeError(e.description)
        case let e as TensorError: return RuntimeError(context.map { "\($0): \(e)" } ?? "\(e)", parameter: parameter)
        case is ProbeInterrupted: return RuntimeError.interrupted
        default: return error
        }
    }
}
