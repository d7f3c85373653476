import Foundation
import Ingestion
import Testing

@Suite("Format detection from content")
struct SessionLogFormatTests {
    @Test(
        "every real sample is recognised from its content",
        arguments: [
            ("claude-code/v1.0.17_sniffly_d3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl", SessionLogFormat.claudeJSONL),
            ("claude-code/v1.0.17_sniffly_ff71dbed-a4f2-4284-a4fc-fe2fb90de929_summary-only.jsonl", .claudeJSONL),
            ("claude-code/v2.1.38_spotter_short.jsonl", .claudeJSONL),
            ("claude-code/v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569.jsonl.gz", .claudeJSONL),
            ("codex/v0.39.0_codex_vscode_vibecodingtracker_2025-09-19.jsonl", .codexJSONL),
            ("codex/v0.135.0_codex_exec_agent-history_real_sessions_codex_session-01_redacted.jsonl", .codexJSONL),
            ("aider/aider-repo_tests_fixtures_chat-history.EXCERPT.md", .aiderChatHistory),
            ("gemini-cli/2025-10-05_legacy-json_session.json", .geminiJSON),
            ("gemini-cli/2026-03-27_legacy-json_session_with_toolCalls.json", .geminiJSON),
            ("copilot-cli/v1.0.34_events.jsonl", .copilotEvents),
        ])
    func realSamples(file: String, format: SessionLogFormat) throws {
        #expect(SessionLogFormat.detect(path: try SessionFixtures.path(file)) == format)
    }

