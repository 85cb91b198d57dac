/// Long lines drawn with far fewer vertices than points: a 50,000-point loss curve gives a file
/// of a few tens of kilobytes instead of most of a megabyte, and looks the same, because within
/// one pixel column only the lowest and the highest point can be seen.
enum PlotThinning {
    /// A line with more drawable points than this is thinned; below it every point is a vertex.
    static let vertexLimit = 2_000

    /// The indices of the points of one unbroken piece of a line (in pixel coordinates) that are
    /// kept: of each run of consecutive points in the same pixel column, the lowest and the highest,
    /// in their order along the line. Spikes survive because they are a column's extreme; the
    /// piece's first and last points stay so its ends do not move. Points whose x goes back and
    /// forth (unsorted x_values) form short runs and are thinned less.
    static func keptIndices(_ points: [(x: Double, y: Double)]) -> [Int] {
        guard !points.isEmpty else { return [] }
        var kept: [Int] = [0]
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start, lowest = start, highest = start
            while end + 1 < points.count, points[end + 1].x.rounded(.down) == column {
                end += 1
                if points[end].y < points[lowest].y { lowest = end }
                if points[end].y > points[highest].y { highest = end }
            }
            for i in Set([lowest, highest]).sorted() where i != kept.last { kept.append(i) }
            start = end + 1
        }
        if kept.last != points.count - 1 { kept.append(points.count - 1) }
        return kept
    }
}
