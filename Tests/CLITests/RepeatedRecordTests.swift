import Foundation
import Storage
import Support
import TestSupport
import Testing

/// Every reader keys its records on their own identity (FORMATS.md's usage note): records that
/// repeat, files that are rewritten, and rewinds give the de-duplicated token totals, through the
/// built binary and the database (issue 19); and records that repeat in a file, are appended again
/// or turn up in a copy of the log count their prompts, events and workflow facts once.
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

    /// A log whose records repeat, for the prompts, events and workflow facts.
    struct RecordCase: CustomTestStringConvertible, Sendable {
        var tool: String
        /// The log, relative to the logs folder; its records repeat in it.
        var path: String
        var text: String
        /// Records written again after the log (appended to a JSONL log, which the next ingest reads from
        /// where it stopped; a whole-file format is rewritten with them); nil when the format has no such case.
        var repeated: String?
        /// Another file of the same session the log is copied to; nil when a copy is another session.
        var copy: String?
        /// Prompts, stored events, corrections before and after the first edit, sub-agents: each record once.
        var expected: Figures
        var testDescription: String { tool }
    }

    struct Figures: Equatable, CustomStringConvertible, Sendable {
        var prompts: Int
        var events: Int
        var before: Int?
        var after: Int?
        var subagents: Int?
        var description: String {
            "prompts \(prompts), events \(events), corrections \(before.map(String.init) ?? "nil")/\(after.map(String.init) ?? "nil"), sub-agents \(subagents.map(String.init) ?? "nil")"
        }
    }

    static func lines(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    static func claudeRecord(_ uuid: String, _ type: String, second: Int, _ message: String) -> String {
        #"{"type":"\#(type)","sessionId":"cs-2","cwd":"/w/app","uuid":"\#(uuid)","timestamp":"2026-03-01T10:00:\#(String(format: "%02d", second)).000Z","permissionMode":"default","message":\#(message)}"#
    }
    static let claudeRecords = [
        claudeRecord("u1", "user", second: 1, #"{"role":"user","content":"add a cache"}"#),
        claudeRecord(
            "a1", "assistant", second: 2,
            #"{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/w/app/a.py"}},{"type":"tool_use","id":"t2","name":"Task","input":{}}],"usage":{"input_tokens":1,"output_tokens":2}}"#),
        claudeRecord("u2", "user", second: 3, #"{"role":"user","content":"rename it"}"#),
        claudeRecord("u3", "user", second: 4, #"{"role":"user","content":"and test it"}"#),
    ]

    static func codexLine(_ second: Int, _ type: String, _ payload: String) -> String {
        #"{"timestamp":"2026-03-01T10:00:\#(String(format: "%02d", second)).000Z","type":"\#(type)","payload":\#(payload)}"#
    }
    static let codexRecords = [
        codexLine(0, "session_meta", #"{"id":"cx-2","timestamp":"2026-03-01T10:00:00.000Z","cwd":"/w/app","cli_version":"0.50.0"}"#),
        codexLine(1, "event_msg", #"{"type":"user_message","message":"add a cache"}"#),
        codexLine(2, "response_item", #"{"type":"custom_tool_call","name":"apply_patch","call_id":"c1","input":"*** Begin Patch\n*** Update File: a.py\n@@\n-a\n+b\n*** End Patch"}"#),
        codexLine(3, "response_item", #"{"type":"function_call","name":"spawn_agent","arguments":"{}","call_id":"c2"}"#),
        codexLine(4, "event_msg", #"{"type":"user_message","message":"rename it"}"#),
    ]

    static func geminiMessage(_ id: String, _ type: String, second: Int, _ rest: String) -> String {
        #"{"id":"\#(id)","timestamp":"2026-04-01T10:00:\#(String(format: "%02d", second)).000Z","type":"\#(type)",\#(rest)}"#
    }
    static let geminiRecords = [
        #"{"sessionId":"gm-2","projectHash":"ff","startTime":"2026-04-01T10:00:00.000Z","lastUpdated":"2026-04-01T10:00:00.000Z","kind":"main"}"#,
        geminiMessage("u1", "user", second: 1, #""content":[{"text":"add a cache"}]"#),
        geminiMessage("g1", "gemini", second: 2, #""content":"","model":"gemini-3.1-pro","tokens":{"input":10,"output":1,"cached":0,"thoughts":0,"tool":0,"total":11}"#),
        // The same message written again once its tool calls finished: its edit counts, its time not again.
        geminiMessage("g1", "gemini", second: 2, #""content":"","model":"gemini-3.1-pro","tokens":{"input":10,"output":1,"cached":0,"thoughts":0,"tool":0,"total":11},"toolCalls":[{"id":"t","name":"write_file","args":{"file_path":"a.py"},"status":"success"}]"#),
        geminiMessage("u2", "user", second: 3, #""content":[{"text":"rename it"}]"#),
    ]

    static func clineMessage(_ ts: Int, _ say: String, _ text: String) -> String {
        #"{"ts":\#(1_770_000_000_000 + ts),"type":"say","say":"\#(say)","text":"\#(text)"}"#
    }
    static let clineMessages = [
        clineMessage(0, "task", "add a cache"),
        clineMessage(1_000, "tool", #"{\"tool\":\"editedExistingFile\",\"path\":\"a.py\"}"#),
        clineMessage(2_000, "user_feedback", "rename it"),
    ]

    static func copilotEvent(_ id: String, _ type: String, second: Int, _ data: String) -> String {
        #"{"type":"\#(type)","data":\#(data),"id":"\#(id)","timestamp":"2026-04-23T17:09:\#(String(format: "%02d", second)).000Z"}"#
    }
    static let copilotEvents = [
        copilotEvent("e0", "session.start", second: 0, #"{"sessionId":"cp-2","copilotVersion":"1.0.34","context":{"cwd":"/w/app"}}"#),
        copilotEvent("e1", "user.message", second: 1, #"{"content":"add a cache"}"#),
        copilotEvent("e2", "assistant.message", second: 2, #"{"toolRequests":[{"name":"edit","arguments":{"path":"/w/app/a.py"}}]}"#),
        copilotEvent("e3", "subagent.started", second: 3, #"{}"#),
        copilotEvent("e4", "user.message", second: 4, #"{"content":"rename it"}"#),
    ]

    static let aiderLog = """

        # aider chat started at 2026-07-07 16:46:04

        > Aider v0.86.2  

        #### add a cache  

        > Applied edit to a.py  

        #### rename it  

        #### and test it  

        """

    static let recordCases: [RecordCase] = [
        // u2 and the edit written twice in the file (stream-json, a resume).
        RecordCase(
            tool: "claude-code", path: "app/cs-2.jsonl",
            text: lines([claudeRecords[0], claudeRecords[1], claudeRecords[1], claudeRecords[2], claudeRecords[2], claudeRecords[3]]),
            repeated: lines(claudeRecords + claudeRecords), copy: "app/backup-cs-2.jsonl",
            expected: Figures(prompts: 3, events: 4, before: 0, after: 2, subagents: 1)),
        RecordCase(
            tool: "codex", path: "2026/03/01/rollout-2026-03-01T10-00-00-cx-2.jsonl",
            text: lines(codexRecords + [codexRecords[4], codexRecords[2], codexRecords[3]]),
            repeated: lines(codexRecords + codexRecords),
            copy: "archived/rollout-2026-03-01T10-00-00-cx-2.jsonl",
            expected: Figures(prompts: 2, events: 5, before: 0, after: 1, subagents: 1)),
        RecordCase(
            tool: "gemini", path: "tmp/ff/chats/session-2026-04-01T10-00-gm2.jsonl",
            text: lines(geminiRecords + [geminiRecords[4], geminiRecords[1]]),
            repeated: lines(geminiRecords + geminiRecords),
            copy: "tmp/ff/chats/session-2026-04-01T10-00-gm2-copy.jsonl",
            // The metadata's start and last update are two events.
            expected: Figures(prompts: 2, events: 5, before: 0, after: 1, subagents: nil)),
        // ui_messages.json is rewritten whole; a copied task folder is another task.
        RecordCase(
            tool: "cline", path: "tasks/1770000000000/ui_messages.json",
            text: "[" + (clineMessages + [clineMessages[2], clineMessages[1]]).joined(separator: ",\n") + "]",
            repeated: "[" + (clineMessages + clineMessages + clineMessages).joined(separator: ",\n") + "]", copy: nil,
            expected: Figures(prompts: 2, events: 3, before: 0, after: 1, subagents: nil)),
        RecordCase(
            tool: "copilot", path: "session-state/cp-2/events.jsonl",
            text: lines(copilotEvents + [copilotEvents[4], copilotEvents[3]]),
            repeated: lines(copilotEvents + copilotEvents), copy: "session-state/cp-2/events.backup.jsonl",
            expected: Figures(prompts: 2, events: 5, before: 0, after: 1, subagents: 1)),
        // Aider writes no record twice in a history (a new launch is a new header); a second history of the
        // same folder repeats its sessions.
        RecordCase(
            tool: "aider", path: "repo/.aider.chat.history.md", text: aiderLog, repeated: nil,
            copy: "repo/backup.aider.chat.history.md",
            expected: Figures(prompts: 3, events: 1, before: 0, after: 2, subagents: nil)),
    ]

    /// The session's figures as `sessions --format json` and the database give them.
    static func figures(db: String, tool: String) throws -> Figures {
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        #expect(listing.status == 0, "\(listing.stderr)")
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 1, "\(tool): \(listing.stdout)")
        let session = try #require(sessions.first)
        let workflow = session["workflow"] as? [String: Any] ?? [:]
        let events = try Database(readOnlyPath: db).prepare("SELECT count(*) FROM session_event").first { $0.int(0) }
        return Figures(
            prompts: session["prompts"] as? Int ?? -1, events: events ?? -1, before: workflow["correctionsBeforeEdit"] as? Int,
            after: workflow["correctionsAfterEdit"] as? Int, subagents: workflow["subagents"] as? Int)
    }

    @Test(
        "prompts, events and workflow facts count each record once: repeated in a log, appended again, in a copy; as one ingest of the final files",
        arguments: recordCases)
    func records(_ example: RecordCase) throws {
        let folder = try TemporaryDirectory("records-\(example.tool)")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        var output = ""
        func ingest(into db: String) throws -> Figures {
            let result = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            output = result.stdout
            return try Self.figures(db: db, tool: example.tool)
        }
        try folder.write("logs/" + example.path, example.text)
        #expect(try ingest(into: db) == example.expected, "\(example.tool): records repeated in the log")
        if let repeated = example.repeated {
            // An append-only log grows by the repeats (read from where the last ingest stopped); a whole-file
            // one is rewritten.
            let whole = example.path.hasSuffix(".json")
            try folder.write(
                "logs/" + example.path,
                whole ? String(example.text.dropLast()) + ",\n" + repeated.dropFirst() : example.text + repeated)
            #expect(try ingest(into: db) == example.expected, "\(example.tool): records written again")
            #expect(output.contains(whole ? "1 rewritten" : "0 rewritten"), "\(example.tool): \(output)")
        }
        if let copy = example.copy {
            try folder.write("logs/" + copy, try String(contentsOfFile: folder.path + "/logs/" + example.path, encoding: .utf8))
            #expect(try ingest(into: db) == example.expected, "\(example.tool): the log copied")
        }
        #expect(try ingest(into: db) == example.expected, "\(example.tool): nothing changed")
        // One ingest of the files as they are now gives the same.
        #expect(try ingest(into: folder.path + "/once.sqlite") == example.expected, "\(example.tool): one ingest")
    }

    @Test("a rewritten log takes its records with it, and the copy that repeated them is read again: as one ingest of the final files")
    func rewrittenCopy() throws {
        let folder = try TemporaryDirectory("records-rewritten")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        func ingest(into db: String) throws -> Figures {
            let result = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            return try Self.figures(db: db, tool: "claude-code")
        }
        let later = Self.claudeRecord("u4", "user", second: 5, #"{"role":"user","content":"ship it"}"#)
        // The backup is read first (its name sorts first), so its records are the ones stored.
        try folder.write("logs/app/cs-2.jsonl", Self.lines(Self.claudeRecords))
        try folder.write("logs/app/backup-cs-2.jsonl", Self.lines(Self.claudeRecords))
        let both = try ingest(into: db)
        #expect(both == Figures(prompts: 3, events: 4, before: 0, after: 2, subagents: 1))
        // The backup is rewritten (compacted): its first records go, a new one comes. Those the other log
        // still holds count again once that log is read again.
        try folder.write("logs/app/backup-cs-2.jsonl", Self.lines([Self.claudeRecords[3], later]))
        let rewritten = try ingest(into: db)
        #expect(rewritten.prompts == 4 && rewritten.events == 5 && rewritten.subagents == 1, "\(rewritten)")
        // Every prompt after the first is a correction once; which side of the edit depends on the order the
        // logs are read in when a session's records are spread over them out of order (the backup first).
        #expect((rewritten.before ?? 0) + (rewritten.after ?? 0) == 3, "\(rewritten)")
        // One ingest of the final files holds the same records (the backup's first ones are in the other
        // log); only the side of the edit a correction falls on may differ with the order they came in.
        let once = try ingest(into: folder.path + "/once.sqlite")
        #expect(once.prompts == rewritten.prompts && once.events == rewritten.events && once.subagents == rewritten.subagents)
        #expect((once.before ?? 0) + (once.after ?? 0) == 3, "\(once)")
        #expect(try ingest(into: db) == rewritten)
    }

    @Test("a log replaced without its earlier records (aider's history begun again, a rewrite) keeps what it gave")
    func replacedLogKeepsItsRecords() throws {
        let folder = try TemporaryDirectory("records-replaced")
        defer { folder.remove() }
        let db = folder.path + "/db.sqlite"
        let later = Self.claudeRecord("u4", "user", second: 5, #"{"role":"user","content":"ship it"}"#)
        try folder.write("logs/app/cs-2.jsonl", Self.lines(Self.claudeRecords))
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db]).status == 0)
        #expect(try Self.figures(db: db, tool: "claude-code").prompts == 3)
        // Rewritten with its last record and a new one only: the three prompts read before stay.
        try folder.write("logs/app/cs-2.jsonl", Self.lines([Self.claudeRecords[3], later]))
        let again = try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db])
        #expect(again.stdout.contains("1 rewritten"), "\(again.stdout)")
        #expect(try Self.figures(db: db, tool: "claude-code").prompts == 4)
        // aider: the history moved aside and begun again; the first history's sessions stay.
        try folder.write("logs/repo/.aider.chat.history.md", Self.aider([(1000, 100), (1000, 100)]))
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db]).status == 0)
        let first = try Self.sessionCount(db: db, tool: "aider")
        let begunAgain = Self.aider([(500, 50)]).replacingOccurrences(of: "2026-07-07 16:46:04", with: "2026-07-09 09:00:00")
        try folder.write("logs/repo/.aider.chat.history.md", begunAgain)
        #expect(try CLIRunner.run(["ingest", "sessions", folder.path + "/logs", "--db", db]).status == 0)
        #expect(try Self.sessionCount(db: db, tool: "aider") == first + 1)
    }

    static func sessionCount(db: String, tool: String) throws -> Int {
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        let sessions = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]] ?? []
        return sessions.filter { $0["tool"] as? String == tool }.count
    }
}
