/// `network name(params) { layer lines }`: a parameterised sequence of layers.
package struct NetworkDecl {
    /// The network name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in layer arguments.
    package var parameters: [Parameter]
    /// The body, one entry per source line; each line is a sequence of layers applied in order.
    package var lines: [[LayerCall]]
}

/// One layer in a network body: `relu` or `conv(width, kernel: 3)`.
package struct LayerCall {
    /// The layer (or declared network) name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Arguments when written with parentheses; nil for a bare name such as `relu`.
    package var arguments: [Argument]?
    /// The span of the whole layer call.
    package let range: SourceRange
}

/// `dataset name(params) = expr`: a named, parameterised dataset expression.
package struct DatasetDecl {
    /// The dataset name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in the expression.
    package var parameters: [Parameter]
    /// The expression producing the dataset.
    package var value: Expr
}

/// `schedule name(params) { items }`: how a network is trained.
package struct ScheduleDecl {
    /// The schedule name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in the items.
    package var parameters: [Parameter]
    /// The items in source order.
    package var items: [ScheduleItem]
}

/// One line of a schedule body.
package struct ScheduleItem {
    /// What the line sets.
    package var kind: ScheduleItemKind
    /// The span of the whole line.
    package let range: SourceRange
}

/// The forms of a schedule line.
package enum ScheduleItemKind {
    /// `optimizer sgd(lr: 0.05)`
    case optimizer(Expr)
    /// `batch 128`
    case batch(Expr)
    /// `epochs 30`
    case epochs(Expr)
    /// `lr exponential(0.97) per epoch`; `per` is nil when not written.
    case learningRate(Expr, per: ScheduleUnit?)
    /// `phase 5 epochs on train |> blur(downsample: 4)`
    case phase(count: Expr, unit: ScheduleUnit, data: Expr)
}

/// The unit of a schedule count or rate.
package enum ScheduleUnit: String {
    case epoch, step
}

/// `probe name = expr`: a named information measurement.
package struct ProbeDecl {
    /// The probe name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// The measurement expression, e.g. `fisher_trace(on: test, samples: 500)`.
    package var value: Expr
}
