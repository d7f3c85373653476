import Foundation
import Storage
import TestSupport
import Testing

/// Secrets that turn up in a session log's metadata (a token in a branch name, a version, model or mode
/// field, a path, a session id) are stored and exported as `[REDACTED]`, like those in prompts.
@Suite("no stored or exported column holds a secret a session log carried")
struct SessionSecretTests {
    /// The planted secrets, each matched by one of `SecretRedactor`'s detectors.
    static let anthropic = "sk-ant-api03-" + String(repeating: "Q", count: 24) + "w1x2"
    static let github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    static let githubPAT = "github_pat_" + String(repeating: "Z", count: 30)
    static let aws = "AKIAIOSFODNN7EXAMPLQ"
    static let slack = "xoxb-1234567890-abcdefghij"
    static let openAI = "sk-proj-" + String(repeating: "Y", count: 30)
    static let secrets = [anthropic, github, githubPAT, aws, slack, openAI]
    /// Fragments that give each secret away (what a scan looks for).
    static let fragments = ["sk-ant-api03-QQQQ", "ghp_a1B2c3D4", "github_pat_ZZZZ", "AKIAIOSFODNN7", "xoxb-1234567890", "sk-proj-YYYY"]
    /// All of them in one text, as a field value.
    static let all = secrets.joined(separator: " ")

    static var claude: [String: String] {
        let envelope =
            #""sessionId":"cl-\#(github)","cwd":"/w/\#(aws)/app","version":"2.1.38 \#(all)","gitBranch":"fix/\#(github)""#
        let lines = [
            #"{"type":"user",\#(envelope),"uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","permissionMode":"plan \#(all)","message":{"role":"user","content":"fix it \#(all)"}}"#,
            #"{"type":"assistant",\#(envelope),"uuid":"a1","timestamp":"2026-03-01T10:01:00.000Z","requestId":"req-\#(slack)","message":{"id":"msg-\#(anthropic)","model":"claude-opus-4-5 \#(all)","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"/w/app/\#(openAI).py"}},{"type":"tool_use","id":"t2","name":"Task","input":{}}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
            #"{"type":"assistant",\#(envelope),"isSidechain":true,"agentId":"ag-\#(githubPAT)","uuid":"a2","timestamp":"2026-03-01T10:02:00.000Z","requestId":"r2","message":{"id":"m2","model":"claude-haiku \#(all)","role":"assistant","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":1,"output_tokens":2}}}"#,
            #"{"type":"file-history-snapshot","messageId":"s1","snapshot":{"messageId":"s1","trackedFileBackups":{"src/\#(slack).ts":{"version":1}}}}"#,
        ]
        return ["claude/-w-app/cl.jsonl": lines.joined(separator: "\n") + "\n"]
    }

    static var codex: [String: String] {
        let lines = [
            #"{"timestamp":"2026-03-01T10:00:00.000Z","type":"session_meta","payload":{"id":"cx-\#(slack)","timestamp":"2026-03-01T10:00:00.000Z","cwd":"/w/\#(anthropic)","cli_version":"0.50.0 \#(all)","git":{"branch":"main-\#(github)","repository_url":"https://x:\#(github)@github.com/acme/\#(aws).git","commit_hash":"abc"}}}"#,
            #"{"timestamp":"2026-03-01T10:00:01.000Z","type":"turn_context","payload":{"cwd":"/w/\#(anthropic)","model":"gpt-5 \#(all)","collaboration_mode":{"mode":"default \#(all)"}}}"#,
            #"{"timestamp":"2026-03-01T10:00:02.000Z","type":"event_msg","payload":{"type":"user_message","message":"fix it \#(all)"}}"#,
            #"{"timestamp":"2026-03-01T10:00:03.000Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","call_id":"c1","input":"*** Begin Patch\n*** Update File: src/\#(openAI).py\n@@\n-a\n+b\n*** End Patch"}}"#,
            #"{"timestamp":"2026-03-01T10:00:04.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":5,"reasoning_output_tokens":0,"total_tokens":15}}}}"#,
        ]
        return ["codex/2026/03/01/rollout-2026-03-01T10-00-00-cx.jsonl": lines.joined(separator: "\n") + "\n"]
    }

