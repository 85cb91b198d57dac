/// `network name(params) { layer lines }`: a parameterised sequence of layers.
public struct NetworkDecl {
    /// The network name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// Parameters, usable in layer arguments.
    public var parameters: [Parameter]
    /// The body, one entry per source line; each line is a sequence of layers applied in order.
    public var lines: [[LayerCall]]
}

/// One layer in a network body: `relu` or `conv(width, kernel: 3)`.
public struct LayerCall {
    /// The layer (or declared network) name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// Arguments when written with parentheses; nil for a bare name such as `relu`.
    public var arguments: [Argument]?
    /// The span of the whole layer call.
    public let range: SourceRange
}

/// `dataset name(params) = expr`: a named, parameterised dataset expression.
public struct DatasetDecl {
    /// The dataset name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// Parameters, usable in the expression.
    public var parameters: [Parameter]
    /// The expression producing the dataset.
    public var value: Expr
}

/// `schedule name(params) { items }`: how a network is trained.
public struct ScheduleDecl {
    /// The schedule name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// Parameters, usable in the items.
    public var parameters: [Parameter]
    /// The items in source order.
    public var items: [ScheduleItem]
}

/// One line of a schedule body.
public struct ScheduleItem {
    /// What the line sets.
    public var kind: ScheduleItemKind
    /// The span of the whole line.
    public let range: SourceRange
}

/// The forms of a schedule line.
public enum ScheduleItemKind {
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
public enum ScheduleUnit: String {
    case epoch, step
}

/// `probe name = expr`: a named information measurement.
public struct ProbeDecl {
    /// The probe name.
    public let name: String
    /// The span of the name.
    public let nameRange: SourceRange
    /// The measurement expression, e.g. `fisher_trace(on: test, samples: 500)`.
    public var value: Expr
}
