/// `probe name = expr`: a named information measurement.
package struct ProbeDecl {
    /// The probe name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// The measurement expression, e.g. `fisher_trace(on: test, samples: 500)`.
    package var value: Expr
}
