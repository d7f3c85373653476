import Foundation
import Ingestion
import Model
import Testing

@Suite("Gemini CLI recordings")
struct GeminiSessionReaderTests {
    // Independent Python count (json.load): prompts = type "user"; tokens summed over "gemini"
    // messages as input − cached + tool, output + thoughts, cached; files = write_file/replace
    // args.file_path; times = startTime, lastUpdated and every message timestamp.
    @Test("the 2025-10-05 single-object session")
    func legacyJSON() throws {
        let path = try SessionFixtures.path("gemini-cli/2025-10-05_legacy-json_session.json")
        let result = try GeminiSessionReader.readJSON(path: path)
        let session = try result.session("eefc44a3-0832-4bc0-ac33-fa668f038213")
        #expect(session.prompts == 1)
        #expect(session.tokens == [140_022, 6944, 0, 326_620])
        #expect(session.usage.count == 18)
        #expect(session.filesEdited.isEmpty)
        #expect(session.eventTimes.first == 1_759_648_263_979)
        #expect(session.eventTimes.last == 1_759_648_567_473)
        #expect(session.models == ["gemini-2.5-pro"])
        #expect(session.projectHash == "ab14fe397f91d5f283525b3178d2314aef552f761131c42172a21b7bf735e73d")
        #expect(session.gitBranch == nil)
    }

    @Test("the 2026-03-27 session with tool calls (content as parts)")
    func withToolCalls() throws {
        let path = try SessionFixtures.path("gemini-cli/2026-03-27_legacy-json_session_with_toolCalls.json")
        let session = try GeminiSessionReader.readJSON(path: path).session("8a20078e-2d5e-4f81-a640-9b879bbb7e6d")
        #expect(session.prompts == 1)
        #expect(session.promptTexts.first?.hasPrefix("請幫我依照專案實際狀況更新 README.md") == true)
        #expect(session.tokens == [36522, 20941, 0, 39826])
        #expect(session.filesEdited == ["CONTRIBUTING.md", "README.md", "README.zh-CN.md", "README.zh-TW.md"])
        #expect(session.eventTimes.first == 1_774_606_752_584)
        #expect(session.eventTimes.last == 1_774_606_920_022)
        #expect(session.models == ["gemini-3.1-pro-preview-customtools"])
    }

    static let jsonl = """
        {"sessionId":"g-1","projectHash":"abc","startTime":"2026-04-23T12:00:00.000Z","lastUpdated":"2026-04-23T12:00:00.000Z","kind":"main"}
        {"id":"u1","timestamp":"2026-04-23T12:00:01.000Z","type":"user","content":[{"text":"expanded init prompt"}],"displayContent":"/init"}
        {"id":"a1","timestamp":"2026-04-23T12:00:05.000Z","type":"gemini","content":"","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":60,"thoughts":5,"tool":1,"total":116},"toolCalls":[{"id":"t","name":"replace","args":{"file_path":"/p/a.ts"},"status":"success","timestamp":"2026-04-23T12:00:04.000Z"}]}
        {"id":"a1","timestamp":"2026-04-23T12:00:05.000Z","type":"gemini","content":"done","model":"gemini-3-pro","tokens":{"input":100,"output":10,"cached":60,"thoughts":5,"tool":1,"total":116}}
        {"$set":{"lastUpdated":"2026-04-23T12:53:02.597Z"}}
        {"$rewindTo":"a1"}

        """

    @Test("the ≥ v0.39 JSONL: metadata line, re-written messages once, $set times, .project_root")
    func jsonlFormat() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        try scratch.write("tmp/myproj/.project_root", "/home/me/myproj\n")
        let path = try scratch.write("tmp/myproj/chats/session-2026-04-23T12-00-g1.jsonl", Self.jsonl)
        let result = try GeminiSessionReader.readJSONL(path: path)
        #expect(result.malformedLines == 0 && result.unknownRecords == 0)
        let session = try result.session("g-1")
        #expect(session.promptTexts == ["/init"])
        #expect(session.usage == [UsageRecord(key: "gemini:g-1:a1", input: 41, output: 15, cacheRead: 60)])
        #expect(session.filesEdited == ["/p/a.ts"])
        #expect(session.workingDirectory == "/home/me/myproj")
        #expect(session.eventTimes.last == LogTimestamp.milliseconds(iso: "2026-04-23T12:53:02.597Z"))
        let offset = Int64(Self.jsonl.split(separator: "\n")[0].utf8.count + 1)
        let later = try GeminiSessionReader.readJSONL(path: path, fromOffset: offset)
        #expect(later.sessions.first?.id == "g-1")
        #expect(later.sessions.first?.eventTimes.first == LogTimestamp.milliseconds(iso: "2026-04-23T12:00:01.000Z"))
    }

    @Test("a Gemini JSON that is not a conversation object is a clear error")
    func notAConversation() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("session.json", "[1, 2]")
        #expect(throws: SessionLogError.self) { try GeminiSessionReader.readJSON(path: path) }
    }
}
