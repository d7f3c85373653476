/// A JSON value written byte for byte the same on every run: objects keep the order they
/// were built in (session logs follow the real tools' field order) or are sorted on request
/// (exports and truth.json), numbers are preformatted, slashes are not escaped.
indirect enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    /// A number already formatted (POSIX, fixed digits).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A number rounded to `digits` decimals.
    static func double(_ value: Double, digits: Int = 2) -> JSONValue {
        .number(Format.fixed(value, digits: digits))
    }

    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    /// One line, no spaces, as JSONL records are written.
    func compact(sortedKeys: Bool = false) -> String {
        var out = ""
        write(into: &out, sortedKeys: sortedKeys, indent: nil, level: 0)
        return out
    }

    /// Two-space indented, keys sorted, ending in a newline.
    func pretty() -> String {
        var out = ""
        write(into: &out, sortedKeys: true, indent: "  ", level: 0)
        return out + "\n"
    }

    private func write(into out: inout String, sortedKeys: Bool, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .number(let text): out += text
        case .string(let text): Self.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                item.write(into: &out, sortedKeys: sortedKeys, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            let ordered = sortedKeys ? members.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) } : members
            out += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                Self.quote(member.0, into: &out)
                out += indent == nil ? ":" : ": "
                member.1.write(into: &out, sortedKeys: sortedKeys, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: indent, count: level)
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(format: "%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
