import Probes

/// The information probes of docs/probe-formulas.md (Achille, Paolini & Soatto, "Where is the Information in a
/// Deep Neural Network?"): each measures a network on data and returns a probe result; called
/// without the network it returns a probe to apply later (`train(..., probes: [p])`).
extension BuiltinRegistry {
    static var probes: [BuiltinFunction] { fisherProbes + curvatureProbes + variationalProbes + representationProbes + shannonProbes }

    static let paper = "From Achille, Paolini & Soatto, \"Where is the Information in a Deep Neural Network?\" "
        + "(arXiv 1905.12213); see also Achille, Rovere & Soatto, \"Critical Learning Periods in Deep Networks\" (ICLR 2019)."
    static let deferred = " Without net the call gives a probe, measured later by train(..., probes: [p], every: ...) "
        + "or p.apply(net). The result prints as a table and has members total, stderr, unit, layers (records of name, "
        + "value, share), each layer by name (r.dense4), notes (what the run found doubtful, also warned about on standard "
        + "error) and save(\"file.csv\" or \"file.json\")."

    static var fisherProbes: [BuiltinFunction] {
        [
            def("fisher_trace", "probes", "the trace of the Fisher information of the weights, per layer and in total",
                "tr F = (1/n) Σ_i E_{y~p_w(y|x_i)} ‖∇_w log p_w(y|x_i)‖², the true Fisher: labels drawn from the model, "
                    + "never the data's. It measures how sensitive the network's output distribution is to its weights "
                    + "(how much information the weights hold, up to the parameterisation) and, per layer, where. "
                    + "Estimators: Monte Carlo (default: one label drawn per input, unbiased, reported with a standard error, "
                    + "one backward pass per input batch) or exact: true (every class weighted by its probability: one "
                    + "backward pass per class). Dense and conv layers give each input's gradient norm from one batched "
                    + "backward pass (‖a_i‖²·‖δ_i‖²), batch norm too (per-channel sums); networks with layer norm fall back to a pass per input. "
                    + "on: the data (samples inputs drawn with seed when it has more); layers: report only these layers. "
                    + "The Fisher has no information unit: it scales with the parameterisation. " + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; fisher_trace(m(), on: blobs(100, seed: 0), samples: 50, seed: 0)",
                signature: "fisher_trace(net, on: data, samples: 1000, seed: none, exact: false, layers: none)") { p in
                fisherProbe(.fisherTrace, p, exact: true)
            },
            def("fisher_diagonal", "probes", "the diagonal of the Fisher information, element by element",
                "diag F_jj = (1/n) Σ_i E_{y~p_w} (∂ log p_w(y|x_i)/∂w_j)², the true Fisher's diagonal (its sum is tr F). "
                    + "The table shows per layer the sum and the largest entry; r.diagonal is a record of each weight tensor's "
                    + "values (row-major in the tensor's shape; r.shapes gives the shapes, so tensor(r.diagonal[name], shape: r.shapes[name]) lays one out). Same estimators as fisher_trace; dense and batch-norm layers are batched, "
                    + "conv layers take a backward pass per input. The diagonal is what the diagonal bound of info_in_weights "
                    + "and the per-weight noise of the information Lagrangian use. " + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; fisher_diagonal(m(), on: blobs(100, seed: 0), exact: true).diagonal",
                signature: "fisher_diagonal(net, on: data, samples: 1000, seed: none, exact: false, layers: none)") { p in
                fisherProbe(.fisherDiagonal, p, exact: true)
            },
            def("empirical_fisher", "probes", "the trace of the EMPIRICAL Fisher (data labels): not the Fisher information",
                "tr F_emp = (1/n) Σ_i ‖∇_w log p_w(y_i|x_i)‖² with the data's labels y_i. It is a different quantity from "
                    + "the true Fisher of fisher_trace (which draws labels from the model) and is labelled so; offered because "
                    + "it is common in the literature, e.g. to compare the two during training. Exact, one batched backward "
                    + "pass. " + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; empirical_fisher(m(), on: blobs(100, seed: 0)).total",
                signature: "empirical_fisher(net, on: data, samples: 1000, seed: none, layers: none)") { p in
                fisherProbe(.empiricalFisher, p, exact: false)
            },
        ]
    }

