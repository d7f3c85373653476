import Foundation
import Ingestion
import Model
import Testing

/// What an independent Python count (json module; FORMATS.md §1.4 rules: prompts exclude tool
/// results, isMeta, isCompactSummary, sidechain, command echoes without arguments, interrupt markers,
/// task notifications; usage deduplicated on message.id:requestId keeping the largest total, sidechain
/// replays dropped; files = Edit/MultiEdit/Write/NotebookEdit paths ∪ file-history-snapshot keys;
/// times = top-level `timestamp`) found in each real sample.
struct ClaudeFigures: Sendable, CustomTestStringConvertible {
    var file: String
    var session: String
    var prompts: Int
    var tokens: [Int]  // input, output, cacheWrite, cacheRead
    var usageRecords: Int
    var files: Int
    var first: Int64
    var last: Int64
    var model: String
    var testDescription: String { file }
}

@Suite("Claude Code transcripts")
struct ClaudeSessionReaderTests {
    static let samples: [ClaudeFigures] = [
        .init(
            file: "v1.0.108_ccviewer_5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl",
            session: "5c0375b4-57a5-4f26-b12d-d022ee4e51b7", prompts: 1, tokens: [129, 3629, 47747, 324_259],
            usageRecords: 20, files: 1, first: 1_757_238_723_071, last: 1_757_238_866_499,
            model: "claude-sonnet-4-20250514"),
        .init(
            file: "v1.0.17_sniffly_ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl",
            session: "ba79134d-b6e9-4867-af0c-6941038c9e4b", prompts: 5, tokens: [91, 2266, 16072, 503_769],
            usageRecords: 24, files: 3, first: 1_749_379_628_446, last: 1_749_380_159_652,
            model: "claude-sonnet-4-20250514"),
        .init(
            file: "v1.0.17_sniffly_d3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl",
            session: "d3ad4cdc-5657-435d-98fa-0035d53e383d", prompts: 5, tokens: [114, 16769, 174_552, 3_754_072],
            usageRecords: 62, files: 9, first: 1_749_380_411_669, last: 1_749_383_806_820,
            model: "claude-sonnet-4-20250514"),
        .init(
            file: "v1.0.98_ccviewer_fe5e1c67-53e7-4862-81ae-d0e013e3270b_inline-sidechains.jsonl",
            session: "fe5e1c67-53e7-4862-81ae-d0e013e3270b", prompts: 2, tokens: [818, 51933, 137_976, 3_647_854],
            usageRecords: 170, files: 26, first: 1_756_860_751_217, last: 1_756_861_323_665,
            model: "claude-sonnet-4-20250514"),
        .init(
            file: "v2.1.38_spotter_short.jsonl", session: "55604662-cf2a-4331-851a-ec234028f8ca", prompts: 1,
            tokens: [3, 13, 13835, 11515], usageRecords: 1, files: 0, first: 1_770_757_912_438,
            last: 1_770_758_172_381, model: "claude-opus-4-6"),
        .init(
            file: "v2.1.38_spotter_subagent_task-tool.jsonl", session: "491e126e-1e71-469c-ade2-fcc8af567c74",
            prompts: 2, tokens: [1576, 1586, 25842, 427_286], usageRecords: 12, files: 2, first: 1_770_760_455_897,
            last: 1_770_761_031_807, model: "claude-opus-4-6"),
        .init(
            file: "v2.1.38_spotter_tool_heavy.jsonl", session: "d6e0bada-1959-4eec-a9d2-0bfade768d8f", prompts: 2,
            tokens: [54, 212, 17696, 88231], usageRecords: 4, files: 0, first: 1_770_764_271_291,
            last: 1_770_764_386_748, model: "claude-opus-4-6"),
        .init(
            file: "v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569.jsonl.gz",
            session: "4d5611e5-241a-462a-8d15-5122611a9569", prompts: 2, tokens: [177, 28755, 479_537, 11_618_567],
            usageRecords: 139, files: 22, first: 1_770_912_143_545, last: 1_770_930_214_206, model: "claude-opus-4-6"),
        .init(
            file: "v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl",
            session: "4d5611e5-241a-462a-8d15-5122611a9569/a2898e3", prompts: 0, tokens: [53, 136, 71257, 604_156],
            usageRecords: 12, files: 0, first: 1_770_912_168_183, last: 1_770_912_310_022,
            model: "claude-sonnet-4-5-20250929"),
        .init(
            file: "v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-acompact-e1f845.jsonl",
            session: "4d5611e5-241a-462a-8d15-5122611a9569/acompact-e1f845", prompts: 0,
            tokens: [3, 8, 8681, 164_830], usageRecords: 1, files: 0, first: 1_770_927_883_254,
            last: 1_770_928_228_082, model: "claude-opus-4-6"),
    ]

