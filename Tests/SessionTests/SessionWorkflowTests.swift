import Foundation
import Ingestion
import Model
import Testing

/// Workflow facts (issue 17) on the real samples and on small synthetic logs per reader (WORKFLOW.md).
@Suite("Workflow facts read from session logs")
struct SessionWorkflowTests {
    /// What one real sample's main session gives.
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        var session: String
        var start: SessionWorkflow.Start
        var evidence: String?
        var before: Int?
        var after: Int?
        var subagents: Int?
        var testDescription: String { file }
    }

    static let real: [Expectation] = [
        // ≤ 1.0.x: no permissionMode field and no plan tool used: unknown, never code-first.
        Expectation(
            file: "claude-code/v1.0.108_ccviewer_5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl",
            session: "5c0375b4-57a5-4f26-b12d-d022ee4e51b7", start: .unknown, before: 0, after: 0, subagents: 3),
        Expectation(
            file: "claude-code/v1.0.17_sniffly_ba79134d-b6e9-4867-af0c-6941038c9e4b.jsonl",
            session: "ba79134d-b6e9-4867-af0c-6941038c9e4b", start: .unknown, before: 0, after: 4, subagents: 0),
        Expectation(
            file: "claude-code/v1.0.17_sniffly_d3ad4cdc-5657-435d-98fa-0035d53e383d.jsonl",
            session: "d3ad4cdc-5657-435d-98fa-0035d53e383d", start: .unknown, before: 0, after: 4, subagents: 0),
        Expectation(
            file: "claude-code/v1.0.95_vibecodingtracker_test_conversation_claude_code.jsonl",
            session: "b162b1ae-97bc-475f-9b5f-ffbf55ca5b3f", start: .unknown, before: 1, after: 0, subagents: 0),
        Expectation(
            file: "claude-code/v1.0.98_ccviewer_fe5e1c67-53e7-4862-81ae-d0e013e3270b_inline-sidechains.jsonl",
            session: "fe5e1c67-53e7-4862-81ae-d0e013e3270b", start: .unknown, before: 0, after: 1, subagents: 5),
        // 2.1.x writes permissionMode on prompt lines: bypassPermissions with no edit stays unknown …
        Expectation(
            file: "claude-code/v2.1.38_spotter_short.jsonl", session: "55604662-cf2a-4331-851a-ec234028f8ca",
            start: .unknown, before: 0, after: 0, subagents: 0),
        Expectation(
            file: "claude-code/v2.1.38_spotter_tool_heavy.jsonl", session: "d6e0bada-1959-4eec-a9d2-0bfade768d8f",
            start: .unknown, before: 1, after: 0, subagents: 0),
        // … the plan written in plan mode (plan.md), then ExitPlanMode: plan-first …
        Expectation(
            file: "claude-code/v2.1.38_spotter_subagent_task-tool.jsonl", session: "491e126e-1e71-469c-ade2-fcc8af567c74",
            start: .planFirst, evidence: "ExitPlanMode tool", before: 1, after: 0, subagents: 1),
        // … and bypassPermissions, then edits with no plan: code-first.
        Expectation(
            file: "claude-code/v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569.jsonl.gz",
            session: "4d5611e5-241a-462a-8d15-5122611a9569", start: .codeFirst,
            evidence: "permissionMode bypassPermissions, no plan before the first edit", before: 0, after: 1, subagents: 1),
        Expectation(
            file: "claude-code/v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-a2898e3.jsonl",
            session: "4d5611e5-241a-462a-8d15-5122611a9569/a2898e3", start: .unknown, before: 0, after: 0, subagents: 0),
        Expectation(
            file: "claude-code/v2.1.39_spotter_4d5611e5/4d5611e5-241a-462a-8d15-5122611a9569/subagents/agent-acompact-e1f845.jsonl",
            session: "4d5611e5-241a-462a-8d15-5122611a9569/acompact-e1f845", start: .unknown, before: 0, after: 0,
            subagents: 0),
        // Codex 0.135 carries collaboration_mode "default" but edits nothing: unknown. 0.39 calls update_plan first.
        Expectation(
            file: "codex/v0.135.0_codex_exec_agent-history_real_sessions_codex_session-01_redacted.jsonl",
            session: "019e9625-802f-7e91-840a-cfe88d14117a", start: .unknown, before: 0, after: 0, subagents: 0),
        Expectation(
            file: "codex/v0.39.0_codex_vscode_vibecodingtracker_2025-09-19.jsonl",
            session: "01996135-afde-7911-97f0-d863511eca56", start: .planFirst, evidence: "update_plan tool", before: 0,
            after: 0, subagents: 0),
        // "請不要修改任何代碼 我希望你幫我調查一下…" (do not modify any code; investigate …), then no edit at all.
        Expectation(
            file: "copilot-cli/v1.0.34_events.jsonl", session: "96ef38f0-9d09-45c3-8124-6448c36090ed", start: .planFirst,
            evidence: "first prompt asks for an approach", before: 0, after: 0, subagents: nil),
        // The legacy JSON has no mode and no plan tool: unknown.
        Expectation(
            file: "gemini-cli/2025-10-05_legacy-json_session.json", session: "eefc44a3-0832-4bc0-ac33-fa668f038213",
            start: .unknown, before: 0, after: 0, subagents: nil),
    ]

    @Test("each real sample: start mode, evidence, corrections and sub-agents", arguments: real)
    func realSample(_ expected: Expectation) throws {
        let session = try Self.read(try SessionFixtures.path(expected.file)).session(expected.session)
        let workflow = try #require(session.workflow)
        #expect(workflow.start == expected.start)
        #expect(workflow.startEvidence == expected.evidence)
        #expect(workflow.correctionsBeforeEdit == expected.before)
        #expect(workflow.correctionsAfterEdit == expected.after)
        #expect(workflow.subagents == expected.subagents)
    }

    @Test("the real aider excerpt (515 sessions, 0.47–0.5x): no mode, no first prompt asking for an approach: all unknown")
    func realAider() throws {
        let result = try Self.read(try SessionFixtures.path("aider/aider-repo_tests_fixtures_chat-history.EXCERPT.md"))
        #expect(result.sessions.count == 515)
        let workflows = result.sessions.compactMap(\.workflow)
        #expect(workflows.count == 515)
        #expect(workflows.allSatisfy { $0.start == .unknown && $0.startEvidence == nil && $0.subagents == nil })
        #expect(workflows.reduce(0) { $0 + ($1.correctionsBeforeEdit ?? 0) } == 123)
        #expect(workflows.reduce(0) { $0 + ($1.correctionsAfterEdit ?? 0) } == 108)
    }

    @Test("the summary-only Claude file yields no session and so no facts")
    func summaryOnly() throws {
        let path = try SessionFixtures.path(
            "claude-code/v1.0.17_sniffly_ff71dbed-a4f2-4284-a4fc-fe2fb90de929_summary-only.jsonl")
        #expect(try Self.read(path).sessions.isEmpty)
    }

    static func read(_ path: String) throws -> SessionReadResult {
        try #require(SessionLogReader.read([SessionLogReader.Request(path: path)]).first).get()
    }

    // MARK: - Synthetic logs, per reader

    static func claude(_ lines: [String]) -> String {
        lines.enumerated().map { index, body in
            let time = String(format: "2026-03-01T10:%02d:00.000Z", index)
            return #"{"sessionId":"C1","cwd":"/w/p","uuid":"u\#(index)","timestamp":"\#(time)",\#(body)}"#
        }.joined(separator: "\n") + "\n"
    }

    static func claudePrompt(_ text: String, mode: String? = nil) -> String {
        #""type":"user","message":{"role":"user","content":"\#(text)"}"# + (mode.map { #","permissionMode":"\#($0)""# } ?? "")
    }

    static func claudeTool(_ name: String, file: String? = nil, id: String = "m") -> String {
        let input = file.map { #"{"file_path":"\#($0)"}"# } ?? "{}"
        return #""type":"assistant","requestId":"r\#(id)","message":{"id":"\#(id)","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t\#(id)","name":"\#(name)","input":\#(input)}]}"#
    }

    static func readClaude(_ lines: [String]) throws -> SessionWorkflow {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("C1.jsonl", claude(lines))
        return try #require(try ClaudeSessionReader.read(path: path).session("C1").workflow)
    }

    @Test("Claude: permissionMode plan is plan-first; the plan file written before ExitPlanMode is not the first edit")
    func claudePlanMode() throws {
        let workflow = try Self.readClaude([
            Self.claudePrompt("add a cache", mode: "plan"), Self.claudeTool("Write", file: "/home/u/.claude/plans/p.md", id: "1"),
            Self.claudeTool("ExitPlanMode", id: "2"), Self.claudePrompt("go ahead", mode: "default"),
            Self.claudeTool("Edit", file: "/w/p/a.swift", id: "3"), Self.claudePrompt("rename it"),
            Self.claudeTool("Task", id: "4"),
        ])
        #expect(
            workflow
                == SessionWorkflow(
                    start: .planFirst, startEvidence: "permissionMode plan", correctionsBeforeEdit: 1,
                    correctionsAfterEdit: 1, subagents: 1))
    }

    @Test("Claude: ExitPlanMode alone (no mode field) is plan-first")
    func claudeExitPlanMode() throws {
        let workflow = try Self.readClaude([
            Self.claudePrompt("add a cache"), Self.claudeTool("Write", file: "/w/p/plan.md", id: "1"),
            Self.claudeTool("ExitPlanMode", id: "2"), Self.claudeTool("Edit", file: "/w/p/a.swift", id: "3"),
        ])
        #expect(workflow.start == .planFirst)
        #expect(workflow.startEvidence == "ExitPlanMode tool")
        #expect(workflow.correctionsBeforeEdit == 0 && workflow.correctionsAfterEdit == 0)
    }

    @Test("Claude: permissionMode default and an edit with no plan is code-first; without the field unknown")
    func claudeCodeFirstAndUnknown() throws {
        let codeFirst = try Self.readClaude([
            Self.claudePrompt("add a cache", mode: "default"), Self.claudeTool("Edit", file: "/w/p/a.swift", id: "1"),
            Self.claudeTool("ExitPlanMode", id: "2"),
        ])
        // ExitPlanMode in the same turn as the edit retracts it: plan-first. A later turn's plan does not.
        #expect(codeFirst.start == .planFirst)
        let late = try Self.readClaude([
            Self.claudePrompt("add a cache", mode: "default"), Self.claudeTool("Edit", file: "/w/p/a.swift", id: "1"),
            Self.claudePrompt("now plan the rest", mode: "plan"), Self.claudeTool("ExitPlanMode", id: "2"),
        ])
        #expect(late.start == .codeFirst)
        #expect(late.startEvidence == "permissionMode default, no plan before the first edit")
        #expect(late.correctionsBeforeEdit == 0 && late.correctionsAfterEdit == 1)
        let unknown = try Self.readClaude([
            Self.claudePrompt("add a cache"), Self.claudeTool("Edit", file: "/w/p/a.swift", id: "1"),
        ])
        #expect(unknown == SessionWorkflow(start: .unknown, correctionsBeforeEdit: 0, correctionsAfterEdit: 0, subagents: 0))
    }

    @Test("Claude: a first prompt asking for a design with no code, no edit before the next prompt: plan-first")
    func claudeFirstPrompt() throws {
        let workflow = try Self.readClaude([
            Self.claudePrompt("Propose an architecture for the importer: modules and interfaces, no code yet."),
            Self.claudePrompt("ok, implement it"), Self.claudeTool("Write", file: "/w/p/a.swift", id: "1"),
        ])
        #expect(workflow.start == .planFirst)
        #expect(workflow.startEvidence == "first prompt asks for an approach")
        #expect(workflow.correctionsBeforeEdit == 1)
        let edited = try Self.readClaude([
            Self.claudePrompt("Propose an architecture for the importer, don't write code"),
            Self.claudeTool("Write", file: "/w/p/a.swift", id: "1"),
        ])
        #expect(edited.start == .unknown)
    }

    static func codex(_ items: [String]) -> String {
        var lines = [
            #"{"timestamp":"2026-03-01T10:00:00.000Z","type":"session_meta","payload":{"id":"X1","cwd":"/w/p","cli_version":"0.128.0"}}"#
        ]
        for (index, item) in items.enumerated() {
            lines.append(#"{"timestamp":"2026-03-01T10:0\#(index + 1):00.000Z",\#(item)}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let codexPrompt = #""type":"event_msg","payload":{"type":"user_message","message":"add a cache"}"#
    static let codexPatch =
        #""type":"response_item","payload":{"type":"function_call","name":"apply_patch","arguments":"{\"input\":\"*** Begin Patch\\n*** Update File: src/a.rs\\n@@\\n-a\\n+b\\n*** End Patch\"}"}"#
    static func codexCall(_ name: String) -> String {
        #""type":"response_item","payload":{"type":"function_call","name":"\#(name)","arguments":"{}"}"#
    }
    static func codexMode(_ mode: String) -> String {
        #""type":"turn_context","payload":{"cwd":"/w/p","model":"gpt-5","collaboration_mode":{"mode":"\#(mode)"}}"#
    }

    static func readCodex(_ items: [String]) throws -> SessionWorkflow {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let path = try scratch.write("rollout-X1.jsonl", codex(items))
        return try #require(try CodexSessionReader.read(path: path).session("X1").workflow)
    }

    @Test("Codex: collaboration_mode plan and update_plan are plan-first; tool calls without a plan before an edit code-first")
    func codexModes() throws {
        let plan = try Self.readCodex([Self.codexMode("plan"), Self.codexPrompt, Self.codexPatch])
        #expect(plan.start == .planFirst && plan.startEvidence == "collaboration_mode plan")
        let tool = try Self.readCodex([Self.codexPrompt, Self.codexCall("update_plan"), Self.codexPatch, Self.codexCall("spawn_agent")])
        #expect(tool == SessionWorkflow(start: .planFirst, startEvidence: "update_plan tool", correctionsBeforeEdit: 0, correctionsAfterEdit: 0, subagents: 1))
        let code = try Self.readCodex([Self.codexMode("default"), Self.codexPrompt, Self.codexPatch, Self.codexCall("update_plan"), Self.codexPrompt])
        #expect(code.start == .codeFirst)
        #expect(code.startEvidence == "collaboration_mode default, no plan before the first edit")
        #expect(code.correctionsAfterEdit == 1)
        let calls = try Self.readCodex([Self.codexPrompt, Self.codexCall("shell"), Self.codexPatch])
        #expect(calls.startEvidence == "tool calls recorded, no plan before the first edit")
        let unknown = try Self.readCodex([Self.codexPrompt])
        #expect(unknown.start == .unknown && unknown.subagents == 0)
    }

    static func gemini(_ toolCalls: [String]) -> String {
        let calls = toolCalls.map { #"{"id":"t","name":"\#($0)","args":{"file_path":"/p/a.ts"},"status":"success"}"# }
        return """
            {"sessionId":"g-1","projectHash":"abc","startTime":"2026-04-23T12:00:00.000Z","lastUpdated":"2026-04-23T12:00:00.000Z","kind":"main"}
            {"id":"u1","timestamp":"2026-04-23T12:00:01.000Z","type":"user","content":[{"text":"add a cache"}]}
            {"id":"a1","timestamp":"2026-04-23T12:00:05.000Z","type":"gemini","content":"","model":"gemini-3-pro","toolCalls":[\(calls.joined(separator: ","))]}

            """
    }

    @Test("Gemini: enter_plan_mode before an edit is plan-first; an edit alone is unknown (no mode is recorded)")
    func geminiModes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let plan = try scratch.write("tmp/p/chats/session-1.jsonl", Self.gemini(["enter_plan_mode", "exit_plan_mode", "replace"]))
        #expect(try GeminiSessionReader.readJSONL(path: plan).session("g-1").workflow?.start == .planFirst)
        let edit = try scratch.write("tmp/p/chats/session-2.jsonl", Self.gemini(["replace"]))
        let workflow = try #require(try GeminiSessionReader.readJSONL(path: edit).session("g-1").workflow)
        #expect(workflow == SessionWorkflow(start: .unknown, correctionsBeforeEdit: 0, correctionsAfterEdit: 0))
    }

    static func copilot(_ events: [String]) -> String {
        ([#"{"type":"session.start","timestamp":"2026-04-23T12:00:00.000Z","data":{"sessionId":"cp-1","copilotVersion":"1.0.40","context":{"cwd":"/w/p"}}}"#]
            + events.map { #"{"timestamp":"2026-04-23T12:00:01.000Z",\#($0)}"# }).joined(separator: "\n") + "\n"
    }

    static let copilotPrompt = #""type":"user.message","data":{"content":"add a cache"}"#
    static let copilotEdit = #""type":"assistant.message","data":{"toolRequests":[{"name":"edit","arguments":{"path":"/w/p/a.ts"}}]}"#
    static func copilotMode(_ mode: String) -> String {
        #""type":"session.mode_changed","data":{"previousMode":"interactive","newMode":"\#(mode)"}"#
    }

    @Test("Copilot CLI: mode plan is plan-first; mode autopilot then an edit code-first; no mode event unknown")
    func copilotModes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        func read(_ events: [String]) throws -> SessionWorkflow {
            let path = try scratch.write("s/events.jsonl", Self.copilot(events))
            return try #require(try CopilotSessionReader.read(path: path).session("cp-1").workflow)
        }
        let plan = try read([Self.copilotMode("plan"), Self.copilotPrompt, #""type":"exit_plan_mode.requested","data":{}"#, Self.copilotEdit])
        #expect(plan.start == .planFirst && plan.startEvidence == "mode plan")
        let code = try read([Self.copilotMode("autopilot"), Self.copilotPrompt, Self.copilotEdit, #""type":"subagent.started","data":{}"#])
        #expect(code == SessionWorkflow(start: .codeFirst, startEvidence: "mode autopilot, no plan before the first edit", correctionsBeforeEdit: 0, correctionsAfterEdit: 0, subagents: 1))
        let unknown = try read([Self.copilotPrompt, Self.copilotEdit])
        #expect(unknown.start == .unknown)
        // Files only session.shutdown names: when they were edited is unknown, and so are the corrections.
        let shutdown = try read([Self.copilotPrompt, #""type":"session.shutdown","data":{"codeChanges":{"filesModified":["/w/p/b.ts"]}}"#])
        #expect(shutdown.correctionsBeforeEdit == nil && shutdown.correctionsAfterEdit == nil)
    }

    static func cline(_ messages: [String]) -> String {
        "[" + ([#"{"ts":1770482470358,"type":"say","say":"task","text":"add a button"}"#] + messages).joined(separator: ",\n") + "]"
    }

    static func clineRequest(_ mode: String) -> String {
        #"{"ts":1770482484435,"type":"say","say":"api_req_started","text":"{\"request\":\"<task>…</task>\\n<environment_details>\\n# Current Mode\\n\#(mode)\\n</environment_details>\",\"tokensIn\":1,\"tokensOut\":1}"}"#
    }
    static let clineEdit = #"{"ts":1770482490000,"type":"say","say":"tool","text":"{\"tool\":\"editedExistingFile\",\"path\":\"src/a.ts\"}"}"#

    @Test("Cline: PLAN MODE or plan_mode_respond is plan-first; ACT MODE then an edit code-first; neither unknown")
    func clineModes() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        func read(_ name: String, _ messages: [String]) throws -> SessionWorkflow {
            try scratch.write("tasks/\(name)/ui_messages.json", Self.cline(messages))
            let result = try ClineTaskReader.read(path: scratch.path + "/tasks/\(name)")
            return try #require(result.sessions.first?.workflow)
        }
        #expect(try read("1", [Self.clineRequest("PLAN MODE"), Self.clineEdit]).startEvidence == "Current Mode PLAN MODE")
        #expect(
            try read("2", [#"{"ts":1770482484000,"type":"ask","ask":"plan_mode_respond","text":"{}"}"#, Self.clineEdit]).start
                == .planFirst)
        let act = try read("3", [Self.clineRequest("ACT MODE"), Self.clineEdit])
        #expect(act.start == .codeFirst && act.startEvidence == "Current Mode ACT MODE, no plan before the first edit")
        #expect(try read("4", [Self.clineEdit]).start == .unknown)
    }

    @Test("aider: a first /ask for an approach with no edit before the next prompt is plan-first; an edit first unknown")
    func aiderFirstPrompt() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let history = """
            # aider chat started at 2026-03-01 10:00:00

            #### /ask how would you design the importer? what approach?

            Use a streaming parser.

            #### go ahead

            > Applied edit to importer.py

            # aider chat started at 2026-03-01 11:00:00

            #### add a cache

            > Applied edit to cache.py

            #### rename it

            """
        let path = try scratch.write("repo/.aider.chat.history.md", history)
        let sessions = try AiderChatReader.read(path: path).sessions.sorted { $0.id < $1.id }
        #expect(sessions.count == 2)
        #expect(
            sessions.first?.workflow
                == SessionWorkflow(
                    start: .planFirst, startEvidence: "first prompt asks for an approach", correctionsBeforeEdit: 1,
                    correctionsAfterEdit: 0))
        #expect(
            sessions.last?.workflow
                == SessionWorkflow(start: .unknown, correctionsBeforeEdit: 0, correctionsAfterEdit: 1))
    }

    @Test("approach requests: English and the Chinese of the real sample; asking alone or holding back alone is not one")
    func approachRequests() {
        #expect(ApproachRequest.matches("Design the data flow first. Don't write any code yet."))
        #expect(ApproachRequest.matches("What approach would you take? Please do not modify files"))
        #expect(ApproachRequest.matches("請不要修改任何代碼 我希望你幫我調查一下"))
        #expect(!ApproachRequest.matches("Explain this function, no code changes"))
        #expect(!ApproachRequest.matches("Plan the migration and implement it"))
        #expect(!ApproachRequest.matches("don't modify the tests"))
    }
}
