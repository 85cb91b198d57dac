/// The place of a part inside a value, as messages show it: `[2]`, `.weights`, `["a b"]`.
enum ValuePlace {
    /// `place` followed by element `index` of a list.
    static func element(_ place: String, _ index: Int) -> String { place + "[\(index)]" }

    /// `place` followed by field `key` of a record: `.key` when it is a name, else `["key"]`.
    static func field(_ place: String, _ key: String) -> String {
        let isName = key.first.map { $0.isLetter || $0 == "_" } ?? false && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return isName ? place + "." + key : place + "[" + Value.string(key).repr + "]"
    }
}
