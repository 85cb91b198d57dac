import Foundation
import Learning
import Probes

extension ProbeRequest {
    /// The P7 result: trace and log-det of F_{z|x}, the Monte Carlo I(z_n; y) when drawn, the
    /// per-pixel map as r.map (flat; r.map_shape is the input's shape) and r.save_map("map.pgm").
    func activationValue(_ r: ActivationInformationResult, mc: (value: Double, standardError: Double)?, layer: String,
                         _ s: ActivationSettings, noise: String) -> ProbeResultValue {
        var settings: [(key: String, value: String)] = [
            ("unit", "none for the Fisher; nats for I(z_n;c)"), ("layer", layer), ("input", "sample \(s.index) of '\(dataName)'"),
            ("form", r.form.rawValue),
            ("β", s.posterior == nil ? "\(formatNumber(s.beta)) (mean-loss convention)" : "in the posterior's variances"),
            ("weight noise", noise),
            ("ε", formatNumber(s.epsilon)), ("damping", formatNumber(s.damping)),
        ]
        var rows: [[ProbeCell]] = [[.text("tr F_z|x"), .number(r.trace)],
                                   [.text(r.isPseudoLogDeterminant ? "pseudo-log-det F_z|x (rank-deficient)" : "log-det F_z|x"), .number(r.logDeterminant)]]
        var extras: [(name: String, value: Value)] = [
            ("trace", .number(r.trace)), ("log_det", .number(r.logDeterminant)), ("pseudo", .bool(r.isPseudoLogDeterminant)),
            ("map", .list(r.diagonal.map { .number($0) })),
            // One sample's shape (the probe's input is a batch of one), so that
            // tensor(r.map, shape: r.map_shape) lays the map out as the sample it is about.
            ("map_shape", NetworkValue.shapeValue(r.inputShape.count > 1 && r.inputShape[0] == 1 ? Array(r.inputShape.dropFirst()) : r.inputShape)),
            ("fisher", .list((0..<r.fisher.rows).map { i in .list((0..<r.fisher.columns).map { .number(r.fisher[i, $0]) }) })),
            ("save_map", .builtin(saveMap(r.diagonal, shape: r.inputShape))),
        ]
        if let mc {
            let c = s.about == nil ? "y" : "c"
            rows.append([.text("I(z_n;\(c)) Monte Carlo"), .estimate(mc.value, standardError: mc.standardError)])
            settings.append(("I(z_n;\(c))", (s.about == nil ? "c = the label; " : "c = the given ids; ") + "\(s.draws) weight draws on each of \(min(s.inputs, data.count)) inputs, Gaussian class-conditional; ± one standard error"))
            extras += [("information", .number(mc.value)), ("information_stderr", .number(mc.standardError))]
        }
        let shown = ProbeTable(title: "Effective information in the activations of \(layer), linearised — Fisher of z about the input",
                               settings: settings, columns: ["quantity", "value"], rows: rows)
        return ProbeResultValue(probe: kind.rawValue, shown: shown, exported: r.table, total: r.trace, standardError: nil,
                                unit: nil, layers: [], extras: extras)
    }

    /// `r.save_map(path)`: diag F_{z|x} as a greyscale PGM image, channels summed, white the largest.
    private func saveMap(_ values: [Double], shape: [Int]) -> BuiltinFunction {
        let doc = BuiltinDoc(signature: "result.save_map(path)", summary: "write the per-pixel map of diag F_z|x as a .pgm image",
                             description: "Height × width of the input (channels summed; a flat input is one row), scaled so the largest entry is white.",
                             example: "activation_information(net, test, layer: \"conv1\", beta: 0.01).save_map(\"map.pgm\")", category: "probes")
        return .method("save_map", doc: doc) { p in
            let pathParameter = p.output("path")
            return { a in try Self.writeMap(values, shape: shape, to: try a[pathParameter], parameter: pathParameter.index) }
        }
    }

    /// Writes the map as an 8-bit PGM image; errors point at `parameter`.
    private static func writeMap(_ values: [Double], shape: [Int], to path: String, parameter: Int) throws -> Value {
        guard (path as NSString).pathExtension.lowercased() == "pgm" else {
            throw RuntimeError(Messages.activationMapFormat(path), parameter: parameter)
        }
        let (height, width) = shape.count >= 2 ? (shape[shape.count - 2], shape[shape.count - 1]) : (1, values.count)
        let plane = height * width
        let pixels = (0..<plane).map { p in stride(from: p, to: values.count, by: max(plane, 1)).reduce(0) { $0 + values[$1] } }
        let top = pixels.max() ?? 0
        // 8-bit greyscale: 255 levels, the largest entry white; a zero map stays black.
        let bytes = pixels.map { UInt8(top > 0 ? max(0, min(255, ($0 / top * 255).rounded())) : 0) }
        do {
            try AtomicFile.write(Array("P5\n\(width) \(height)\n255\n".utf8) + bytes, to: path)
        } catch let WeightFileError.io(_, reason) {
            throw RuntimeError(Messages.probeExportFailed(path, reason), parameter: parameter)
        }
        return .none
    }
}
