import Model

/// A raw commit message split as git does: subject, body and trailer block.
package struct CommitMessage: Equatable {
    /// The first paragraph, its lines joined by single spaces (git's `%s`).
    package var subject: String
    /// Everything after the first paragraph, without surrounding blank lines.
    package var body: String
    /// The `Key: value` lines of the last paragraph, when that paragraph is a trailer block.
    package var trailers: [Trailer]

    package init(_ raw: String) {
        let lines = Self.lines(raw)
        var index = 0
        while index < lines.count && Self.isBlank(lines[index]) { index += 1 }
        var subjectLines: [Substring] = []
        while index < lines.count && !Self.isBlank(lines[index]) {
            subjectLines.append(lines[index])
            index += 1
        }
        // Footer lines typed without the blank line before them (`git commit -m "Add login
        // <newline>Co-Authored-By: Claude <…>"`) end the first paragraph: they go to the body,
        // where they are read as footers, and the subject is the line(s) before them.
        var footer: [Substring] = []
        while subjectLines.count > 1, let last = subjectLines.last, Self.isFooter(last) {
            footer.insert(subjectLines.removeLast(), at: 0)
        }
        subject = subjectLines.map { $0.trimmingWhitespace() }.joined(separator: " ")
        var bodyLines = Array(lines[index...])
        while let first = bodyLines.first, Self.isBlank(first) { bodyLines.removeFirst() }
        while let last = bodyLines.last, Self.isBlank(last) { bodyLines.removeLast() }
        if !footer.isEmpty { bodyLines = footer + (bodyLines.isEmpty ? [] : [""] + bodyLines) }
        body = bodyLines.joined(separator: "\n")
        trailers = Self.trailers(of: bodyLines)
    }

    /// Trailer keys that are footers wherever they stand (`Co-Authored-By`, `Signed-off-by`, …), never
    /// a wrapped subject's next line.
    static let footerKeys: Set<String> = [
        "acked-by", "agent-logs-url", "amp-thread-id", "assisted-by", "change-id", "claude-session", "co-authored-by",
        "co-developed-by", "generated-by", "helped-by", "reported-by", "reviewed-by", "signed-off-by", "suggested-by",
        "tested-by",
    ]

    /// Whether a line of the first paragraph is a footer (`footerKeys`) typed without a blank line before it.
    package static func isFooter(_ line: Substring) -> Bool {
        guard let trailer = trailer(line) else { return false }
        return footerKeys.contains(trailer.key.lowercased())
    }

    /// Parses the last paragraph as a trailer block, following `git interpret-trailers`:
    /// every line is `Token: value`, a continuation (leading white space), or a
    /// `(cherry picked from commit …)` note, and at least one is a trailer.
    static func trailers(of lines: [Substring]) -> [Trailer] {
        guard let lastBlank = lines.lastIndex(where: isBlank) ?? (lines.isEmpty ? nil : -1) else { return [] }
        let paragraph = lines[(lastBlank + 1)...]
        var trailers: [Trailer] = []
        for line in paragraph {
            if let first = line.first, first == " " || first == "\t" {
                guard !trailers.isEmpty else { return [] }
                trailers[trailers.count - 1].value += " " + line.trimmingWhitespace()
                continue
            }
            if line.hasPrefix("(cherry picked from commit ") { continue }
            guard let trailer = trailer(line) else { return [] }
            trailers.append(trailer)
        }
        return trailers
    }

    /// `Token: value` with a token of letters, digits and dashes; nil otherwise.
    static func trailer(_ line: Substring) -> Trailer? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon]
        guard !key.isEmpty, key.utf8.count <= 64,
            key.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 < 0x80 && (isalnumASCII($0))) }),
            key.first != "-"
        else { return nil }
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        guard !value.isEmpty else { return nil }
        return Trailer(key: String(key), value: value)
    }

    private static func isalnumASCII(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The lines of `raw`, split as by Characters at "\n" and "\r\n" (a lone "\r" stays in its
    /// line), but by bytes: a line feed is always a Character boundary, and so is the start of the
    /// "\r" of a "\r\n" (one Character).
    static func lines(_ raw: String) -> [Substring] {
        let utf8 = raw.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                var end = index
                if end != start, case let before = utf8.index(before: end), utf8[before] == 0x0D { end = before }
                lines.append(raw[start..<end])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(raw[start...])
        return lines
    }

    /// Only spaces and tabs (or nothing). By bytes: a line of those bytes alone is a line of
    /// those Characters alone, and any other byte makes some Character another.
    private static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs, as Characters decide: a space
    /// followed by a combining mark is one Character, and stays (so does a space after a prepended
    /// mark). By bytes where an ASCII byte meets the spaces, which is a Character boundary.
    func trimmingWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        let end = bytes.index(after: last)
        if (first == bytes.startIndex || bytes[first] < 0x80) && (end == bytes.endIndex || bytes[last] < 0x80) {
            return String(self[first..<end])
        }
        guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }),
            let final = lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(self[start...final])
    }
}
