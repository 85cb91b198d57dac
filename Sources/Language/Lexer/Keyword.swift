/// The reserved words of the language; `grammar/infoscope.ebnf` lists the same set (a test checks).
public enum Keyword: String, CaseIterable, Sendable {
    case `let`, `var`, fn, `return`, `if`, `else`, `for`, `in`, `while`, `break`, `continue`
    case `true`, `false`, none, and, or, not, `import`, print, plot
    case network, dataset, schedule, probe
}