    static var gemini: [String: String] {
        let lines = [
            #"{"sessionId":"gm-\#(aws)","projectHash":"ff\#(github)","startTime":"2026-04-01T10:00:00.000Z","lastUpdated":"2026-04-01T10:00:00.000Z","kind":"main"}"#,
            #"{"id":"u1","timestamp":"2026-04-01T10:00:01.000Z","type":"user","content":[{"text":"fix it \#(all)"}]}"#,
            #"{"id":"g1","timestamp":"2026-04-01T10:00:05.000Z","type":"gemini","content":"","tokens":{"input":10,"output":5,"cached":0,"thoughts":0,"tool":0,"total":15},"model":"gemini-3 \#(all)","toolCalls":[{"id":"t","name":"write_file","args":{"file_path":"/w/app/\#(githubPAT).py"},"status":"success"},{"id":"t2","name":"enter_plan_mode","args":{},"status":"success"}]}"#,
        ]
        return [
            "gemini/tmp/app/chats/session-2026-04-01T10-00-gm1.jsonl": lines.joined(separator: "\n") + "\n",
            "gemini/tmp/app/.project_root": "/w/\(slack)/app\n",
        ]
    }

    static var cline: [String: String] {
        func text(_ json: String) -> String { json.replacingOccurrences(of: "\"", with: "\\\"") }
        let request = text(#"{"request":"<task>x</task>\n# Current Working Directory (/w/\#(github)/app) Files\n# Current Mode\nACT MODE","tokensIn":10,"tokensOut":5,"cacheWrites":0,"cacheReads":0}"#)
        let tool = text(#"{"tool":"editedExistingFile","path":"src/\#(aws).ts"}"#)
        let messages = [
            #"{"ts":1770000000000,"type":"say","say":"task","text":"fix it \#(all)","modelInfo":{"modelId":"claude-opus \#(all)"}}"#,
            #"{"ts":1770000001000,"type":"say","say":"api_req_started","text":"\#(request)"}"#,
            #"{"ts":1770000002000,"type":"say","say":"tool","text":"\#(tool)"}"#,
        ]
        let metadata = #"{"files_in_context":[{"path":"src/\#(openAI).ts","record_state":"active","record_source":"cline_edited"}],"model_usage":[{"ts":1,"model_id":"m-\#(slack)","model_provider_id":"x","mode":"act"}],"environment_history":[{"cline_version":"3.0 \#(all)"}]}"#
        return [
            "cline/tasks/1770000000000/ui_messages.json": "[" + messages.joined(separator: ",\n") + "]",
            "cline/tasks/1770000000000/api_conversation_history.json":
                #"[{"role":"assistant","content":[],"modelInfo":{"modelId":"claude-sonnet \#(all)"}}]"#,
            "cline/tasks/1770000000000/task_metadata.json": metadata,
        ]
    }

    static var copilot: [String: String] {
        let lines = [
            #"{"type":"session.start","data":{"sessionId":"cp-\#(openAI)","copilotVersion":"1.0.34 \#(all)","startTime":"2026-04-23T17:08:08.893Z","context":{"cwd":"/w/\#(githubPAT)/app","branch":"feat/\#(github)","repository":"acme/\#(aws)"}},"id":"e0","timestamp":"2026-04-23T17:08:08.893Z"}"#,
            #"{"type":"session.model_change","data":{"newModel":"claude-sonnet-4.6 \#(all)"},"id":"e1","timestamp":"2026-04-23T17:08:09.000Z"}"#,
            #"{"type":"session.mode_changed","data":{"previousMode":"interactive","newMode":"autopilot \#(all)"},"id":"e2","timestamp":"2026-04-23T17:08:10.000Z"}"#,
            #"{"type":"user.message","data":{"content":"fix it \#(all)"},"id":"e3","timestamp":"2026-04-23T17:09:00.000Z"}"#,
            #"{"type":"assistant.message","data":{"toolRequests":[{"name":"edit","arguments":{"path":"/w/app/\#(slack).py"}}]},"id":"e4","timestamp":"2026-04-23T17:09:30.000Z"}"#,
            #"{"type":"session.shutdown","data":{"shutdownType":"routine","modelMetrics":{"model-\#(anthropic)":{"requests":{"count":1,"cost":1},"usage":{"inputTokens":10,"outputTokens":5,"cacheReadTokens":0,"cacheWriteTokens":0}}},"currentModel":"cur-\#(github)","codeChanges":{"filesModified":["/w/app/\#(slack).py"]}},"id":"e9","timestamp":"2026-04-23T17:18:20.178Z"}"#,
        ]
        return ["copilot/session-state/cp-1/events.jsonl": lines.joined(separator: "\n") + "\n"]
    }

    static var aider: [String: String] {
        let text = """

            # aider chat started at 2026-07-07 16:46:04

            > Aider v0.86.2 \(all)  
            > Main model: openai/\(anthropic) with whole edit format  

            #### fix it \(all)  

            Done.

            > Applied edit to src/\(github).py  
            > Commit abc1234 fix \(aws)  
            > Tokens: 1.0k sent, 100 received. Cost: $0.01 message, $0.02 session.  

            """
        return ["aider/app/.aider.chat.history.md": text]
    }

    /// Every text cell of every table of `database` that holds a planted fragment.
    static func leaks(in database: Database) throws -> [String] {
        let tables = try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").rows { $0.text(0) }
        var found: [String] = []
        for table in tables {
            try database.prepare("SELECT * FROM \"\(table)\"").query { row in
                for column in 0..<row.columnCount where !row.isNull(column) {
                    let text = row.text(column)
                    for fragment in fragments where text.contains(fragment) { found.append("\(table) column \(column): \(text)") }
                }
            }
        }
        return found
    }

    /// Whether the file's bytes hold a planted fragment (a page of the database, the WAL, the export).
    static func rawLeaks(_ path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return fragments.filter { bytes.range(of: Data($0.utf8)) != nil }.map { "\(path): \($0)" }
    }

    @Test("secrets planted in every metadata field of every tool's log are stored and exported redacted")
    func planted() throws {
        let folder = try TemporaryDirectory("secrets")
        defer { folder.remove() }
        let logs = folder.path + "/logs"
        let files = [Self.claude, Self.codex, Self.gemini, Self.cline, Self.copilot, Self.aider].reduce(into: [String: String]()) {
            $0.merge($1) { first, _ in first }
        }
        for (path, text) in files { try folder.write("logs/" + path, text) }
        let db = folder.path + "/db.sqlite"
        let ingest = try CLIRunner.run(["ingest", "sessions", logs, "--keep-prompts", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        // Claude's sub-agent is a session of its own.
        #expect(ingest.stdout.contains("7 new sessions"), "\(ingest.stdout)")
        let export = folder.path + "/team.export"
        let exported = try CLIRunner.run(["export", "--out", export, "--db", db])
        #expect(exported.status == 0, "\(exported.stderr)")
        let listing = try CLIRunner.run(["sessions", "--format", "json", "--db", db])
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("[REDACTED]"), "the listing shows the redacted fields")
        for fragment in Self.fragments {
            #expect(!listing.stdout.contains(fragment), "sessions --format json shows \(fragment)")
        }

        // The log files' own paths are where the logs are, not what they say: none here holds a secret.
        #expect(try Self.leaks(in: Database(readOnlyPath: db)) == [])
        #expect(try Self.leaks(in: Database(path: export, migrations: nil)) == [])
        for path in [db, db + "-wal", export] { #expect(try Self.rawLeaks(path) == []) }
    }
}