    @Test("a Claude log renamed to .txt is still recognised and read")
    func renamed() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let data = try Data(contentsOf: URL(fileURLWithPath: try SessionFixtures.path("claude-code/v2.1.38_spotter_short.jsonl")))
        let path = try scratch.write("notes.txt", Array(data))
        #expect(SessionLogFormat.detect(path: path) == .claudeJSONL)
        #expect(try SessionLogReader.read(path: path).sessions.first?.id == "55604662-cf2a-4331-851a-ec234028f8ca")
    }

    @Test(
        "small heads of each format",
        arguments: [
            (#"{"id":"x","timestamp":"2025-05-01T10:00:00Z","instructions":"…"}"# + "\n{\"record_type\":\"state\"}\n", SessionLogFormat.codexJSONL),
            (#"{"sessionId":"g","projectHash":"h","startTime":"t","lastUpdated":"t","kind":"main"}"# + "\n", .geminiJSONL),
            ("{\n  \"sessionId\": \"g\",\n  \"projectHash\": \"h\",\n  \"messages\": []\n}\n", .geminiJSON),
            ("\n# 2025-05-04 17:06:57.158813\n+give me an overview\n", .aiderInputHistory),
            ("\n# aider chat started at 2026-07-07 16:46:04\n\n#### hi\n", .aiderChatHistory),
            (#"[{"ts":1770482470358,"type":"say","say":"task","text":"x"}]"#, .clineTask),
            (#"{"type":"session.start","data":{"sessionId":"s"},"id":"i","timestamp":"t","parentId":null}"# + "\n", .copilotEvents),
            (#"{"type":"summary","summary":"A title","leafUuid":"u"}"# + "\n", .claudeJSONL),
        ])
    func heads(text: String, format: SessionLogFormat) {
        #expect(SessionLogFormat.detect(head: Array(text.utf8)) == format)
    }

    @Test("a line that starts within the 64 KiB head is read to its end, however long")
    func longFirstLine() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let instructions = String(repeating: "be careful. ", count: 10_000)
        let header = #"{"id":"x","timestamp":"2025-05-01T10:00:00Z","instructions":"\#(instructions)"}"#
        let path = try scratch.write("long.jsonl", header + "\n" + String(repeating: "not json\n", count: 200_000))
        #expect(SessionLogFormat.detect(path: path) == .codexJSONL)
        // A line that starts within the first 64 KiB is read whole: here the one that decides.
        let filler = #"{"note":"\#(String(repeating: "x", count: 65_000))"}"#
        let second = try scratch.write("second.jsonl", filler + "\n" + header + "\n")
        #expect(SessionLogFormat.detect(path: second) == .codexJSONL)
        // Cut inside the line (no newline at all in the first 8 MiB): the names before the cut decide.
        let cut = try scratch.write("cut.jsonl", String(header.prefix(1 << 16)))
        #expect(SessionLogFormat.detect(path: cut) == .codexJSONL)
    }

    @Test(
        "a log whose first line is binary garbage or carries two byte-order marks is still recognised; the bad line is counted, every record after it read",
        arguments: [
            ("claude-code/v2.1.38_spotter_short.jsonl", SessionLogFormat.claudeJSONL),
            ("codex/v0.39.0_codex_vscode_vibecodingtracker_2025-09-19.jsonl", .codexJSONL),
            ("copilot-cli/v1.0.34_events.jsonl", .copilotEvents),
        ])
    func damagedFirstLine(file: String, format: SessionLogFormat) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: try SessionFixtures.path(file))))
        let clean = try SessionLogReader.read(path: try scratch.write("clean.jsonl", original))
        let garbage: [UInt8] = [0x00, 0x9F, 0x92, 0x96] + Array("garbage".utf8) + [0xFF, 0x0A]
        let damaged = try scratch.write("damaged.jsonl", garbage + original)
        #expect(SessionLogFormat.detect(path: damaged) == format)
        let read = try SessionLogReader.read(path: damaged)
        #expect(read.malformedLines == clean.malformedLines + 1)
        #expect(read.malformedExamples.first?.hasPrefix(damaged + ":1: ") == true)
        #expect(read.sessions.map(\.id) == clean.sessions.map(\.id))
        #expect(read.sessions.map(\.prompts) == clean.sessions.map(\.prompts))
        #expect(read.sessions.map(\.usage) == clean.sessions.map(\.usage))
        #expect(read.sessions.map(\.eventTimes) == clean.sessions.map(\.eventTimes))
        let marks = try scratch.write("marks.jsonl", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + original)
        #expect(SessionLogFormat.detect(path: marks) == format)
    }

    @Test("a first line longer than the 8 MiB head (a pasted image) is recognised from its names before the cut, and read")
    func hugeFirstLine() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let prompt = String(repeating: "iVBORw0KGgo", count: 900_000)  // 9.9 MB of base64-like text
        let first = #"{"type":"user","uuid":"u1","sessionId":"s1","cwd":"/w/app","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"\#(prompt)"}}"#
        let second = #"{"type":"user","uuid":"u2","parentUuid":"u1","sessionId":"s1","cwd":"/w/app","timestamp":"2026-03-01T10:05:00.000Z","message":{"role":"user","content":"and then?"}}"#
        let path = try scratch.write("big.jsonl", first + "\n" + second + "\n")
        #expect(SessionLogFormat.detect(path: path) == .claudeJSONL)
        let read = try SessionLogReader.read(path: path)
        #expect(read.sessions.first?.id == "s1")
        #expect(read.sessions.first?.prompts == 2)
    }

    @Test(
        "an object cut anywhere gives the names whose values began before the cut",
        arguments: [
            (#"{"type":"user","sessionId":"s","message":{"content":"a \"quoted\" } brace, [and] more"#, SessionLogFormat?.some(.claudeJSONL)),
            (#"{ "timestamp" : "2025-05-01T10:00:00Z", "type": "session_meta", "payload": {"id": "x", "instructions": "lo"#, .codexJSONL),
            (#"{"sessionId":"g","projectHash":"h","messages":[{"id":1,"text":"}]"#, .geminiJSON),
            (#"{"note":"just a note, cut he"#, nil),
            (#"{"ty"#, nil),
        ])
    func cutObjects(text: String, format: SessionLogFormat?) {
        #expect(SessionLogFormat.detect(head: Array(text.utf8)) == format)
    }

    @Test("unknown content is nil", arguments: ["", "hello world\n", "[1,2,3]\n", #"{"a":1}"# + "\n", "\u{FF}\u{FE}"])
    func unknown(text: String) throws {
        #expect(SessionLogFormat.detect(head: Array(text.utf8)) == nil)
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("x.jsonl", text)
        #expect(throws: SessionLogError.self) { try SessionLogReader.read(path: path) }
    }
}
