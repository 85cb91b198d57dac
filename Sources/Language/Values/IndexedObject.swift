/// A domain object that can be indexed with `x[i]` like a list (a dataset gives its samples).
public protocol IndexedObject: ObjectValue {
    /// The number of elements; indices run over `0..<elementCount` (negative ones from the end).
    var elementCount: Int { get }
    /// Element `index`, already checked to be in range.
    func element(_ index: Int) -> Value
}
