/// `let name = value` or `var name = value`.
package final class VariableDecl {
    /// The declared name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// True for `var` (assignable), false for `let`.
    package let mutable: Bool
    /// The initial value.
    package var value: Expr
    /// The slot assigned by the resolver.
    package let slot = DeclSlot()
    init(name: String, nameRange: SourceRange, mutable: Bool, value: Expr) {
        self.name = name; self.nameRange = nameRange; self.mutable = mutable; self.value = value
    }
}
