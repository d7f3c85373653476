import Support

/// GitHub-flavoured Markdown that pastes into a wiki or a pull request.
package enum MarkdownRenderer {
    package static func render(_ document: ReportDocument) -> String {
        var out = "# \(inline(document.title))\n\n\(inline(document.subtitle))\n"
        for block in document.blocks {
            switch block {
            case .heading(let text): out += "\n## \(inline(text))\n\n"
            case .paragraph(let text): out += "\(inline(text))\n\n"
            case .list(let items): out += items.map { "- \(inline($0))\n" }.joined() + "\n"
            case .table(let table):
                guard !table.rows.isEmpty else {
                    if !table.quietWhenEmpty { out += "_(none)_\n\n" }
                    continue
                }
                out += "| " + table.columns.map(cell).joined(separator: " | ") + " |\n"
                out += "|" + table.alignments.map { $0 == .right ? "---:|" : "---|" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
                if let note = table.note { out += "\n_\(inline(note))_\n" }
                out += "\n"
            case .chart:
                break  // the figures are in the tables beside each chart
            }
        }
        return out
    }

    /// Characters Markdown would read as markup (an entity's `&` too), escaped; control characters
    /// (a terminal's escape sequences in a commit subject) shown as `�`.
    static func inline(_ text: String) -> String {
        var out = ""
        for character in Format.printable(text) {
            if "\\`*_[]<>|#&".contains(character) { out.append("\\") }
            out.append(character == "\n" ? " " : character)
        }
        return out
    }

    static func cell(_ text: String) -> String { inline(text) }
}
