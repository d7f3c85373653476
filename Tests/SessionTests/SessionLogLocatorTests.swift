import Foundation
import Ingestion
import Testing

@Suite("Standard log places")
struct SessionLogLocatorTests {
    @Test("CLAUDE_CONFIG_DIR with a comma-separated list replaces the default roots")
    func claudeConfigDirList() throws {
        let home = try ScratchFolder()
        defer { home.remove() }
        try home.write(".claude/projects/-home-me-p/default.jsonl", "{}\n")
        try home.write("one/projects/-p/a.jsonl", "{}\n")
        try home.write("two/projects/-q/b.jsonl", "{}\n")
        try home.write("two/projects/-q/b/subagents/agent-x.jsonl", "{}\n")
        try home.write("two/projects/-q/sessions-index.json", "{}")
        let locator = SessionLogLocator(
            environment: ["CLAUDE_CONFIG_DIR": "\(home.path)/one, ~/two"], home: home.path)
        let found = locator.locate().filter { $0.tool == "claude-code" }.map(\.path)
        #expect(found == [
            home.path + "/one/projects/-p/a.jsonl", home.path + "/two/projects/-q/b.jsonl",
            home.path + "/two/projects/-q/b/subagents/agent-x.jsonl",
        ])
        let defaults = SessionLogLocator(environment: [:], home: home.path).locate().filter { $0.tool == "claude-code" }
        #expect(defaults.map(\.path) == [home.path + "/.claude/projects/-home-me-p/default.jsonl"])
    }

    @Test("CODEX_HOME: sessions and archived_sessions, plain .jsonl over .zst, sessions over the archive")
    func codexHome() throws {
        let home = try ScratchFolder()
        defer { home.remove() }
        try home.write("ch/sessions/2026/02/23/rollout-a.jsonl", "{}\n")
        try home.write("ch/sessions/2026/02/23/rollout-a.jsonl.zst", "x")
        try home.write("ch/sessions/2026/02/24/rollout-b.jsonl.zst", "x")
        try home.write("ch/archived_sessions/2026/02/23/rollout-a.jsonl", "{}\n")
        try home.write("ch/archived_sessions/rollout-c.jsonl", "{}\n")
        try home.write(".codex/sessions/ignored.jsonl", "{}\n")
        let found = SessionLogLocator(environment: ["CODEX_HOME": home.path + "/ch"], home: home.path)
            .locate().filter { $0.tool == "codex" }.map(\.path)
        #expect(found == [
            home.path + "/ch/archived_sessions/rollout-c.jsonl", home.path + "/ch/sessions/2026/02/23/rollout-a.jsonl",
            home.path + "/ch/sessions/2026/02/24/rollout-b.jsonl.zst",
        ])
    }

    @Test("Gemini, Cline, Copilot and aider places under a temporary home")
    func otherTools() throws {
        let home = try ScratchFolder()
        defer { home.remove() }
        try home.write(".gemini/tmp/abc/chats/session-1.json", "{}")
        try home.write(".gemini/tmp/abc/chats/session-2.json", "{}")
        try home.write(".gemini/tmp/abc/chats/session-2.jsonl", "{}\n")
        try home.write(".gemini/tmp/abc/logs.json", "[]")
        try home.write(".config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/111/ui_messages.json", "[]")
        try home.write("Library/Application Support/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/tasks/222/ui_messages.json", "[]")
        try home.write(".copilot/session-state/s1/events.jsonl", "{}\n")
        try home.write("repo/.aider.chat.history.md", "# aider chat started at 2026-01-01 10:00:00\n")
        try home.write("repo/.aider.input.history", "\n# 2026-01-01 10:00:01.0\n+hi\n")
        let found = SessionLogLocator(environment: [:], home: home.path).locate(aiderRepositories: [home.path + "/repo"])
        #expect(found.filter { $0.tool == "gemini" }.map(\.path) == [
            home.path + "/.gemini/tmp/abc/chats/session-1.json", home.path + "/.gemini/tmp/abc/chats/session-2.jsonl",
        ])
        // A Roo Code task is named after the fork (Cline's format, read by Cline's reader).
        #expect(found.filter { $0.tool == "cline" }.map(\.path) == [home.path + "/.config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/111"])
        #expect(found.filter { $0.tool == "roo-code" }.map(\.path) == [
            home.path + "/Library/Application Support/VSCodium/User/globalStorage/rooveterinaryinc.roo-cline/tasks/222"
        ])
        #expect(found.filter { $0.tool == "copilot" }.map(\.path) == [home.path + "/.copilot/session-state/s1/events.jsonl"])
        let aider = found.filter { $0.tool == "aider" }
        #expect(aider == [
            SessionLogLocator.Location(
                path: home.path + "/repo/.aider.chat.history.md", tool: "aider",
                inputHistory: home.path + "/repo/.aider.input.history")
        ])
    }
}
