import TensorRuntime

extension Network {
    /// The number of trainable scalars (running statistics are not counted, as in PyTorch).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// A table of the layers: index (from 1), kind, per-sample output shape and trainable
    /// parameter count, then the total, e.g.
    /// ```
    ///   #  layer    output   params
    ///   1  flatten  [784]         0
    ///   2  dense    [128]   100,480
    ///      total            100,480
    /// ```
    /// A nested block is one row. Before `build`, shapes show as `?`.
    public var summary: String {
        var rows: [[String]] = [["#", "layer", "output", "params"]]
        for (index, layer) in layers.enumerated() {
            let count = layer.parameters.reduce(0) { $0 + $1.value.count }
            rows.append(["\(index + 1)", layer.kind, layer.outputShape.map(TensorShape.describe) ?? "?",
                         TextFormat.groupedThousands(count)])
        }
        rows.append(["", "total", "", TextFormat.groupedThousands(parameterCount)])
        var widths = [Int](repeating: 0, count: 4)
        for row in rows { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], cell.count) } }
        return rows.map { row in
            let cells = row.enumerated().map { c, cell -> String in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                // Index and count columns are right-aligned; names and shapes left-aligned.
                return c == 0 || c == 3 ? pad + cell : cell + pad
            }
            return "  " + cells.joined(separator: "  ")
        }.joined(separator: "\n")
    }

}