    static var curvatureProbes: [BuiltinFunction] {
        [
            def("info_in_weights", "probes", "the information in the weights (nats) under a Gaussian code, per layer and in total",
                "The weights are coded by a Gaussian posterior Q = N(w*, Σ) around the trained weights against the prior "
                    + "P = N(0, λ²I); the best Σ for the Lagrangian L_D + β·KL(Q‖P) under a quadratic loss is "
                    + "Σ* = β(F + β/λ² I)⁻¹ (form: \"corrected\"; \"paper\" uses the paper's printed (β/2)(F + β/(2λ²) I)⁻¹, "
                    + "which is not the optimum). With eigenvalues h_j of the Fisher and s_j = λ²h_j/β: "
                    + "IW = ‖w*‖²/(2λ²) + ½ Σ_j [log(1+s_j) − s_j/(1+s_j)] nats; r.lagrangian is C*_β. β is in the mean-loss "
                    + "convention (β > 0). curvature: \"full\" (exact eigen-decomposition, k weights up to 2000: k Fisher-vector "
                    + "products and O(k³)), \"block\" (each layer's block alone: an upper bound), \"diagonal\" (O(k), an upper "
                    + "bound), \"lanczos\" (stochastic Lanczos quadrature, 30 steps × 10 probes, with a standard error), "
                    + "\"auto\" (full up to 2000 weights, else diagonal). Per-layer rows come with block and diagonal; full and lanczos "
                    + "give the total. samples inputs (drawn with seed) make up L_D and F. Quadratic check: the code assumes the loss is "
                    + "quadratic over Σ*, E_Q L_D = L_D(w*) + ½ Σ_j h_j σ_j² (r.quadratic_loss); 16 antithetic pairs of weights "
                    + "drawn from Σ* (32 forward passes; not for lanczos, which never forms Σ*) give r.sampled_loss ± "
                    + "r.sampled_loss_se, and r.quadratic_ok is false when they differ by more than 3 standard errors plus half "
                    + "the predicted excess over L_D(w*), as at a saturated minimum: then a note and a warning suggest "
                    + "information_lagrangian, which does not assume it. " + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; info_in_weights(m(), blobs(100, seed: 0), beta: 1e-3).total",
                signature: "info_in_weights(net, data, beta: β, lambda: 1, curvature: \"auto\", form: \"corrected\", samples: 1000, seed: none)") { p in
                let head = ProbeHead(p, data: "data"), code = CodeParameters(p), sampling = ProbeSampling(p)
                p.probeCosts(head, sampling.samples) { s, w, _ in .success(code.cost(s, w)) }
                return probeBody(.infoInWeights, head, sampling) { r, a in try r.readCode(a, code) }
            },
            def("hessian_trace", "probes", "the trace of the Hessian of the mean loss, by Hutchinson's estimator",
                "tr H ≈ mean over Rademacher vectors v of vᵀHv, H the Hessian of L_D (mean cross-entropy on the data), with a "
                    + "standard error over the probes vectors. Each vector costs one exact Hessian-vector product (a double "
                    + "backward pass over the samples). Unlike the Fisher, H can have negative directions away from a minimum. "
                    + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; hessian_trace(m(), on: blobs(100, seed: 0), probes: 20, seed: 0)",
                signature: "hessian_trace(net, on: data, samples: 1000, probes: 100, seed: none)") { p in
                hessianProbe(.hessianTrace, p)
            },
            def("hessian_eigenvalues", "probes", "the k largest eigenvalues of the Hessian of the mean loss, by Lanczos",
                "Runs steps Lanczos iterations (default max(20, 3k); one Hessian-vector product each) and reports the k "
                    + "largest Ritz values with their residual bounds ‖Hv − λv‖; r.values lists them, r.total is the largest. "
                    + "The top of the spectrum measures the sharpness of the minimum. " + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; hessian_eigenvalues(m(), on: blobs(100, seed: 0), k: 2).values",
                signature: "hessian_eigenvalues(net, on: data, k: 3, steps: max(20, 3k), samples: 1000, seed: none)") { p in
                let head = ProbeHead(p), k = p.optional("k", .integer(atLeast: 1), default: .number(3))
                let steps = p.optional("steps", .integer(atLeast: 1)), sampling = ProbeSampling(p)
                p.probeCosts(head, sampling.samples) { s, w, _ in
                    let count = s.value(k) ?? 3
                    return .success(ProbeCost.hessianEigenvalues(w, steps: s.value(steps) ?? max(20, 3 * count)))
                }
                return probeBody(.hessianEigenvalues, head, sampling) { r, a in
                    let count = try a[k]
                    // Lanczos resolves the top k well with a Krylov space a few times k and at least 20 wide.
                    let given = try a[steps]
                    if let given, given < count { throw a.fail(steps, expected: "an integer ≥ \(count)") }
                    r.settings = .hessian(.init(eigenvalues: count, steps: given ?? max(20, 3 * count)))
                }
            },
            def("hessian_fisher_gap", "probes", "how far the Hessian is from the Fisher: ‖H − F‖_F / ‖F‖_F",
                "The Fisher is the Gauss-Newton part of the Hessian of the cross-entropy; the rest vanishes where the model "
                    + "fits its labels (and is exactly 0 for logistic and softmax regression). Up to 500 weights from the exact "
                    + "matrices (k Hessian- and Fisher-vector products), above from probes Rademacher vectors "
                    + "(E‖Av‖² = ‖A‖_F²). It tells whether the Fisher-based probes describe the curvature of the loss. "
                    + paper + deferred,
                example: "network m { input [2]; dense(8) relu; dense(3) }; hessian_fisher_gap(m(), on: blobs(100, seed: 0)).total",
                signature: "hessian_fisher_gap(net, on: data, samples: 1000, probes: 100, seed: none)") { p in
                hessianProbe(.hessianFisherGap, p)
            },
        ]
    }

