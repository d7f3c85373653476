import Foundation
import Ingestion
import Model
import Testing

@Suite("Codex rollouts")
struct CodexSessionReaderTests {
    // Independent Python count: prompts = event_msg/user_message; usage = last_token_usage of
    // token_count events deduplicated on total_token_usage.total_tokens (input without cached);
    // files = apply_patch "*** Add/Update/Delete File:" paths in function_call commands or
    // custom_tool_call input; times = every line's timestamp.
    @Test("0.39.0 (VS Code, applypatch through the shell): figures match the independent count")
    func version039() throws {
        let path = try SessionFixtures.path("codex/v0.39.0_codex_vscode_vibecodingtracker_2025-09-19.jsonl")
        let result = try CodexSessionReader.read(path: path)
        #expect(result.malformedLines == 0 && result.unknownRecords == 0)
        let session = try result.session("01996135-afde-7911-97f0-d863511eca56")
        #expect(session.tool == "codex")
        #expect(session.prompts == 1)
        #expect(session.promptTexts.first?.hasPrefix("# Context from my IDE setup:") == true)
        #expect(session.tokens == [133_698, 12551, 0, 136_832])
        #expect(session.usage.count == 19)
        #expect(session.filesEdited == [".python-version", "README.zh-CN.md", "README.zh-TW.md", "go.mod"])
        #expect(session.eventTimes.first == 1_758_272_532_457)
        #expect(session.eventTimes.last == 1_758_272_958_355)
        #expect(session.models == ["aide-gpt-5"])
        #expect(session.gitBranch == "main")
        #expect(session.workingDirectory == "/proj/ds906659/gai/claude-code")
        #expect(session.toolVersion == "0.39.0")
    }

    @Test("0.135.0 (codex exec, redacted): figures match the independent count")
    func version0135() throws {
        let path = try SessionFixtures.path(
            "codex/v0.135.0_codex_exec_agent-history_real_sessions_codex_session-01_redacted.jsonl")
        let session = try CodexSessionReader.read(path: path).session("019e9625-802f-7e91-840a-cfe88d14117a")
        #expect(session.prompts == 1)
        #expect(session.tokens == [1675, 10, 0, 20864])
        #expect(session.usage.map(\.key) == ["codex:019e9625-802f-7e91-840a-cfe88d14117a:22549"])
        #expect(session.filesEdited.isEmpty)
        #expect(session.eventTimes.first == 1_780_635_500_653)
        #expect(session.eventTimes.last == 1_780_635_506_713)
        #expect(session.models == ["gpt-5.5"])
        #expect(session.gitBranch == nil)
    }

    @Test("a read from an offset keeps the session id (from the first line) and the dedupe keys")
    func offsetKeepsIdentity() throws {
        let path = try SessionFixtures.path("codex/v0.39.0_codex_vscode_vibecodingtracker_2025-09-19.jsonl")
        let whole = try CodexSessionReader.read(path: path)
        let size = whole.consumedBytes
        let half = try CodexSessionReader.read(path: path, fromOffset: size / 2)
        let session = try #require(half.sessions.first)
        #expect(session.id == "01996135-afde-7911-97f0-d863511eca56")
        #expect(half.malformedLines == 1)  // the read starts mid-line: that piece is counted once
        let keys = Set(try whole.session(session.id).usage.map(\.key))
        #expect(Set(session.usage.map(\.key)).isSubset(of: keys))
    }

