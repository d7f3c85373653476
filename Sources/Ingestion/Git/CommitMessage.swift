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
        // "\r\n" is a single Character in Swift, so split on both forms of line end.
        let lines = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var index = 0
        while index < lines.count && Self.isBlank(lines[index]) { index += 1 }
        var subjectLines: [Substring] = []
        while index < lines.count && !Self.isBlank(lines[index]) {
            subjectLines.append(lines[index])
            index += 1
        }
        subject = subjectLines.map { $0.trimmingWhitespace() }.joined(separator: " ")
        var bodyLines = Array(lines[index...])
        while let first = bodyLines.first, Self.isBlank(first) { bodyLines.removeFirst() }
        while let last = bodyLines.last, Self.isBlank(last) { bodyLines.removeLast() }
        body = bodyLines.joined(separator: "\n")
        trailers = Self.trailers(of: bodyLines)
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

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { $0 != " " && $0 != "\t" }),
            let end = lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(self[start...end])
    }
}
