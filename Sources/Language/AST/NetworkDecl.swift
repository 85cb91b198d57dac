/// `network name(params) { layer lines }`: a parameterised sequence of layers.
package struct NetworkDecl {
    /// The network name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in layer arguments.
    package var parameters: [ParameterDecl]
    /// The body, one entry per source line; each line is a sequence of layers applied in order.
    package var lines: [[LayerCall]]
    /// The `input [shape]` line's expression, when written: the network is then built (shapes
    /// inferred, weights drawn) as soon as it is made.
    package var input: Expr?
    /// The `init "rule"` line's expression, when written: how the layers that do not choose
    /// their own initialisation draw their weights.
    package var initializer: Expr?
}

/// One layer in a network body: `relu` or `conv(width, kernel: 3)`.
package struct LayerCall {
    /// The layer (or declared network) name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// The name as resolved: a layer builtin or a declared network (filled by the resolver).
    package let ref: NameRef
    /// Arguments when written with parentheses; nil for a bare name such as `relu`.
    package var arguments: [Argument]?
    /// The span of the whole layer call.
    package let range: SourceRange
}