    @Test("every real sample yields the independently counted prompts, tokens, files and times", arguments: samples)
    func realSample(_ expected: ClaudeFigures) throws {
        let path = try SessionFixtures.path("claude-code/" + expected.file)
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.sessions.count == 1)
        #expect(result.malformedLines == 0)
        let session = try result.session(expected.session)
        #expect(session.tool == "claude-code")
        #expect(session.prompts == expected.prompts)
        #expect(session.promptTexts.count == expected.prompts)
        #expect(session.tokens == expected.tokens)
        #expect(session.usage.count == expected.usageRecords)
        #expect(session.filesEdited.count == expected.files)
        #expect(session.eventTimes.first == expected.first)
        #expect(session.eventTimes.last == expected.last)
        #expect(session.models == [expected.model])
        #expect(session.eventTimes == session.eventTimes.sorted())
    }

    @Test("a file holding two sessionIds (an old --resume copy) yields two sessions")
    func twoSessionsInOneFile() throws {
        // Python: e9f146fa… has 2 prompts, 18 usage records; b162b1ae… 2 prompts, 13 records.
        let path = try SessionFixtures.path("claude-code/v1.0.95_vibecodingtracker_test_conversation_claude_code.jsonl")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.sessions.map(\.id) == ["b162b1ae-97bc-475f-9b5f-ffbf55ca5b3f", "e9f146fa-3b20-48d0-9be4-d99ca901cae4"])
        let first = try result.session("e9f146fa-3b20-48d0-9be4-d99ca901cae4")
        let second = try result.session("b162b1ae-97bc-475f-9b5f-ffbf55ca5b3f")
        #expect(first.prompts == 2 && second.prompts == 2)
        #expect(first.usage.count == 18 && second.usage.count == 13)
        #expect(first.tokens == [104, 3435, 34775, 461_245])
        #expect(second.tokens == [54, 425, 64229, 632_264])
        #expect(first.gitBranch == "main")
        #expect(first.prompts == first.promptTexts.count)
        #expect(first.promptTexts.first?.hasPrefix("幫我檢查一下 go.mod") == true)
    }

    @Test("a transcript whose lines name no session (a renamed field) is the session its file names, with the same figures")
    func transcriptWithoutSessionIDs() throws {
        let expected = Self.samples[1]
        let original = try String(contentsOfFile: try SessionFixtures.path("claude-code/" + expected.file), encoding: .utf8)
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(expected.session + ".jsonl", original.replacingOccurrences(of: "\"sessionId\":", with: "\"session_id\":"))
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.sessions.map(\.id) == [expected.session])
        let session = try result.session(expected.session)
        #expect(session.prompts == expected.prompts && session.tokens == expected.tokens && session.filesEdited.count == expected.files)
    }

    @Test("a file of only summary lines is no session and no error")
    func summaryOnly() throws {
        let path = try SessionFixtures.path(
            "claude-code/v1.0.17_sniffly_ff71dbed-a4f2-4284-a4fc-fe2fb90de929_summary-only.jsonl")
        let result = try ClaudeSessionReader.read(path: path)
        #expect(result.sessions.isEmpty)
        #expect(result.malformedLines == 0)
        #expect(result.consumedBytes == 122)
    }

    @Test("a summary's leafUuid in a neighbouring transcript sets continuedFrom")
    func continuation() throws {
        let path = try SessionFixtures.path("claude-code/v1.0.17_sniffly_d3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl")
        let session = try ClaudeSessionReader.read(path: path).session("d3ad4cdc-5657-435d-98fa-0035d53e383d")
        #expect(session.continuedFrom == "ba79134d-b6e9-4867-af0c-6941038c9e4b")
        let unrelated = try SessionFixtures.path("claude-code/v2.1.38_spotter_short.jsonl")
        #expect(try ClaudeSessionReader.read(path: unrelated).sessions.first?.continuedFrom == nil)
    }

    @Test("a batch read follows a summary's leaf as a single read does: from the transcripts it read and from disk")
    func continuationInABatch() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        func line(_ session: String, _ uuid: String, second: Int) -> String {
            #"{"type":"user","sessionId":"\#(session)","uuid":"\#(uuid)","timestamp":"2026-01-01T00:00:0\#(second)Z","message":{"role":"user","content":"go"}}"#
        }
        func continued(_ session: String, leaf: String) -> String {
            #"{"type":"summary","summary":"before","leafUuid":"\#(leaf)"}"# + "\n" + line(session, "99999999-0000-0000-0000-00000000000\(session.count)", second: 5) + "\n"
        }
        let shared = "11111111-2222-3333-4444-555555555555"
        let onDisk = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
        // The first line holding a uuid names the session, not a later one.
        let old = try scratch.write("old.jsonl", line("P", shared, second: 1) + "\n" + line("Q", shared, second: 2) + "\n")
        try scratch.write("gone.jsonl", line("R", onDisk, second: 3) + "\n")
        let batch = [
            old,
            try scratch.write("new1.jsonl", continued("N1", leaf: shared)),
            try scratch.write("new2.jsonl", continued("N22", leaf: onDisk)),
            try scratch.write("new3.jsonl", continued("N333", leaf: "00000000-0000-0000-0000-000000000000")),
        ]
        let together = SessionLogReader.read(batch.map { SessionLogReader.Request(path: $0) })
        let one = try batch.map { try ClaudeSessionReader.read(path: $0) }
        func continuedFrom(_ results: [SessionReadResult]) -> [String?] { results.map { $0.sessions.first?.continuedFrom } }
        #expect(continuedFrom(try together.map { try $0.get() }) == [nil, "P", "R", nil])
        #expect(continuedFrom(one) == [nil, "P", "R", nil])
    }

    @Test("sub-agent files are their own sessions with the parent as parentID; the main file has the commit")
    func subAgentsAndCommit() throws {
        let folder = "claude-code/v2.1.39_spotter_4d5611e5/"
        let agent = try ClaudeSessionReader.read(
            path: try SessionFixtures.path(folder + "4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl"))
        let sub = try agent.session("4d5611e5-241a-462a-8d15-5122611a9569/a2898e3")
        #expect(sub.parentID == "4d5611e5-241a-462a-8d15-5122611a9569")
        #expect(sub.prompts == 0)
        let main = try ClaudeSessionReader.read(
            path: try SessionFixtures.path(folder + "4d5611e5-241a-462a-8d15-5122611a9569.jsonl.gz"))
        let session = try main.session("4d5611e5-241a-462a-8d15-5122611a9569")
        #expect(session.commits == ["64f1b9a"])
        #expect(session.gitBranch == "spotter-dov")
        #expect(session.toolVersion == "2.1.39")
        #expect(session.workingDirectory == "/home/USER/projects/spotter-worktrees/spotter-dov")
        #expect(session.parentID == nil)
    }

    @Test("a prompt typed while Claude was busy (a human queued_command attachment) counts once; notifications do not")
    func queuedPrompts() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let envelope = #""sessionId":"Q","cwd":"/w","isSidechain":false"#
        let lines = [
            #"{"type":"user","uuid":"u1",\#(envelope),"timestamp":"2026-11-24T10:00:00.000Z","message":{"role":"user","content":"add refunds"}}"#,
            #"{"type":"queue-operation","operation":"enqueue","timestamp":"2026-11-24T10:00:09.000Z","sessionId":"Q","content":"also test refunds"}"#,
            #"{"type":"queue-operation","operation":"remove","timestamp":"2026-11-24T10:00:20.000Z","sessionId":"Q"}"#,
            #"{"type":"attachment","uuid":"q1",\#(envelope),"timestamp":"2026-11-24T10:00:20.500Z","attachment":{"type":"queued_command","prompt":"also test refunds","commandMode":"prompt","origin":{"kind":"human"}}}"#,
            #"{"type":"attachment","uuid":"q2",\#(envelope),"timestamp":"2026-11-24T10:00:21.000Z","attachment":{"type":"queued_command","prompt":"<task-notification><task-id>b1</task-id></task-notification>","commandMode":"task-notification"}}"#,
            #"{"type":"attachment","uuid":"q3",\#(envelope),"timestamp":"2026-11-24T10:00:22.000Z","attachment":{"type":"queued_command","prompt":"from a hook","commandMode":"prompt","origin":{"kind":"hook"}}}"#,
            #"{"type":"attachment","uuid":"a0",\#(envelope),"timestamp":"2026-11-24T10:00:23.000Z","attachment":{"type":"hook_additional_context","content":["repo rules"]}}"#,
        ]
        let path = try scratch.write("Q.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try ClaudeSessionReader.read(path: path)
        let session = try result.session("Q")
        #expect(session.prompts == 2)
        #expect(session.promptTexts == ["add refunds", "also test refunds"])
        #expect(result.unknownRecords == 0)
    }

    @Test("inline sidechains count toward time and usage but not prompts; gitBranch \"\" is nil")
    func inlineSidechains() throws {
        let path = try SessionFixtures.path(
            "claude-code/v1.0.98_ccviewer_fe5e1c67-53e7-4862-81ae-d0e013e3270b_inline-sidechains.jsonl")
        let session = try ClaudeSessionReader.read(path: path).session("fe5e1c67-53e7-4862-81ae-d0e013e3270b")
        #expect(session.prompts == 2)
        #expect(session.promptTexts.first?.hasPrefix("/orchestrator ") == true)
        #expect(session.gitBranch == nil)
        #expect(session.eventTimes.count == 437)  // every line but the summary has a timestamp
    }

    @Test("a sidechain line replaying a main message id under another requestId is not counted twice")
    func sidechainReplay() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let usage = #""usage":{"input_tokens":10,"output_tokens":5,"cache_creation_input_tokens":0,"cache_read_input_tokens":100}"#
        let path = try scratch.write(
            "s.jsonl",
            """
            {"type":"user","sessionId":"S","timestamp":"2026-01-01T00:00:00Z","message":{"role":"user","content":"hi"}}
            {"type":"assistant","sessionId":"S","requestId":"req_1","timestamp":"2026-01-01T00:00:01Z","message":{"id":"msg_1","model":"m",\(usage)}}
            {"type":"assistant","sessionId":"S","isSidechain":true,"requestId":"req_2","timestamp":"2026-01-01T00:00:02Z","message":{"id":"msg_1","model":"m",\(usage)}}
            {"type":"assistant","sessionId":"S","isSidechain":true,"requestId":"req_3","timestamp":"2026-01-01T00:00:03Z","message":{"id":"msg_2","model":"m",\(usage)}}

            """)
        let session = try ClaudeSessionReader.read(path: path).session("S")
        #expect(session.usage.map(\.key) == ["msg_1:req_1", "msg_2:req_3"])
        #expect(session.eventTimes.count == 4)
    }

    @Test("streamed lines of one message keep the largest usage; <synthetic> and API errors add no model")
    func dedupeLargest() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(
            "s.jsonl",
            """
            {"type":"assistant","sessionId":"S","requestId":"r","message":{"id":"m1","model":"opus","usage":{"input_tokens":3,"output_tokens":10}}}
            {"type":"assistant","sessionId":"S","requestId":"r","message":{"id":"m1","model":"opus","usage":{"input_tokens":3,"output_tokens":299}}}
            {"type":"assistant","sessionId":"S","requestId":"r","message":{"id":"m1","model":"opus","usage":{"input_tokens":3,"output_tokens":10}}}
            {"type":"assistant","sessionId":"S","message":{"id":"m2","model":"<synthetic>","usage":{"input_tokens":0,"output_tokens":0}}}
            {"type":"assistant","sessionId":"S","isApiErrorMessage":true,"message":{"id":"m3","model":"haiku"}}

            """)
        let session = try ClaudeSessionReader.read(path: path).session("S")
        #expect(session.usage.first { $0.key == "m1:r" }?.output == 299)
        #expect(session.usage.contains { $0.key == "m2" })
        #expect(session.models == ["opus"])
    }

    @Test(
        "prompt rules: tool results, meta, compact summaries, echoes and reminders are not prompts",
        arguments: [
            (#""hello""#, "hello"),
            (#""<command-name>/mcp</command-name><command-message>mcp</command-message><command-args></command-args>""#, nil),
            (#""<command-message>x</command-message><command-name>/x</command-name><command-args>do it</command-args>""#, "/x do it"),
            (#""<local-command-stdout>ok</local-command-stdout>""#, nil),
            (#""<system-reminder>r</system-reminder>""#, nil),
            (#""<system-reminder>r</system-reminder> fix it""#, "fix it"),
            (#""[Request interrupted by user for tool use]""#, nil),
            (#"[{"type":"tool_result","tool_use_id":"t","content":"x"}]"#, nil),
            (#"[{"type":"text","text":"look"},{"type":"image","source":{}}]"#, "look"),
        ] as [(String, String?)])
    func promptRules(content: String, expected: String?) throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write(
            "s.jsonl",
            """
            {"type":"user","sessionId":"S","timestamp":"2026-01-01T00:00:00Z","message":{"role":"user","content":\(content)}}
            {"type":"user","sessionId":"S","isMeta":true,"timestamp":"2026-01-01T00:00:01Z","message":{"role":"user","content":"meta"}}
            {"type":"user","sessionId":"S","isCompactSummary":true,"timestamp":"2026-01-01T00:00:02Z","message":{"role":"user","content":"This session is being continued"}}

            """)
        let session = try ClaudeSessionReader.read(path: path).session("S")
        #expect(session.promptTexts == (expected.map { [$0] } ?? []))
    }
}
