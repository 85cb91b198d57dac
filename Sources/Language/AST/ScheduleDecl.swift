/// `schedule name(params) { items }`: how a network is trained.
package struct ScheduleDecl {
    /// The schedule name.
    package let name: String
    /// The span of the name.
    package let nameRange: SourceRange
    /// Parameters, usable in the items.
    package var parameters: [ParameterDecl]
    /// Whether a parameter list was written: the name is then a recipe to call.
    package var isRecipe: Bool
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
    case learningRate(Expr, per: TimeUnit?)
    /// `phase 5 epochs on train |> blur(downsample: 4)`
    case phase(count: Expr, unit: TimeUnit, data: Expr)
}

/// The unit of a schedule count or rate.
package enum TimeUnit: String {
    case epoch, step
}
