import Learning

extension Value {
    /// Containers nested deeper than this print as `[...]`/`{...}`; it bounds the recursion of
    /// printing hostile values (such as a list wrapped in itself 100,000 times).
    static let maxPrintDepth = 64
    /// A list longer than this prints its first and last `printedEnds` elements and how many lie
    /// between, so that `print range(100000)` is a line, not 700 KB; `str(x, full: true)` gives all.
    static let printLimit = 1000, printedEnds = 10

    /// How `print` and interpolation show the value: strings without quotes.
    public var text: String { text(full: false) }

    /// `text`, every element of long lists shown when `full`.
    func text(full: Bool) -> String {
        if case .string(let s) = self { return s }
        return repr(depth: 0, full: full)
    }

    /// How the REPL and containers show the value: strings quoted and escaped.
    public var repr: String { repr(depth: 0) }

    func repr(depth: Int, full: Bool = false) -> String {
        switch self {
        case .none: return "none"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quoted(s)
        case .list(let items):
            if depth >= Self.maxPrintDepth { return "[...]" }
            let show = { (v: Value) in v.repr(depth: depth + 1, full: full) }
            guard !full, items.count > Self.printLimit else { return "[" + items.map(show).joined(separator: ", ") + "]" }
            let ends = Self.printedEnds, hidden = items.count - 2 * ends
            return "[" + (items.prefix(ends).map(show) + ["… \(groupedCount(hidden)) more …"] + items.suffix(ends).map(show))
                .joined(separator: ", ") + "]"
        case .record(let r):
            if depth >= Self.maxPrintDepth { return "{...}" }
            return "{" + r.fields.map { "\($0.key): \($0.value.repr(depth: depth + 1, full: full))" }.joined(separator: ", ") + "}"
        case .range(let r): return "\(r.lower)\(r.inclusive ? ".." : "..<")\(r.upper)"
        case .function(let c): return "<fn \(c.declaration.name)>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .object(let o as any FullyPrintable): return o.describe(full: full)
        case .object(let o): return o.describe()
        }
    }

    private func groupedCount(_ n: Int) -> String { TextFormat.groupedThousands(n) }

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

/// Deep equality; functions and objects compare by identity, but tensors by shape and values. Iterative (an explicit work list)
/// so values nested arbitrarily deep compare correctly without deep recursion.
func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    var work: [(Value, Value)] = [(a, b)]
    while let (x, y) = work.popLast() {
        switch (x, y) {
        case (.none, .none): continue
        case (.bool(let p), .bool(let q)): if p != q { return false }
        case (.number(let p), .number(let q)): if p != q { return false }
        case (.string(let p), .string(let q)): if p != q { return false }
        case (.list(let p), .list(let q)):
            guard p.count == q.count else { return false }
            work.append(contentsOf: zip(p, q))
        case (.record(let p), .record(let q)):
            guard p.keys.count == q.keys.count else { return false }
            for f in p.fields {
                guard let other = q[f.key] else { return false }
                work.append((f.value, other))
            }
        case (.range(let p), .range(let q)): if p != q { return false }
        case (.function(let p), .function(let q)): if p !== q { return false }
        case (.builtin(let p), .builtin(let q)): if p !== q { return false }
        case (.object(let p as TensorValue), .object(let q as TensorValue)): if !p.hasSameValues(as: q) { return false }
        case (.object(let p), .object(let q)): if p !== q { return false }
        default: return false
        }
    }
    return true
}
