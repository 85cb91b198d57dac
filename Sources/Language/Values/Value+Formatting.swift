extension Value {
    /// Containers nested deeper than this print as `[...]`/`{...}`; it bounds the recursion of
    /// printing hostile values (such as a list wrapped in itself 100,000 times).
    static let maxPrintDepth = 64

    /// How `print` and interpolation show the value: strings without quotes.
    public var text: String {
        if case .string(let s) = self { return s }
        return repr(depth: 0)
    }

    /// How the REPL and containers show the value: strings quoted and escaped.
    public var repr: String { repr(depth: 0) }

    func repr(depth: Int) -> String {
        switch self {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quoted(s)
        case .list(let items):
            if depth >= Self.maxPrintDepth { return "[...]" }
            return "[" + items.map { $0.repr(depth: depth + 1) }.joined(separator: ", ") + "]"
        case .record(let r):
            if depth >= Self.maxPrintDepth { return "{...}" }
            return "{" + r.fields.map { "\($0.key): \($0.value.repr(depth: depth + 1))" }.joined(separator: ", ") + "}"
        case .range(let r): return "\(r.lower)\(r.inclusive ? ".." : "..<")\(r.upper)"
        case .function(let c): return "<fn \(c.declaration.name)>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .object(let o): return o.describe()
        }
    }

    private func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "{": out += "\\{"
            case "}": out += "\\}"
            default:
                if ch.value < 0x20 { out += "\\u{\(String(ch.value, radix: 16))}" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }
}

/// Deep equality; functions and objects compare by identity. Depth-bounded like printing.
func valuesEqual(_ a: Value, _ b: Value, depth: Int = 0) -> Bool {
    if depth > Value.maxPrintDepth * 4 { return false }
    switch (a, b) {
    case (.none, .none): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1, depth: depth + 1) }
    case (.record(let x), .record(let y)):
        return x.keys.count == y.keys.count
            && x.fields.allSatisfy { f in y[f.key].map { valuesEqual(f.value, $0, depth: depth + 1) } ?? false }
    case (.range(let x), .range(let y)): return x == y
    case (.function(let x), .function(let y)): return x === y
    case (.builtin(let x), .builtin(let y)): return x === y
    case (.object(let x), .object(let y)): return x === y
    default: return false
    }
}
