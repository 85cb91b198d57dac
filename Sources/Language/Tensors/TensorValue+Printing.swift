import Learning
import TensorRuntime

extension TensorValue {
    /// The shape on the first line, then the values as nested brackets, one row of the last axis
    /// per line, numbers right-aligned to one width. A tensor of more than `Value.printLimit`
    /// elements shows, on each axis longer than twice its ends, the first and last few entries and
    /// how many lie between: 10 at each end of a rank-1 tensor (as long lists show), 3 on every
    /// axis of a higher rank, so that a batch of images prints in a screenful. `full` shows all.
    func describe(full: Bool) -> String {
        let ends = shape.count == 1 ? Value.printedEnds : 3
        let abbreviated = !full && tensor.count > Value.printLimit
        // Per axis, the indices shown in order; nil stands for the run of hidden ones.
        let shown: [[Int?]] = shape.map { size in
            guard abbreviated, size > 2 * ends else { return Array(0..<size) }
            return Array(0..<ends) + [nil] + Array((size - ends)..<size)
        }
        let layout = tensor.withUnsafeScalars { Layout(shape: shape, shown: shown, values: $0) }
        return "tensor \(TensorShape.describe(shape))\n" + layout.render(axis: 0, offset: 0)
    }

    /// What one printing needs: the shown indices, the texts of the shown numbers and their width.
    private struct Layout {
        let shape: [Int]
        let shown: [[Int?]]
        let strides: [Int]
        let texts: [Int: String]
        let width: Int

        init(shape: [Int], shown: [[Int?]], values: UnsafeBufferPointer<Float>) {
            self.shape = shape
            self.shown = shown
            var strides = [Int](repeating: 1, count: shape.count)
            for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
            self.strides = strides
            // The flat offsets of every shown element, axis by axis.
            var offsets = [0]
            for axis in shape.indices {
                let picked = shown[axis].compactMap { $0 }
                offsets = offsets.flatMap { base in picked.map { base + $0 * strides[axis] } }
            }
            var texts: [Int: String] = [:]
            for offset in offsets { texts[offset] = formatNumber(DatasetValue.decimal(values[offset])) }
            self.texts = texts
            width = texts.values.map(\.count).max() ?? 0
        }

        /// The brackets of the sub-tensor on `axis` and after, starting at flat `offset`.
        func render(axis: Int, offset: Int) -> String {
            let hidden = shape[axis] - shown[axis].compactMap { $0 }.count
            let gap = "… \(TextFormat.groupedThousands(hidden)) more …"
            if axis == shape.count - 1 {
                let items = shown[axis].map { i in i.map { padded(texts[offset + $0] ?? "") } ?? gap }
                return "[" + items.joined(separator: ", ") + "]"
            }
            // Rows of a matrix on their own lines; blocks of higher axes apart by blank lines.
            let separator = "," + String(repeating: "\n", count: shape.count - axis - 1) + String(repeating: " ", count: axis + 1)
            let items = shown[axis].map { i in i.map { render(axis: axis + 1, offset: offset + $0 * strides[axis]) } ?? gap }
            return "[" + items.joined(separator: separator) + "]"
        }

        private func padded(_ text: String) -> String { String(repeating: " ", count: width - text.count) + text }
    }
}
