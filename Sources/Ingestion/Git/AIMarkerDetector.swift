import Model
import Support

/// Finds the conventions that mark a commit as AI-assisted (FORMATS.md §8) and bot identities.
///
/// Lines are matched anywhere in the message, case-insensitively: many real
/// `Co-Authored-By: Claude` lines are not in git's final trailer block.
package enum AIMarkerDetector {
    /// A message-line rule: when a lowercased line passes `matches`, `tool` took part.
    private struct LineRule {
        let tool: String
        let matches: @Sendable (String) -> Bool
    }

    /// An identity rule on an author or committer (lowercased name and email).
    private struct IdentityRule {
        let tool: String
        let matches: @Sendable (_ name: String, _ email: String) -> Bool
    }

    private static func coAuthor(_ line: String) -> Bool {
        line.hasPrefix("co-authored-by:") || line.hasPrefix("co-developed-by:")
    }

    /// Sorted by tool name; each rule is one convention of FORMATS.md §8.
    private static let lineRules: [LineRule] = [
        LineRule(tool: "aider") { coAuthor($0) && $0.containsBytes("@aider.chat>") },
        LineRule(tool: "amp") { $0.hasPrefix("amp-thread-id:") || (coAuthor($0) && $0.containsBytes("amp@ampcode.com")) },
        // The footer is a line of its own ("🤖 Generated with [Claude Code](…)"); a sentence that
        // quotes it is not one, nor a line that opens with the quote (a wrapped sentence's next line).
        LineRule(tool: "claude-code") {
            guard let first = $0.first, !"\"'`“‘«>".contains(first) else { return false }
            let words = $0.drop { !$0.isLetter }
            return words.hasPrefix("generated with [claude code]") || words.hasPrefix("generated with claude code")
        },
        LineRule(tool: "claude-code") { coAuthor($0) && $0.containsBytes("@anthropic.com>") },
        LineRule(tool: "claude-code") { coAuthor($0) && $0.containsBytes("claude[bot]") },
        LineRule(tool: "claude-code") { $0.hasPrefix("claude-session:") },
        LineRule(tool: "codex") {
            coAuthor($0)
                && ($0.containsBytes("<noreply@openai.com>") || $0.containsBytes("<codex@openai.com>")
                    || $0.containsBytes("chatgpt-codex-connector[bot]"))
        },
        LineRule(tool: "copilot") { coAuthor($0) && $0.containsBytes("+copilot@users.noreply.github.com>") },
        LineRule(tool: "copilot") { coAuthor($0) && $0.containsBytes("copilot autofix") },
        LineRule(tool: "copilot") { $0.hasPrefix("agent-logs-url:") },
        LineRule(tool: "crush") { $0.containsBytes("generated with crush") || $0.containsBytes("<crush@charm.land>") },
        LineRule(tool: "cursor") { coAuthor($0) && $0.containsBytes("cursoragent@cursor.com") },
        LineRule(tool: "devin") { coAuthor($0) && $0.containsBytes("devin-ai-integration[bot]") },
        LineRule(tool: "gemini-code-assist") { coAuthor($0) && $0.containsBytes("gemini-code-assist[bot]") },
        LineRule(tool: "jules") { coAuthor($0) && $0.containsBytes("google-labs-jules[bot]") },
    ]

    private static let identityRules: [IdentityRule] = [
        IdentityRule(tool: "aider") { name, _ in name.hasSuffix("(aider)") },
        // Claude Code's GitHub Action commits as `claude[bot]`.
        IdentityRule(tool: "claude-code") { name, email in
            email == "noreply@anthropic.com" || name == "claude[bot]" || email.containsBytes("+claude[bot]@")
        },
        // Codex in the cloud commits as `chatgpt-codex-connector[bot]`.
        IdentityRule(tool: "codex") { name, email in
            email == "codex@openai.com" || email == "noreply@openai.com" || name.hasPrefix("chatgpt-codex-connector")
                || email.containsBytes("chatgpt-codex-connector[bot]")
        },
        IdentityRule(tool: "copilot") { name, email in
            name.hasPrefix("copilot-swe-agent") || email.hasSuffix("+copilot@users.noreply.github.com")
        },
        IdentityRule(tool: "cursor") { name, email in email == "cursoragent@cursor.com" || name == "cursor[bot]" },
        IdentityRule(tool: "devin") { name, email in
            name.hasPrefix("devin-ai-integration") || email.containsBytes("devin-ai-integration[bot]")
        },
        IdentityRule(tool: "gemini-code-assist") { name, email in
            name.hasPrefix("gemini-code-assist") || email.containsBytes("gemini-code-assist[bot]")
        },
        IdentityRule(tool: "jules") { name, email in
            name.hasPrefix("google-labs-jules") || email.containsBytes("google-labs-jules[bot]")
        },
    ]

    /// Names of `Assisted-by:` agents → tool.
    private static let assistantNames: [(word: String, tool: String)] = [
        ("aider", "aider"), ("amp", "amp"), ("claude", "claude-code"), ("codex", "codex"), ("copilot", "copilot"),
        ("crush", "crush"), ("cursor", "cursor"), ("devin", "devin"), ("gemini", "gemini"), ("gpt", "codex"),
        ("jules", "jules"),
    ]

    /// Every AI mark the commit's own text and identities carry, one per tool (first evidence wins:
    /// the author, then the message, then the committer, which is recorded only when nothing else
    /// names that tool and does not count — `AIMark.Basis.committer`).
    package static func marks(for commit: Commit) -> [AIMark] {
        var found: [AIMark] = []
        func add(_ tool: String, _ evidence: String, _ basis: AIMark.Basis) {
            guard !found.contains(where: { $0.tool == tool }) else { return }
            found.append(AIMark(tool: tool, evidence: String(evidence.prefix(200)), basis: basis))
        }
        func identity(_ role: AIMark.Basis, _ name: String, _ email: String) {
            let lowerName = name.lowercased()
            let lowerEmail = email.lowercased()
            for rule in identityRules where rule.matches(lowerName, lowerEmail) {
                add(rule.tool, "\(role.rawValue) \(name) <\(email)>", role)
            }
        }
        identity(.author, commit.authorName, commit.authorEmail)
        if aiderPrefixCounts(commit) { add("aider", "subject prefix 'aider: '", .message) }
        for rawLine in commit.body.split(whereSeparator: \.isNewline) {
            // An indented line is a code block (a trailer quoted as an example), never a trailer.
            if rawLine.hasPrefix("    ") || rawLine.hasPrefix("\t") { continue }
            let line = rawLine.trimmingWhitespace()
            let lower = line.lowercased()
            for rule in lineRules where rule.matches(lower) { add(rule.tool, line, .message) }
            if lower.hasPrefix("assisted-by:") { add(assistedByTool(lower), line, .message) }
        }
        identity(.committer, commit.committerName, commit.committerEmail)
        return found
    }

    /// Whether the subject's `aider: ` prefix (aider's own convention up to 0.38, FORMATS.md §3.5) marks
    /// the commit. In a project with a component named after aider the same words are a scope
    /// ("aider: read the token line of newer versions" on `src/aider/reader.py`), so the prefix counts
    /// unless the commit touches a path named after aider — then only when the author or committer
    /// is an `(aider)` identity.
    static func aiderPrefixCounts(_ commit: Commit) -> Bool {
        guard commit.subject.lowercased().hasPrefix("aider: ") else { return false }
        if commit.authorName.lowercased().hasSuffix("(aider)") || commit.committerName.lowercased().hasSuffix("(aider)") {
            return true
        }
        return !commit.files.contains { namesAider($0.path) || $0.oldPath.map(namesAider) == true }
    }

    /// Whether a path has a component named after aider: "aider" opening a component or a word in
    /// it (`aider/`, `AiderChatReader.swift`, `test_aider.py`, `readAiderHistory.ts`), not inside a
    /// word (`raiders.py`). aider's own files (`.aider.chat.history.md`, `.aider.conf.yml`) are its
    /// data, not a component of the project.
    package static func namesAider(_ path: String) -> Bool {
        let word = Array("aider".utf8)
        for component in path.split(separator: "/") {
            let bytes = Array(component.utf8)
            if bytes.starts(with: Array(".aider".utf8)) { continue }
            var index = 0
            while index + word.count <= bytes.count {
                let matches = zip(bytes[index...], word).allSatisfy { $0 | 0x20 == $1 }
                if matches {
                    let atWordStart =
                        index == 0 || !isLetter(bytes[index - 1])
                        || (isLower(bytes[index - 1]) && bytes[index] == UInt8(ascii: "A"))
                    if atWordStart { return true }
                }
                index += 1
            }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }
    private static func isLower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// The tool an `Assisted-by: AGENT:MODEL` or `Assisted-by: Model via Tool` line names.
    package static func assistedByTool(_ lowerLine: String) -> String {
        let value = lowerLine.dropFirst("assisted-by:".count)
        if let via = value.byteRange(of: " via ") {
            let tool = value[via.upperBound...].split(whereSeparator: { $0 == " " || $0 == "<" }).first
            if let tool { return assistantTool(String(tool)) ?? String(tool) }
        }
        if let tool = assistantTool(String(value)) { return tool }
        let first = value.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "<" }).first
        return first.map(String.init) ?? "unknown"
    }

    private static func assistantTool(_ text: String) -> String? {
        assistantNames.first { text.containsBytes($0.word) }?.tool
    }

    /// Well-known automation accounts whose work is kept apart from people's.
    private static let botNames: Set<String> = [
        "dependabot", "dependabot-preview", "github-actions", "greenkeeper", "imgbot", "mergify", "pre-commit-ci",
        "renovate", "renovate-bot", "snyk-bot", "allcontributors",
    ]

    /// Whether an identity is a bot (dependabot, renovate, `[bot]` names) — not counting AI agents,
    /// whose commits are AI-assisted work rather than automation.
    package static func isBot(name: String, email: String) -> Bool {
        let lowerName = name.lowercased()
        let lowerEmail = email.lowercased()
        if identityRules.contains(where: { $0.matches(lowerName, lowerEmail) }) { return false }
        if lowerName.hasSuffix("[bot]") || lowerEmail.containsBytes("[bot]@") { return true }
        return botNames.contains(lowerName)
    }
}
