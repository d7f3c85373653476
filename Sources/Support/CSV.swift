/// RFC 4180 CSV: a fixed header row, fields quoted when they need it.
package enum CSV {
    /// One record, CRLF-free: fields joined by commas, each quoted when it holds a comma, quote or line break.
    package static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A field quoted per RFC 4180 when needed. A leading `=`, `+`, `-` or `@` is kept as is:
    /// the output is data, not a spreadsheet formula, and consumers should treat it so.
    package static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
