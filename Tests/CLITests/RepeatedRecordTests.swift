import Foundation
import Support
import TestSupport
import Testing

/// Every reader keys its records on their own identity (FORMATS.md's usage note): records that
/// repeat, files that are rewritten, and rewinds give the de-duplicated token totals, through the
/// built binary and the database (issue 19).
@Suite("repeated, rewritten and rewound records count once, for every reader")
struct RepeatedRecordTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var tool: String
        /// Files relative to the logs folder, first as written, then as rewritten.
        var first: [String: String]
        var rewritten: [String: String]
        /// (input, output) tokens after each ingest.
        var expectedFirst: (Int, Int)
        var expectedRewritten: (Int, Int)
        var testDescription: String { tool }
    }

    static func claudeLine(_ uuid: String, _ message: String, _ request: String, input: Int, output: Int) -> String {
        #"{"type":"assistant","sessionId":"cs-1","cwd":"/w/app","uuid":"\#(uuid)","timestamp":"2026-03-01T10:0\#(uuid.suffix(1)):00.000Z","requestId":"\#(request)","message":{"id":"\#(message)","model":"claude-opus-4-5","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":\#(input),"output_tokens":\#(output)}}}"#
    }
    static let claudeUser = #"{"type":"user","sessionId":"cs-1","cwd":"/w/app","uuid":"u0","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"fix it"}}"#

    static func codexCount(_ input: Int, _ output: Int, _ lastInput: Int, _ lastOutput: Int, minute: Int) -> String {
        #"{"timestamp":"2026-03-01T10:\#(String(format: "%02d", minute)):00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":\#(input),"cached_input_tokens":0,"output_tokens":\#(output),"reasoning_output_tokens":0,"total_tokens":\#(input + output)},"last_token_usage":{"input_tokens":\#(lastInput),"cached_input_tokens":0,"output_tokens":\#(lastOutput),"reasoning_output_tokens":0,"total_tokens":\#(lastInput + lastOutput)}}}}"#
    }
    static let codexMeta = #"{"timestamp":"2026-03-01T10:00:00.000Z","type":"session_meta","payload":{"id":"cx-1","timestamp":"2026-03-01T10:00:00.000Z","cwd":"/w/app","cli_version":"0.50.0"}}"#
    static let codexUser = #"{"timestamp":"2026-03-01T10:00:01.000Z","type":"event_msg","payload":{"type":"user_message","message":"fix it"}}"#

    static func gemini(_ id: String, input: Int, output: Int, second: Int, tools: Bool = false) -> String {
        let calls = tools ? #","toolCalls":[{"id":"t","name":"read_file","args":{"file_path":"a.py"},"status":"success"}]"# : ""
        return #"{"id":"\#(id)","timestamp":"2026-04-01T10:00:\#(String(format: "%02d", second)).000Z","type":"gemini","content":"","tokens":{"input":\#(input),"output":\#(output),"cached":0,"thoughts":0,"tool":0,"total":\#(input + output)},"model":"gemini-3.1-pro"\#(calls)}"#
    }
    static let geminiMeta = #"{"sessionId":"gm-1","projectHash":"ff","startTime":"2026-04-01T10:00:00.000Z","lastUpdated":"2026-04-01T10:00:00.000Z","kind":"main"}"#
    static let geminiUser = #"{"id":"u1","timestamp":"2026-04-01T10:00:01.000Z","type":"user","content":[{"text":"fix it"}]}"#

    static func cline(_ ts: Int, input: Int, output: Int) -> String {
        #"{"ts":\#(ts),"type":"say","say":"api_req_started","text":"{\"request\":\"x\",\"tokensIn\":\#(input),\"tokensOut\":\#(output),\"cacheWrites\":0,\"cacheReads\":0}"}"#
    }
    static let clineTask = #"{"ts":1770000000000,"type":"say","say":"task","text":"fix it"}"#

    static func copilotShutdown(_ id: String, input: Int, output: Int) -> String {
        #"{"type":"session.shutdown","data":{"shutdownType":"routine","modelMetrics":{"claude-sonnet-4.6":{"requests":{"count":1,"cost":1},"usage":{"inputTokens":\#(input),"outputTokens":\#(output),"cacheReadTokens":0,"cacheWriteTokens":0}}},"currentModel":"claude-sonnet-4.6"},"id":"\#(id)","timestamp":"2026-04-23T17:18:20.178Z"}"#
    }
    static let copilotStart = #"{"type":"session.start","data":{"sessionId":"cp-1","copilotVersion":"1.0.34","startTime":"2026-04-23T17:08:08.893Z","context":{"cwd":"/w/app"}},"id":"e0","timestamp":"2026-04-23T17:08:08.893Z"}"#
    static let copilotUser = #"{"type":"user.message","data":{"content":"fix it"},"id":"e1","timestamp":"2026-04-23T17:09:00.000Z"}"#

    static func aider(_ exchanges: [(Int, Int)]) -> String {
        var text = "\n# aider chat started at 2026-07-07 16:46:04\n\n> Aider v0.86.2  \n\n"
        for (sent, received) in exchanges {
            text += "#### change it  \n\nDone.\n\n> Tokens: \(sent) sent, \(received) received. Cost: $0.01 message, $0.02 session.  \n\n"
        }
        return text
    }

    static let cases: [Case] = [
        Case(
            tool: "claude-code",
            // A message streamed over three lines (output 10, 10, 299), a line copied by a resume.
            first: ["app/cs-1.jsonl": [
                claudeUser, claudeLine("a1", "m1", "r1", input: 100, output: 10), claudeLine("a2", "m1", "r1", input: 100, output: 10),
                claudeLine("a3", "m1", "r1", input: 100, output: 299), claudeLine("a4", "m2", "r2", input: 50, output: 5),
                claudeLine("a4", "m2", "r2", input: 50, output: 5),
            ].joined(separator: "\n") + "\n"],
            // Rewritten (compacted): the streamed copies gone, one new message.
            rewritten: ["app/cs-1.jsonl": [
                claudeUser, claudeLine("a3", "m1", "r1", input: 100, output: 299), claudeLine("a4", "m2", "r2", input: 50, output: 5),
                claudeLine("a5", "m3", "r3", input: 20, output: 2),
            ].joined(separator: "\n") + "\n"],
            expectedFirst: (150, 304), expectedRewritten: (170, 306)),
        Case(
            tool: "codex",
            // Half of token_count events repeat the previous total.
            first: ["2026/03/01/rollout-2026-03-01T10-00-00-cx-1.jsonl": [
                codexMeta, codexUser, codexCount(1000, 100, 1000, 100, minute: 1), codexCount(1000, 100, 1000, 100, minute: 2),
                codexCount(1500, 200, 500, 100, minute: 3), codexCount(1500, 200, 500, 100, minute: 4),
            ].joined(separator: "\n") + "\n"],
            rewritten: ["2026/03/01/rollout-2026-03-01T10-00-00-cx-1.jsonl": [
                codexMeta, codexUser, codexCount(1000, 100, 1000, 100, minute: 1), codexCount(1500, 200, 500, 100, minute: 3),
                codexCount(1800, 250, 300, 50, minute: 5), codexCount(1800, 250, 300, 50, minute: 6),
            ].joined(separator: "\n") + "\n"],
            expectedFirst: (1500, 200), expectedRewritten: (1800, 250)),
        Case(
            tool: "gemini",
            // A message written again when its tool calls finish (same id), then a rewind: rewound
            // messages were still spent.
            first: ["tmp/ff/chats/session-2026-04-01T10-00-gm1.jsonl": [
                geminiMeta, geminiUser, gemini("g1", input: 1000, output: 100, second: 5),
                gemini("g1", input: 1000, output: 100, second: 5, tools: true), gemini("g2", input: 500, output: 50, second: 9),
                #"{"$rewindTo":"g2"}"#, gemini("g3", input: 200, output: 20, second: 12),
            ].joined(separator: "\n") + "\n"],
            rewritten: ["tmp/ff/chats/session-2026-04-01T10-00-gm1.jsonl": [
                geminiMeta, geminiUser, gemini("g1", input: 1000, output: 100, second: 5, tools: true),
                gemini("g2", input: 500, output: 50, second: 9), gemini("g3", input: 200, output: 20, second: 12),
                gemini("g3", input: 200, output: 20, second: 12, tools: true),
            ].joined(separator: "\n") + "\n"],
            expectedFirst: (1700, 170), expectedRewritten: (1700, 170)),
        Case(
            tool: "cline",
            // ui_messages.json is rewritten whole as a request streams: the same ts again, larger.
            first: ["tasks/1770000000000/ui_messages.json":
                "[" + [clineTask, cline(1_770_000_001_000, input: 10, output: 275), cline(1_770_000_001_000, input: 10, output: 300),
                       cline(1_770_000_002_000, input: 5, output: 50)].joined(separator: ",\n") + "]"],
            rewritten: ["tasks/1770000000000/ui_messages.json":
                "[" + [clineTask, cline(1_770_000_001_000, input: 10, output: 300), cline(1_770_000_002_000, input: 5, output: 50),
                       cline(1_770_000_003_000, input: 1, output: 10)].joined(separator: ",\n") + "]"],
            expectedFirst: (15, 350), expectedRewritten: (16, 360)),
        Case(
            tool: "copilot",
            // The shutdown event written twice (same id).
            first: ["session-state/cp-1/events.jsonl": [
                copilotStart, copilotUser, copilotShutdown("e9", input: 1000, output: 100), copilotShutdown("e9", input: 1000, output: 100),
            ].joined(separator: "\n") + "\n"],
            rewritten: ["session-state/cp-1/events.jsonl": [
                copilotStart, copilotUser, copilotShutdown("e9", input: 1000, output: 100),
            ].joined(separator: "\n") + "\n"],
            expectedFirst: (1000, 100), expectedRewritten: (1000, 100)),
        Case(
            tool: "aider",
            // Two exchanges; the history read again after it grew counts each once.
            first: ["repo/.aider.chat.history.md": aider([(1000, 100), (1000, 100)])],
            rewritten: ["repo/.aider.chat.history.md": aider([(1000, 100), (1000, 100), (500, 50)])],
            expectedFirst: (2000, 200), expectedRewritten: (2500, 250)),
    ]

    @Test("token totals are de-duplicated, through the binary and the database", arguments: cases)
    func totals(_ example: Case) throws {
        let folder = try TemporaryDirectory("repeated-\(example.tool)")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        func ingest(_ files: [String: String]) throws -> (Int, Int) {
            for (path, text) in files { try folder.write("logs/" + path, text) }
            let result = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
            let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
            #expect(sessions.count == 1, "\(example.tool): \(listing.stdout)")
            let tokens = sessions.first?["tokens"] as? [String: Int] ?? [:]
            return (tokens["input"] ?? -1, tokens["output"] ?? -1)
        }
        let first = try ingest(example.first)
        #expect(first == example.expectedFirst, "\(example.tool) first read: \(first)")
        let again = try ingest([:])
        #expect(again == example.expectedFirst, "\(example.tool) unchanged: \(again)")
        let rewritten = try ingest(example.rewritten)
        #expect(rewritten == example.expectedRewritten, "\(example.tool) rewritten: \(rewritten)")
    }
}