    @Test("the legacy bare-header envelope is read: header id and cwd, user prompts without injected context")
    func legacyEnvelope() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(
            "rollout-2025-05-01-legacy.jsonl",
            """
            {"id":"legacy-1","timestamp":"2025-05-01T10:00:00.000Z","instructions":"be nice","cwd":"/repo","git":{"branch":"dev"}}
            {"record_type":"state"}
            {"type":"message","role":"user","content":[{"type":"input_text","text":"<environment_context>\\n<cwd>/repo</cwd>\\n</environment_context>"}]}
            {"type":"message","role":"user","content":[{"type":"input_text","text":"fix the parser"}]}
            {"type":"function_call","name":"shell","arguments":"{\\"command\\":[\\"apply_patch\\",\\"*** Begin Patch\\\\n*** Add File: src/new.rs\\\\n+x\\\\n*** End Patch\\"]}","call_id":"c1"}
            {"type":"function_call_output","call_id":"c1","output":"[main 0a1b2c3] fix parser\\n 1 file changed"}

            """)
        let result = try CodexSessionReader.read(path: path)
        #expect(result.malformedLines == 0)
        let session = try result.session("legacy-1")
        #expect(session.promptTexts == ["fix the parser"])
        #expect(session.workingDirectory == "/repo")
        #expect(session.gitBranch == "dev")
        #expect(session.filesEdited == ["src/new.rs"])
        #expect(session.commits == ["0a1b2c3"])
        #expect(session.eventTimes == [LogTimestamp.milliseconds(iso: "2025-05-01T10:00:00.000Z")])
    }

    @Test("custom_tool_call apply_patch, repeated token totals and unknown line types")
    func currentEnvelopeDetails() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let usage = #"{"input_tokens":100,"cached_input_tokens":40,"output_tokens":7,"reasoning_output_tokens":2,"total_tokens":107}"#
        let path = try scratch.write(
            "rollout-2026-02-23T12-54-34-019c8a4d-0000-7000-8000-000000000001.jsonl",
            """
            {"timestamp":"2026-02-23T11:54:34.000Z","type":"session_meta","payload":{"id":"019c8a4d-0000-7000-8000-000000000001","cwd":"/w","cli_version":"0.104.0"}}
            {"timestamp":"2026-02-23T11:54:35.000Z","type":"event_msg","payload":{"type":"token_count","info":null}}
            {"timestamp":"2026-02-23T11:54:36.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":\(usage),"last_token_usage":\(usage)}}}
            {"timestamp":"2026-02-23T11:54:37.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":\(usage),"last_token_usage":\(usage)}}}
            {"timestamp":"2026-02-23T11:54:38.000Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","input":"*** Begin Patch\\n*** Update File: a.swift\\n*** Move to: b.swift\\n*** Delete File: c.swift\\n*** End Patch"}}
            {"timestamp":"2026-02-23T11:54:39.000Z","type":"world_state","payload":{}}
            {"timestamp":"2026-02-23T11:54:40.000Z","type":"brand_new","payload":{"x":1}}

            """)
        let result = try CodexSessionReader.read(path: path)
        #expect(result.unknownRecords == 1)
        let session = try result.session("019c8a4d-0000-7000-8000-000000000001")
        #expect(session.usage == [UsageRecord(key: "codex:019c8a4d-0000-7000-8000-000000000001:107", input: 60, output: 7, cacheRead: 40)])
        #expect(session.filesEdited == ["a.swift", "b.swift", "c.swift"])
        #expect(session.eventTimes.count == 7)
    }

    /// A rollout line: a token count with these cumulative totals (input, output; none cached).
    static func tokenCount(_ time: String, input: Int, output: Int, lastInput: Int, lastOutput: Int) -> String {
        let total = #"{"input_tokens":\#(input),"cached_input_tokens":0,"output_tokens":\#(output),"total_tokens":\#(input + output)}"#
        let last = #"{"input_tokens":\#(lastInput),"cached_input_tokens":0,"output_tokens":\#(lastOutput),"total_tokens":\#(lastInput + lastOutput)}"#
        return #"{"timestamp":"\#(time)","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":\#(total),"last_token_usage":\#(last)}}}"#
    }

    @Test("a sub-agent's rollout belongs to its parent and skips the parent's events it replays in its first second")
    func subagentReplay() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let parent = "019c8a4d-0000-7000-8000-0000000000aa"
        let child = "019c8a4d-0000-7000-8000-0000000000bb"
        let meta = #"{"timestamp":"2026-02-23T12:00:00.000Z","type":"session_meta","payload":{"id":"\#(child)","cwd":"/w","cli_version":"0.130.0","source":{"subagent":{"thread_spawn":{"parent_thread_id":"\#(parent)","depth":1}}},"forked_from_id":"\#(parent)"}}"#
        let replayed = [
            #"{"timestamp":"2026-02-23T12:00:00.400Z","type":"event_msg","payload":{"type":"user_message","message":"the parent's prompt"}}"#,
            Self.tokenCount("2026-02-23T12:00:00.500Z", input: 1000, output: 100, lastInput: 1000, lastOutput: 100),
            Self.tokenCount("2026-02-23T12:00:00.500Z", input: 3000, output: 300, lastInput: 2000, lastOutput: 200),
        ]
        let own = [
            #"{"timestamp":"2026-02-23T12:00:04.000Z","type":"event_msg","payload":{"type":"user_message","message":"look at the parser"}}"#,
            // No last_token_usage: the difference to the replayed total is the sub-agent's own.
            #"{"timestamp":"2026-02-23T12:00:05.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":3500,"cached_input_tokens":0,"output_tokens":350,"total_tokens":3850}}}}"#,
        ]
        let path = try scratch.write("rollout-2026-02-23T13-00-00-\(child).jsonl", ([meta] + replayed + own).joined(separator: "\n") + "\n")
        let session = try CodexSessionReader.read(path: path).session(child)
        #expect(session.parentID == parent)
        #expect(session.usage.map(\.input) == [500] && session.usage.map(\.output) == [50], "\(session.usage)")
        #expect(session.prompts == 1)
        // Token counts in different seconds are the sub-agent's own: nothing is skipped.
        let spread = [
            meta, Self.tokenCount("2026-02-23T12:00:01.000Z", input: 10, output: 1, lastInput: 10, lastOutput: 1),
            Self.tokenCount("2026-02-23T12:00:02.000Z", input: 30, output: 3, lastInput: 20, lastOutput: 2),
        ]
        let other = try scratch.write("rollout-2026-02-23T13-00-00-\(child)-b.jsonl", spread.joined(separator: "\n") + "\n")
        #expect(try CodexSessionReader.read(path: other).session(child).usage.map(\.input) == [10, 20])
    }

    @Test("a newer sub-agent's rollout skips the parent's history it copies, from the parent's header to its own turn")
    func subagentInheritedPrefix() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let parent = "019ef0a1-2b3c-7d4e-8f90-a1b2c3d4e5f6"
        let child = "019ef0a2-aaaa-7bbb-8ccc-dddddddddddd"
        let lines = [
            #"{"timestamp":"2026-11-25T10:02:00.000Z","type":"session_meta","payload":{"id":"\#(child)","forked_from_id":"\#(parent)","cwd":"/w","cli_version":"0.157.1","source":{"subagent":{"thread_spawn":{"parent_thread_id":"\#(parent)","depth":1}}}}}"#,
            #"{"timestamp":"2026-11-25T10:02:00.000Z","type":"session_meta","payload":{"id":"\#(parent)","cwd":"/w","cli_version":"0.157.1","source":"cli"}}"#,
            // The parent's turn, copied: its turn id was minted before the child's id.
            #"{"timestamp":"2026-11-25T10:02:00.001Z","type":"turn_context","payload":{"turn_id":"019ef0a1-3000-7000-8000-000000000001","cwd":"/w","model":"gpt-5.5-codex"}}"#,
            #"{"timestamp":"2026-11-25T10:02:00.002Z","type":"event_msg","payload":{"type":"user_message","message":"the parent's prompt"}}"#,
            #"{"timestamp":"2026-11-25T10:02:00.003Z","type":"response_item","payload":{"type":"custom_tool_call","name":"apply_patch","input":"*** Begin Patch\n*** Add File: src/pay.py\n+x\n*** End Patch\n"}}"#,
            Self.tokenCount("2026-11-25T10:02:00.004Z", input: 1000, output: 100, lastInput: 1000, lastOutput: 100),
            // The child's own turn.
            #"{"timestamp":"2026-11-25T10:02:01.500Z","type":"turn_context","payload":{"turn_id":"child-turn","cwd":"/w","model":"gpt-5.5-codex-mini"}}"#,
            Self.tokenCount("2026-11-25T10:02:01.600Z", input: 1000, output: 100, lastInput: 1000, lastOutput: 100),
            Self.tokenCount("2026-11-25T10:02:31.000Z", input: 1800, output: 150, lastInput: 800, lastOutput: 50),
        ]
        let path = try scratch.write("rollout-2026-11-25T11-02-00-\(child).jsonl", lines.joined(separator: "\n") + "\n")
        let session = try CodexSessionReader.read(path: path).session(child)
        #expect(session.parentID == parent)
        #expect(session.prompts == 0)
        #expect(session.usage.map(\.input) == [800] && session.usage.map(\.output) == [50], "\(session.usage)")
        #expect(session.filesEdited.isEmpty)
        #expect(session.models == ["gpt-5.5-codex-mini"])
    }
}
