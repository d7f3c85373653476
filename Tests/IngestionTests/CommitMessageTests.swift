import Ingestion
import Model
import TestSupport
import Testing

@Suite("Subject, body and trailers of a raw message")
struct CommitMessageTests {
    @Test("the subject is the first paragraph joined, as git's %s")
    func subject() {
        let message = CommitMessage("Line one\nline two\r\n\r\nBody text\r\n")
        #expect(message.subject == "Line one line two")
        #expect(message.body == "Body text")
    }

    @Test("footer lines typed without a blank line before them leave the subject for the body")
    func footerInSubjectParagraph() {
        let message = CommitMessage("Add login\nCo-Authored-By: Claude <noreply@anthropic.com>\n")
        #expect(message.subject == "Add login")
        #expect(message.body == "Co-Authored-By: Claude <noreply@anthropic.com>")
        #expect(message.trailers == [Trailer(key: "Co-Authored-By", value: "Claude <noreply@anthropic.com>")])
        // With a body after it, the footer opens the body; a wrapped subject keeps its lines.
        let withBody = CommitMessage("Fix crash when\nreading: the file\nSigned-off-by: A <a@x>\n\nDetails.\n")
        #expect(withBody.subject == "Fix crash when reading: the file")
        #expect(withBody.body == "Signed-off-by: A <a@x>\n\nDetails.")
        // A message of one footer-shaped line keeps it as its subject.
        #expect(CommitMessage("Signed-off-by: A <a@x>\n").subject == "Signed-off-by: A <a@x>")
    }

    @Test("a last paragraph of Key: value lines is the trailer block, with continuations")
    func trailers() {
        let message = CommitMessage(
            "Subject\n\nBody.\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nReviewed-by: Bob\n  continued\n(cherry picked from commit abc)\n")
        #expect(
            message.trailers == [
                Trailer(key: "Co-Authored-By", value: "Claude <noreply@anthropic.com>"),
                Trailer(key: "Reviewed-by", value: "Bob continued"),
            ])
    }

    @Test("a last paragraph of prose has no trailers", arguments: [
        "Subject\n\nThis: is prose\nand more prose\n", "Subject only\n", "",
    ])
    func noTrailers(raw: String) {
        #expect(CommitMessage(raw).trailers.isEmpty)
    }

    @Test("split by bytes, a message reads as Character by Character: line ends, marks joined to spaces and colons")
    func bytesAsCharacters() {
        // Pieces where bytes and Characters could part: "\r\n" (one Character), a lone "\r", a
        // combining mark after a space, a tab or a colon (one Character with it), a prepended mark
        // before a space, emoji with a joiner, and what trailers are made of.
        let pieces = [
            "\n", "\r\n", "\r", " ", "\t", "\u{301}", "\u{600}", ":", "Key", "Co-Authored-By", "x", "é",
            "👩\u{200D}💻", "(cherry picked from commit ", "-", "\n\n",
        ]
        var random = SplitMix(seed: 35)
        for _ in 0..<3_000 {
            let raw = (0..<random.below(24)).map { _ in random.pick(pieces) }.joined()
            let message = CommitMessage(raw)
            let reference = CharacterReading(raw)
            #expect(message.subject == reference.subject, "\(raw.debugDescription)")
            #expect(message.body == reference.body, "\(raw.debugDescription)")
            #expect(message.trailers == reference.trailers, "\(raw.debugDescription)")
        }
    }

    /// How CommitMessage read a message before it split by bytes: Character by Character.
    struct CharacterReading {
        var subject: String
        var body: String
        var trailers: [Trailer]

        init(_ raw: String) {
            func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
            func trimmed(_ line: Substring) -> String {
                guard let start = line.firstIndex(where: { $0 != " " && $0 != "\t" }),
                    let end = line.lastIndex(where: { $0 != " " && $0 != "\t" })
                else { return "" }
                return String(line[start...end])
            }
            let lines = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            var index = 0
            while index < lines.count && isBlank(lines[index]) { index += 1 }
            var subjectLines: [Substring] = []
            while index < lines.count && !isBlank(lines[index]) {
                subjectLines.append(lines[index])
                index += 1
            }
            var footer: [Substring] = []
            while subjectLines.count > 1, let last = subjectLines.last, CommitMessage.isFooter(last) {
                footer.insert(subjectLines.removeLast(), at: 0)
            }
            subject = subjectLines.map(trimmed).joined(separator: " ")
            var bodyLines = Array(lines[index...])
            while let first = bodyLines.first, isBlank(first) { bodyLines.removeFirst() }
            while let last = bodyLines.last, isBlank(last) { bodyLines.removeLast() }
            if !footer.isEmpty { bodyLines = footer + (bodyLines.isEmpty ? [] : [""] + bodyLines) }
            body = bodyLines.joined(separator: "\n")
            trailers = []
            guard let lastBlank = bodyLines.lastIndex(where: isBlank) ?? (bodyLines.isEmpty ? nil : -1) else { return }
            for line in bodyLines[(lastBlank + 1)...] {
                if let first = line.first, first == " " || first == "\t" {
                    guard !trailers.isEmpty else {
                        trailers = []
                        return
                    }
                    trailers[trailers.count - 1].value += " " + trimmed(line)
                    continue
                }
                if line.hasPrefix("(cherry picked from commit ") { continue }
                guard let colon = line.firstIndex(of: ":") else {
                    trailers = []
                    return
                }
                let key = line[..<colon]
                let value = trimmed(line[line.index(after: colon)...])
                guard !key.isEmpty, key.utf8.count <= 64, key.first != "-", !value.isEmpty,
                    key.utf8.allSatisfy({ $0 == 0x2D || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
                else {
                    trailers = []
                    return
                }
                trailers.append(Trailer(key: String(key), value: value))
            }
        }
    }
}
