/// The block of a text file that Multiplier owns: the lines between `<!-- multiplier:begin -->`
/// and `<!-- multiplier:end -->` (`multiplier context --write`). Every other byte of the file is kept.
package enum MarkedBlock {
    package static let begin = "<!-- multiplier:begin -->"
    package static let end = "<!-- multiplier:end -->"

    /// A begin marker without an end marker after it: the file cannot be changed safely.
    package struct Unclosed: Error {}

    /// `text` with its marked block replaced by `body` (added at the end, after a blank line, the
    /// first time). Lines are joined with the file's own line ending: CRLF when it has one.
    package static func splice(_ text: String, body: [String]) throws(Unclosed) -> String {
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        let block = ([begin] + body + [end]).joined(separator: newline)
        if let start = text.range(of: begin) {
            guard let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else { throw Unclosed() }
            return String(text[..<start.lowerBound]) + block + String(text[stop.upperBound...])
        }
        if text.isEmpty { return block + newline }
        let separator = text.hasSuffix("\n") ? newline : newline + newline
        return text + separator + block + newline
    }

    /// The body of the marked block, when the text has one.
    package static func body(_ text: String) -> [String]? {
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            return nil
        }
        return text[start.upperBound..<stop.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.filter { !$0.isEmpty }
    }
}
