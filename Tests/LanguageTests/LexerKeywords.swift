import Language

/// The lexer's reserved words, read from the `Keyword` enum.
func lexerKeywords() -> [String] { Keyword.allCases.map(\.rawValue) }
