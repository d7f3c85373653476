import Foundation
import Model

/// Reads a git-ai authorship note (`refs/notes/ai`, git-ai standard v3, FORMATS.md §9).
///
/// A note is an attestation section (file paths, then indented `key ranges`
/// lines), a `---` line, and a metadata JSON naming the agent of each session
/// or (legacy) prompt key. Only AI keys (`s_…` sessions, bare-hex legacy
/// prompts) make a commit AI-assisted; `h_…` keys are known humans.
package enum GitAINote {
    /// The AI marks a note carries; empty when it attests only human lines.
    package static func marks(in note: String) -> [AIMark] {
        var aiKeys: [String] = []
        var metadata = ""
        var inMetadata = false
        for line in note.split(separator: "\n", omittingEmptySubsequences: false) {
            if inMetadata {
                metadata += line + "\n"
                continue
            }
            if line == "---" {
                inMetadata = true
                continue
            }
            guard line.hasPrefix("  "), let key = line.split(separator: " ").first else { continue }
            if !key.hasPrefix("h_") { aiKeys.append(String(key)) }
        }
        guard !aiKeys.isEmpty else { return [] }
        var tools: [String: String] = [:]  // session or prompt key → tool
        if let data = metadata.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        {
            for section in ["sessions", "prompts"] {
                guard let entries = object[section] as? [String: Any] else { continue }
                for (key, value) in entries {
                    let agent = (value as? [String: Any])?["agent_id"] as? [String: Any]
                    if let tool = agent?["tool"] as? String { tools[key] = tool }
                }
            }
        }
        var marks: [AIMark] = []
        for key in aiKeys {
            let sessionKey = String(key.split(separator: ":").first ?? Substring(key))
            let tool = toolName(tools[sessionKey] ?? "unknown")
            if !marks.contains(where: { $0.tool == tool }) {
                marks.append(AIMark(tool: tool, evidence: "git-ai note \(sessionKey)", basis: .note))
            }
        }
        return marks.sorted { $0.tool < $1.tool }
    }

    /// git-ai's tool names → Multiplier's.
    static func toolName(_ tool: String) -> String {
        switch tool.lowercased() {
        case "claude", "claude-code", "claude_code": return "claude-code"
        case "codex", "codex-cloud": return "codex"
        case "github-copilot", "copilot": return "copilot"
        case let other: return other
        }
    }
}
