/// A use of a name; the resolver fills in `binding` so the evaluator needs no lookup by string.
package final class NameRef {
    /// The name as written.
    package let name: String
    /// Where the resolver found the name; nil until resolved.
    package var binding: Binding?
    init(_ name: String) { self.name = name }
}

/// Where a resolved name lives at run time.
package enum Binding {
    /// Slot `slot` in the scope `hops` levels out from the current one.
    case local(hops: Int, slot: Int)
    /// Builtin function number `index` in the interpreter's builtin table.
    case builtin(Int)
}
