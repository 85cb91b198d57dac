/// A bar chart: one bar per named value, such as a probe's per-layer contributions.
struct PlotBarChart: Equatable {
    /// The label under each bar, in the order given.
    var names: [String]
    /// The height of each bar (nan or inf: no bar, counted in a note).
    var values: [Double]
    var title = ""
    var yLabel = ""
    /// A line under the title, such as the total the bars add up to.
    var note = ""
    /// Shares of a total: the y axis always spans 0 to 1 so charts of different results compare.
    var shares = false

    /// How many bars cannot be drawn.
    var skippedCount: Int { values.filter { !$0.isFinite }.count }
}
