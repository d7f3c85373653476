/// The block of a text file that Multiplier owns: the lines between `<!-- multiplier:begin -->`
/// and `<!-- multiplier:end -->` (`multiplier context --write`). Every other byte of the file is kept.
///
/// A marker counts only at the start of a line, the begin marker only as a line of its own (a
/// sentence that quotes one is the user's text), and
/// the body can hold no marker and no comment delimiter: text from history (a folder named
/// `x<!-- multiplier:end -->…`) cannot close the block or hide what follows it.
package enum MarkedBlock {
    package static let begin = "<!-- multiplier:begin -->"
    package static let end = "<!-- multiplier:end -->"

    /// A begin marker without an end marker after it: the file cannot be changed safely.
    package struct Unclosed: Error {}

    /// `text` with its marked block replaced by `body` (added at the end, after a blank line, the
    /// first time). Lines are joined with the file's own line ending: CRLF when it has one. A
    /// second block further on (a copy pasted by hand, a merge of two branches) is removed, so the
    /// file says one thing.
    package static func splice(_ text: String, body: [String]) throws(Unclosed) -> String {
        // The file's own line breaks: Windows', old Macs' (a carriage return alone) or Unix's.
        let newline = text.contains("\r\n") ? "\r\n" : text.contains("\r") && !text.contains("\n") ? "\r" : "\n"
        let block = ([begin] + body.map(defused) + [end]).joined(separator: newline)
        guard let first = try range(in: text, from: text.startIndex) else {
            if text.isEmpty { return block + newline }
            // `last`, not `hasSuffix("\n")`: "\r\n" is one Character, which "\n" is not.
            let separator = text.last?.isNewline == true ? newline : newline + newline
            return text + separator + block + newline
        }
        var rest = String(text[first.upperBound...])
        while let later = try range(in: rest, from: rest.startIndex) {
            // The copy goes with its line break ("\r\n" is one character).
            var upper = later.upperBound
            if let next = rest[upper...].first, next.isNewline { upper = rest.index(after: upper) }
            rest = String(rest[..<later.lowerBound]) + String(rest[upper...])
        }
        return String(text[..<first.lowerBound]) + block + rest
    }

    /// The lines of the marked block between its marker lines, blank ones included, whatever the
    /// file's line breaks (`"\r\n"` is one `Character`, which `"\n"` is not); nil when the text has none.
    package static func body(_ text: String) -> [String]? {
        // `try?`: a begin marker with no end has no body to count (`splice` reports it).
        guard let block = try? range(in: text, from: text.startIndex) else { return nil }
        let inner = text[block].dropFirst(begin.count).dropLast(end.count)
        // The first piece is the rest of the begin marker's line, the last what precedes the end marker on its line (nothing).
        return inner.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).dropFirst().dropLast().map(String.init)
    }

    /// The first block at or after `start`: from a begin marker that is a line of its own to the
    /// end marker line after it. Nil when there is none; `Unclosed` for a begin without an end.
    private static func range(in text: String, from start: String.Index) throws(Unclosed) -> Range<String.Index>? {
        guard let opening = marker(begin, in: text, from: start, wholeLine: true) else { return nil }
        guard let closing = marker(end, in: text, from: opening.upperBound, wholeLine: false) else { throw Unclosed() }
        return opening.lowerBound..<closing.upperBound
    }

    /// How many marked blocks `text` has (a second one is removed by `splice`).
    package static func count(_ text: String) -> Int {
        var count = 0
        var position = text.startIndex
        while let block = try? range(in: text, from: position) {
            count += 1
            position = block.upperBound
        }
        return count
    }

    /// `marker` where it starts a line, and where it is the whole line (spaces may follow) if `wholeLine`;
    /// never inside a fenced code block (a context file that shows the markers as an example).
    private static func marker(
        _ marker: String, in text: String, from start: String.Index, wholeLine: Bool
    ) -> Range<String.Index>? {
        var position = start
        while let found = text.range(of: marker, range: position..<text.endIndex) {
            let atLineStart = found.lowerBound == text.startIndex || text[text.index(before: found.lowerBound)].isNewline
            let after = text[found.upperBound...].prefix { $0 == " " || $0 == "\t" }
            let atLineEnd = after.endIndex == text.endIndex || text[after.endIndex].isNewline
            if atLineStart && (atLineEnd || !wholeLine) && !insideFence(text, before: found.lowerBound) { return found }
            position = found.upperBound
        }
        return nil
    }

    /// Whether `index` (a line's start) lies inside a Markdown fenced code block: after a line opening
    /// with three or more backticks or tildes (up to three spaces before them), before the line that
    /// closes it with at least as many of the same character.
    static func insideFence(_ text: String, before index: String.Index) -> Bool {
        var open: (character: Character, length: Int)?
        for line in text[..<index].split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indent = line.prefix { $0 == " " }
            guard indent.count <= 3, let character = line.dropFirst(indent.count).first, character == "`" || character == "~" else { continue }
            let length = line.dropFirst(indent.count).prefix { $0 == character }.count
            guard length >= 3 else { continue }
            if let current = open {
                let rest = line.dropFirst(indent.count + length)
                if character == current.character, length >= current.length, rest.allSatisfy({ $0 == " " || $0 == "\t" }) { open = nil }
            } else {
                open = (character, length)
            }
        }
        return open != nil
    }

    /// A body line with no line break and no HTML comment delimiter in it (`<!--` as `< !--`,
    /// `-->` as `-- >`): shown as it reads, it can neither close the block nor hide text.
    static func defused(_ line: String) -> String {
        line.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "<!--", with: "< !--").replacingOccurrences(of: "-->", with: "-- >")
    }
}
