import Support

/// Escaping for HTML text and attribute values: the one place it is done.
package enum HTML {
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        // Control characters (a terminal's escape sequences in a commit subject) as `�`.
        for character in Format.printable(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
