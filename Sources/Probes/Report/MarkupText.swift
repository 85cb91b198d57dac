/// Text made safe inside HTML, SVG and other XML, as content or as an attribute value: the five
/// characters markup gives a meaning become entities, and control characters (which XML 1.0
/// forbids even escaped, and which a label would not show) become spaces. The tables shown in
/// notebooks and the plots' SVG share it.
public enum MarkupText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where character.unicodeScalars.contains(where: { $0.value < 0x20 }): out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
