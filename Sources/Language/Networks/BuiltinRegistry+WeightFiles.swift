import Learning

/// Saving and loading a network's weights: checkpoints (the project's own format) and
/// safetensors / NPZ for other tools. Files are written atomically.
extension BuiltinRegistry {
    static var weightFiles: [BuiltinFunction] {
        [
            def("save", "networks",
                "write a network's weights (and batch-norm statistics) to a checkpoint file",
                "The network must be built. The file is replaced atomically; load(net, path) reads it back.",
                example: "network pair { input [2]; dense(2) }; let net = pair(); save(net, \"{temp_dir()}/net.ckpt\")") { p in
                let net = p.required("net", .network), path = p.output("path")
                return { a in try weights(a, net, path) { n, path in try n.saveCheckpoint(to: path) } }
            },
            def("load", "networks",
                "read weights saved by save into a built network of the same architecture",
                "Every tensor must match a parameter of the network by name and shape. A file holding NaN or "
                    + "infinite values is refused, naming the tensor and the count, unless allow_nonfinite is true. "
                    + "Nothing is loaded when anything is wrong.",
                example: "network pair { input [2]; dense(2) }; let net = pair(); save(net, \"{temp_dir()}/net.ckpt\"); load(net, \"{temp_dir()}/net.ckpt\")") { p in
                let net = p.required("net", .network), path = p.input("path")
                let allowNonFinite = p.optional("allow_nonfinite", .bool, default: .bool(false))
                return { a in
                    let allow = try a[allowNonFinite]
                    return try weights(a, net, path) { n, path in try n.loadCheckpoint(from: path, allowNonFinite: allow) }
                }
            },
            def("export_safetensors", "networks",
                "write a network's weights as a safetensors file",
                "Tensor names follow PyTorch's state_dict of an equivalent nn.Sequential (\"0.weight\", ...).",
                example: "network pair { input [2]; dense(2) }; let net = pair(); export_safetensors(net, \"{temp_dir()}/net.safetensors\")") { p in
                let net = p.required("net", .network), path = p.output("path")
                return { a in try weights(a, net, path) { n, path in try n.exportSafeTensors(to: path) } }
            },
            def("import_safetensors", "networks", "read weights from a safetensors file into a built network",
                "Names and shapes must match the network's parameters. A file holding NaN or infinite values is "
                    + "refused, naming the tensor and the count, unless allow_nonfinite is true. Nothing is loaded "
                    + "when anything is wrong.",
                example: "network pair { input [2]; dense(2) }; let net = pair(); export_safetensors(net, \"{temp_dir()}/net.safetensors\"); import_safetensors(net, \"{temp_dir()}/net.safetensors\")") { p in
                let net = p.required("net", .network), path = p.input("path")
                let allowNonFinite = p.optional("allow_nonfinite", .bool, default: .bool(false))
                return { a in
                    let allow = try a[allowNonFinite]
                    return try weights(a, net, path) { n, path in try n.importSafeTensors(from: path, allowNonFinite: allow) }
                }
            },
            def("export_npz", "networks",
                "write a network's weights as a NumPy .npz archive",
                "One float32 array per parameter, named as in the network's parameters list (PyTorch's state_dict "
                    + "names: \"0.weight\", ...); numpy.load(path)[\"0.weight\"] reads one, import_npz reads them all back.",
                example: "network pair { input [2]; dense(2) }; let net = pair(); export_npz(net, \"{temp_dir()}/net.npz\")") { p in
                let net = p.required("net", .network), path = p.output("path")
                return { a in try weights(a, net, path) { n, path in try n.exportNPZ(to: path) } }
            },
            def("import_npz", "networks", "read weights from a NumPy .npz archive into a built network",
                "One float32 or float64 array per parameter, named as in the network's parameters list (PyTorch's "
                    + "state_dict names: \"0.weight\", ...), as export_npz writes and numpy.savez(path, **arrays) does; "
                    + "float64 values are rounded to float32. Names and shapes must match the network's parameters; "
                    + "integer arrays are refused. A file holding NaN or infinite values is refused, naming the tensor "
                    + "and the count, unless allow_nonfinite is true. Nothing is loaded when anything is wrong.",
                example: "network pair { input [2]; dense(2) }; let net = pair(); export_npz(net, \"{temp_dir()}/net.npz\"); import_npz(net, \"{temp_dir()}/net.npz\")") { p in
                let net = p.required("net", .network), path = p.input("path")
                let allowNonFinite = p.optional("allow_nonfinite", .bool, default: .bool(false))
                return { a in
                    let allow = try a[allowNonFinite]
                    return try weights(a, net, path) { n, path in try n.importNPZ(from: path, allowNonFinite: allow) }
                }
            },
        ]
    }

    /// Runs a weight-file operation on a built network, turning its errors into runtime errors.
    private static func weights(_ a: BuiltinArguments, _ netParameter: Param<NetworkValue>, _ pathParameter: Param<String>,
                                _ body: (Network, String) throws -> Void) throws -> Value {
        let net = try a[netParameter], path = try a[pathParameter]
        guard net.network.isBuilt else { throw RuntimeError(Messages.networkNotBuilt(net.name), parameter: netParameter.index) }
        do {
            try body(net.network, path)
        } catch let e as WeightFileError {
            if case .nonFinite = e {
                throw RuntimeError(e.description, parameter: pathParameter.index, notes: [Messages.allowNonFinite])
            }
            throw RuntimeError(e.description, parameter: pathParameter.index)
        } catch let e as ModelError {
            throw RuntimeError(e.description, parameter: pathParameter.index)
        }
        return .none
    }
}
