import Foundation
@testable import Ingestion
import Support
import Testing

/// The shortcuts the JSONL readers take on raw JSON values give what decoding them would.
@Suite("Values read from JSON log lines")
struct LogValuesTests {
    static let texts = [
        "", "plain", "[main 1a2b3c4] Add feature\n 2 files changed", "ok\n[main (root-commit) abcdef0] first",
        "[detached HEAD 0123456789abcdef] msg", "x = arr[0] + 1", "[x] done\n[ ] todo", "[main ABCDEF1] upper",
        "[main 1a2b3c4]", "prefix\r\n[main 1a2b3c4] after CRLF", "[main 1a2b3c4]\r\n", "[main ａｂｃｄｅｆ０] fullwidth",
        "é [main 1a2b3c4] not at line start\n[feat/é 7654321] ünïcode", "\u{1B}[32m[main 1a2b3c4] colour\u{1B}[0m",
        "tab\t[main 1a2b3c4] x\n\"quoted\" [main 1234567] y", "[main 1a2b3c4]x", "a]b] c\n[b 1111111] ",
        "Command: git commit -m x\nDirectory: (root)\nStdout: [SHOP-12 55ec18f] Add refunds\n 1 file changed",
        "Output: [main 7654321] y\nStdout:[main 1111111] no space", "Stdout: ",
    ]

    @Test("a commit line after Gemini CLI's Stdout: or Output: label is a commit line")
    func labelledCommitLines() {
        #expect(ToolOutputScanner.commitHashes(in: Self.texts[17]) == ["55ec18f"])
        #expect(ToolOutputScanner.commitHashes(in: Self.texts[18]) == ["7654321"])
        #expect(ToolOutputScanner.commitHashes(in: Self.texts[19]).isEmpty)
    }

    /// `text` as a JSON string literal, escaped as JSONEncoder does, or with every character as `\u`.
    static func literal(_ text: String, everyCharacterEscaped: Bool) throws -> String {
        if !everyCharacterEscaped { return String(decoding: try JSONEncoder().encode(text), as: UTF8.self) }
        return "\"" + text.utf16.map { String(format: "\\u%04x", $0) }.joined() + "\""
    }

    func withValue<R>(_ json: String, _ body: (JSONView) -> R) -> R? {
        var scanner = JSONScanner()
        var json = json
        return json.withUTF8 { try? scanner.scan($0, body) }
    }