    /// The body of a Fisher probe: head, samples and seed, `exact:` (unless empirical), `layers:`.
    static func fisherProbe(_ kind: ProbeRequest.Kind, _ p: ParameterList, exact: Bool) -> (BuiltinArguments) throws -> Value {
        let head = ProbeHead(p), sampling = ProbeSampling(p)
        let exactParameter = exact ? p.optional("exact", .bool, default: .bool(false)) : nil
        let layers = LayerSelection(p)
        p.probeCosts(head, sampling.samples) { s, w, _ in
            let isExact = exactParameter.flatMap { s.value($0) } ?? false
            let estimator: FisherEstimator = kind == .empiricalFisher ? .empirical : isExact ? .exact : .monteCarlo(seed: 0)
            return .success(ProbeCost.fisher(w, estimator: estimator, diagonal: kind == .fisherDiagonal))
        }
        return probeBody(kind, head, sampling) { r, a in try r.readFisher(a, exact: exactParameter, layers: layers) }
    }

    /// The body of hessian_trace and hessian_fisher_gap: head, samples, `probes:` (Rademacher vectors), seed.
    static func hessianProbe(_ kind: ProbeRequest.Kind, _ p: ParameterList) -> (BuiltinArguments) throws -> Value {
        let head = ProbeHead(p), samples = ProbeSampling.samples(p)
        let probes = p.optional("probes", .integer(atLeast: 2), default: .number(100))
        let sampling = ProbeSampling(samples: samples, seed: ProbeSampling.seed(p))
        p.probeCosts(head, samples) { s, w, _ in
            let count = s.value(probes) ?? 100
            if kind == .hessianTrace { return .success(ProbeCost.hessianTrace(w, probes: count)) }
            return .success(ProbeCost.hessianFisherGap(w, probes: count, exactMaxParameters: ProbeRequest.exactGapLimit))
        }
        return probeBody(kind, head, sampling) { r, a in r.settings = .hessian(.init(probes: try a[probes])) }
    }

    /// The body shared by the probes: read and check the settings, then measure the network or,
    /// without one, give the probe itself. A dataset in the network's place with no data given
    /// is the data (`info_in_weights(train, beta: 1e-3)` makes a probe).
    static func probeBody(_ kind: ProbeRequest.Kind, _ head: ProbeHead, _ sampling: ProbeSampling,
                          _ read: @escaping ProbeReader) -> (BuiltinArguments) throws -> Value {
        { given in
            var a = given
            if case .object(let d as DatasetValue)? = try a[head.net], a.isNone(head.data) {
                var values = a.values
                values[head.net.index] = .none
                values[head.data.index] = .object(d)
                a = BuiltinArguments(function: a.function, values: values, evaluator: a.evaluator)
            }
            let request = try ProbeRequest(kind, a, head: head, sampling: sampling, read: read)
            guard let value = try a[head.net] else { return .object(ProbeValue(request, name: kind.rawValue)) }
            guard case .object(let net as NetworkValue) = value else { throw a.fail(head.net, expected: "a network") }
            return a.evaluator.warned(try request.run(on: net, pool: a.evaluator.session.pool, interrupt: a.evaluator.interrupt))
        }
    }
}
