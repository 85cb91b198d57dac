/// A domain object that can be indexed with `x[i]` like a list (a dataset gives its samples).
public protocol IndexedObject: ObjectValue {
    /// The number of elements; indices run over `0..<elementCount` (negative ones from the end).
    var elementCount: Int { get }
    /// Element `index`, already checked to be in range.
    func element(_ index: Int) -> Value
}

/// A domain object with members that can be assigned (`net.layers[0].weight = [[0.3, -0.7]]`).
/// Objects are shared, so the assignment changes the object itself; like element assignment it
/// is only allowed through a `var`.
protocol AssignableObject: ObjectValue {
    /// Sets member `name`, or throws a runtime error saying why not.
    func setMember(_ name: String, _ value: Value) throws
}