    @Test("a JSON string whose text is JSON holding a commit line is never passed over by mayHoldCommitHashInJSON")
    func commitHashesInWrappedJSON() throws {
        for text in Self.texts {
            for escaped in [false, true] {
                let inner = "{\"output\":\(try Self.literal(text, everyCharacterEscaped: escaped)),\"metadata\":{}}"
                let outer = try Self.literal(inner, everyCharacterEscaped: false)
                let holds = !ToolOutputScanner.commitHashes(in: text).isEmpty
                if holds { #expect(withValue(outer) { $0.mayHoldCommitHashInJSON } == true, "\(outer)") }
            }
        }
        #expect(withValue(try Self.literal(#"{"output":"plain \"text\" [x] 1234"}"#, everyCharacterEscaped: false)) {
            $0.mayHoldCommitHashInJSON
        } == false)
    }

    @Test("commit hashes from a JSON string or text parts equal those of the decoded text")
    func commitHashes() throws {
        for text in Self.texts {
            for escaped in [false, true] {
                let literal = try Self.literal(text, everyCharacterEscaped: escaped)
                #expect(withValue(literal) { $0.commitHashes } == ToolOutputScanner.commitHashes(in: text), "\(literal)")
                let parts = "[{\"type\":\"text\",\"text\":\(literal)},{\"type\":\"text\",\"text\":\"[b 7777777] y\"}]"
                #expect(
                    withValue(parts) { $0.commitHashes } == ToolOutputScanner.commitHashes(in: text + "\n[b 7777777] y"),
                    "\(parts)")
            }
        }
    }

    @Test("flexible text: a string, joined text parts, nil for null, empty for other shapes")
    func flexibleText() {
        #expect(withValue(#""a\nb""#) { $0.flexibleText } == "a\nb")
        #expect(withValue(#"[{"type":"text","text":"a"},{"type":"image"},{"text":"b"}]"#) { $0.flexibleText } == "a\nb")
        #expect(withValue("null") { $0.flexibleText } == .some(nil))
        #expect(withValue(#"[{"text":"a"},1]"#) { $0.flexibleText } == "")
        #expect(withValue("42") { $0.flexibleText } == "")
        #expect(withValue(#""bad \x escape""#) { $0.flexibleText } == "")
    }

    @Test("all strings, depth first, the first of duplicate names only")
    func allStrings() {
        let strings = withValue(#"{"a":"x","b":[1,"y",{"c":"z"}],"a":"dup","d":null}"#) { Set($0.allStrings) }
        #expect(strings == ["x", "y", "z"])
    }

    @Test("a UUID value is kept as its bits, any other as its text; each matches only its own text")
    func uuidValueKeys() {
        let uuid = "4c7d4d5a-7dd4-428c-bd81-077617558182"
        let value = ClaudeContinuationSearch.Value(uuid)
        guard case .uuid = value else {
            Issue.record("a lowercase UUID is kept as bits")
            return
        }
        #expect(ClaudeContinuationSearch.Value(uuid.uppercased()) != value)
        #expect(ClaudeContinuationSearch.Value(uuid.uppercased()) == .text(uuid.uppercased()))
        #expect(ClaudeContinuationSearch.Value("4c7d4d5a7dd4-428c-bd81-077617558182x") == .text("4c7d4d5a7dd4-428c-bd81-077617558182x"))
        #expect(ClaudeContinuationSearch.Value("4c7d4d5a-7dd4-428c-bd81-077617558183") != value)
        // Every digit 0-9, a-f in every place reads as itself; any other byte in any place makes it text.
        let digits = Array("0123456789abcdef")
        for place in uuid.indices where uuid[place] != "-" {
            for digit in digits {
                var text = uuid
                text.replaceSubrange(place...place, with: String(digit))
                let bits = text.filter { $0 != "-" }
                let expected = ClaudeContinuationSearch.Value.uuid(
                    UInt64(bits.prefix(16), radix: 16) ?? 0, UInt64(bits.suffix(16), radix: 16) ?? 0)
                #expect(ClaudeContinuationSearch.Value(text) == expected, "\(text)")
            }
            for other in ["g", "A", "/", ":", "`", "-", "é"] {
                var text = uuid
                text.replaceSubrange(place...place, with: other)
                #expect(ClaudeContinuationSearch.Value(text) == .text(text), "\(text)")
            }
        }
        for dash in [8, 13, 18, 23] {
            var text = Array(uuid)
            text[dash] = "0"
            #expect(ClaudeContinuationSearch.Value(String(text)) == .text(String(text)))
        }
    }

    @Test("text checks give Foundation's answers", arguments: [
        "", " ", "a *** b", "a ** b", "é] x", "] \u{301}x", " \n padded\t", "\u{2003}em space\u{85}", "plain", "x\r\n",
        "<system-reminder>a</system-reminder>", "e\u{301}*** ",
    ])
    func textChecks(_ text: String) {
        #expect(LogText.contains(text, "*** ") == text.contains("*** "))
        #expect(LogText.contains(text, "] ") == text.contains("] "))
        #expect(LogText.contains(text, "<system-reminder>") == text.contains("<system-reminder>"))
        #expect(LogText.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(LogText.isBlank(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("the continuation search finds every value written after \"uuid\":\", at any offset")
    func uuidValues() {
        for padding in 0..<17 {
            let line = String(repeating: "u", count: padding) + #"{"parentUuid":"p","uuid":"a-1","x":{"uuid":"b"},"s":"\"uuid\":\"c","uuid":"uuid":"d","uuid":""#
            var found: [ClaudeContinuationSearch.Value] = []
            Array(line.utf8).withUnsafeBufferPointer { ClaudeContinuationSearch.forEachUUID(in: $0) { found.append($0) } }
            #expect(found == ["a-1", "b", "uuid", "d"].map(ClaudeContinuationSearch.Value.init), "padding \(padding)")
        }
    }
}
