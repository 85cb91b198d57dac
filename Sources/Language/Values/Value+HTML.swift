import Probes

/// A value the prompt shows as a table (a run's history, a probe result): front ends that render
/// HTML (a notebook) show that table rather than its aligned text.
protocol ShownAsTable {
    /// The table the text form prints.
    var shownTable: ProbeTable { get }
}

extension RunValue: ShownAsTable {
    var shownTable: ProbeTable { table }
}

extension ProbeResultValue: ShownAsTable {
    var shownTable: ProbeTable { shown }
}

extension Value {
    /// The value as an HTML table, or nil when it is not a table.
    var htmlTable: String? {
        guard case .object(let object) = self, let tabular = object as? ShownAsTable else { return nil }
        return tabular.shownTable.html
    }
}
