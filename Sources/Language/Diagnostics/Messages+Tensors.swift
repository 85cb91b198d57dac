/// Messages of tensors, `predict` and calling a network.
extension Messages {
    static func tensorShapes(_ op: String, _ a: String, _ b: String, axis: Int, _ da: Int, _ db: Int) -> String {
        "cannot apply '\(op)' to tensors of shapes \(a) and \(b): sizes \(da) and \(db) at axis \(axis) differ and neither is 1"
    }
    static let tensorOperators = "tensors take + - * / and ^ with tensors (broadcast as in NumPy) and numbers"
    static let listToTensor = "tensor(list) makes a tensor of a list of numbers"
    static func tensorIndexOutOfRange(_ i: String, _ size: Int, _ shape: String) -> String {
        "index \(i) out of range for axis 0 of size \(size) (tensor \(shape))"
    }
    static func tensorRangeOutOfRange(_ r: String, _ size: Int, _ shape: String) -> String {
        "range \(r) reaches outside axis 0 of size \(size) (tensor \(shape))"
    }
    static func tensorRangeEmpty(_ r: String, _ shape: String) -> String {
        "range \(r) selects no entries of axis 0 (tensor \(shape)), and tensors have no empty axes"
    }
    static func tensorTooLarge(_ op: String, _ shape: String, bytes: Int, limit: Int) -> String {
        let need = bytes == Int.max ? "more bytes than a 64-bit count holds" : "\(bytes) bytes"
        return "\(op): a tensor of shape \(shape) needs \(need), over the per-tensor limit of \(limit) bytes "
            + "(set INFOSCOPE_MAX_TENSOR_BYTES to change it)"
    }
    static func tensorTooLargeForLists(_ shape: String, _ count: Int) -> String {
        "tensor \(shape) has \(count) elements, too many to turn into lists (at most \(Evaluator.maxListElements))"
    }
    static func raggedList(_ at: String, _ count: Int, _ first: String, _ expected: Int) -> String {
        "tensor: the list is ragged: element \(at) has \(count) element\(count == 1 ? "" : "s"), but element \(first) has \(expected)"
    }
    static func tensorElement(_ at: String, _ got: String, _ expected: String) -> String {
        "tensor: element \(at) is \(got), where \(expected) was expected"
    }
    static func tensorNesting(_ limit: Int) -> String { "tensor: lists nested more than \(limit) deep" }
    static func emptyTensor(_ at: String) -> String { "tensor: \(at) is empty, and tensors have no empty axes" }
    static func reshapeCount(_ from: String, _ count: Int, _ to: String, _ target: String) -> String {
        "reshape: cannot reshape \(from) (\(count) elements) to \(to) (\(target) elements)"
    }
    static func reshapeInferred(_ from: String, _ count: Int, _ to: String) -> String {
        "reshape: cannot reshape \(from) (\(count) elements) to \(to): no size for -1 makes the counts agree"
    }
    static func tensorRank(_ f: String, _ expected: String, _ shape: String) -> String {
        "\(f) takes \(expected), got a tensor of shape \(shape)"
    }
    static func matmulShapes(_ a: String, _ b: String, _ k1: Int, _ k2: Int) -> String {
        "matmul: shapes \(a) and \(b) do not multiply: the inner sizes \(k1) and \(k2) differ"
    }
    static func tensorAxis(_ f: String, _ axis: Int, _ shape: String) -> String {
        "\(f): axis \(axis) is out of range for a tensor of shape \(shape)"
    }
    static func axisOfList(_ f: String) -> String { "\(f): axis: applies to tensors; a list has no axes" }
    static func inputTensorShape(_ net: String, _ input: String, _ shape: String) -> String {
        "network '\(net)' takes inputs \(input), but the tensor has shape \(shape): give one sample \(input) or a batch [n, \(input.dropFirst())"
    }
    static func noClassDistribution(_ net: String, _ output: String) -> String {
        "network '\(net)' gives no distribution over classes: its output \(output) is not a vector of logits"
    }
    static func plotTensorRank(_ label: String, _ shape: String) -> String {
        "plot: \(label) is a tensor of shape \(shape); a line is a rank-1 tensor (a rank-2 one as the whole series: a line per row)"
    }
    static let predictNoSamples = "predict: the data has no samples"
    static func networkCallArgument(_ net: String, _ got: String) -> String {
        "network '\(net)' is called on a tensor of inputs, got \(got)"
    }
    static func networkCallArity(_ net: String, _ got: Int) -> String {
        "network '\(net)' is called on one argument, a tensor of inputs, got \(got) arguments"
    }
}
