extension Interpreter {
    /// The `check` summary: what the file declares, by kind.
    func summary(of statements: [Stmt], path: String) -> String {
        var groups: [(String, [String])] = [("function", []), ("variable", []), ("network", []),
                                            ("dataset", []), ("schedule", []), ("probe", [])]
        func add(_ kind: Int, _ name: String) { groups[kind].1.append(name) }
        for s in statements {
            switch s.kind {
            case .function(let d, _): add(0, d.name)
            case .variable(let d): add(1, d.name)
            case .network(let d, _): add(2, d.name)
            case .dataset(let d, _): add(3, d.name)
            case .schedule(let d, _): add(4, d.name)
            case .probe(let d, _): add(5, d.name)
            default: break
            }
        }
        let parts = groups.filter { !$0.1.isEmpty }.map { kind, names in
            "\(names.count) \(kind)\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", ")))"
        }
        return "\(path): ok" + (parts.isEmpty ? ", nothing declared" : ": " + parts.joined(separator: ", ")) + "\n"
    }
}
