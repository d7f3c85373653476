import Foundation
import Ingestion
import Model
import Testing

@Suite("AI markers and bots in commit messages and identities")
struct AIMarkerDetectorTests {
    /// One section of real_commit_examples.txt as a commit.
    struct Example {
        var title: String
        var commit: Commit
    }

    static func examples() throws -> [Example] {
        let url = try #require(
            Bundle.module.url(
                forResource: "real_commit_examples", withExtension: "txt", subdirectory: "Fixtures/commit-attribution"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var examples: [Example] = []
        for section in text.components(separatedBy: "\n### ").dropFirst() {
            let lines = section.components(separatedBy: "\n")
            func identity(_ prefix: String) -> (String, String) {
                guard let line = lines.first(where: { $0.hasPrefix(prefix) }) else { return ("", "") }
                let value = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
                guard let open = value.firstIndex(of: "<"), let close = value.firstIndex(of: ">") else { return ("", "") }
                return (
                    value[..<open].trimmingCharacters(in: .whitespaces),
                    String(value[value.index(after: open)..<close])
                )
            }
            let (author, authorEmail) = identity("Author:")
            let (committer, committerEmail) = identity("Committer:")
            let subject = lines.first { $0.hasPrefix("Subject:") }.map {
                $0.dropFirst("Subject:".count).trimmingCharacters(in: .whitespaces)
            } ?? ""
            let bodyStart = (lines.firstIndex(of: "-- last lines of message --") ?? lines.count - 1) + 1
            let body = lines[bodyStart...].joined(separator: "\n")
            examples.append(
                Example(
                    title: lines[0],
                    commit: Commit(
                        hash: String(repeating: "0", count: 40), parents: [], authorName: author,
                        authorEmail: authorEmail, authorTime: 0, authorOffsetMinutes: 0, committerName: committer,
                        committerEmail: committerEmail, committerTime: 0, subject: subject, body: body)))
        }
        return examples
    }

    /// The tool each section of the fixture shows, in file order.
    static let expectedTools = [
        "claude-code", "claude-code", "claude-code", "claude-code", "claude-code", "claude-code",
        "copilot", "copilot", "copilot", "copilot",
        "cursor", "cursor", "cursor", "devin", "jules", "codex", "codex",
        "aider", "aider", "aider", "aider", "amp", "crush", "claude-code", "gemini-code-assist",
    ]

    @Test("every real commit convention in FORMATS.md §8 is recognised with its tool")
    func realCommits() throws {
        let examples = try Self.examples()
        #expect(examples.count == Self.expectedTools.count)
        for (example, tool) in zip(examples, Self.expectedTools) {
            let marks = AIMarkerDetector.marks(for: example.commit)
            // aider's commit of the user's own dirty files names aider on the committer alone: recorded, not counted.
            let counts = !example.title.hasPrefix("aider: user-dirty-file commit")
            #expect(marks.contains { $0.tool == tool && $0.counts == counts }, "\(example.title): got \(marks)")
            #expect(marks.allSatisfy { !$0.evidence.isEmpty })
        }
    }

    @Test("a commit mentioning two assistants carries both")
    func twoTools() throws {
        let examples = try Self.examples()
        let mixed = try #require(examples.first { $0.title.hasPrefix("Cursor agent co-author trailer (older") })
        let tools = Set(AIMarkerDetector.marks(for: mixed.commit).map(\.tool))
        #expect(tools == ["cursor", "claude-code"])
    }

    static func commit(author: String, committer: String, body: String = "") -> Commit {
        Commit(
            hash: "h", parents: [], authorName: author, authorEmail: "ann@example.com", authorTime: 0,
            authorOffsetMinutes: 0, committerName: committer, committerEmail: "ann@example.com", committerTime: 0,
            subject: "Update the parser", body: body)
    }

    @Test("a mark on the committer alone is recorded as such and does not count (aider commits the user's edits so)")
    func committerOnly() {
        let dirty = AIMarkerDetector.marks(for: Self.commit(author: "Ann", committer: "Ann (aider)"))
        #expect(dirty.map(\.tool) == ["aider"])
        #expect(dirty.first?.basis == .committer)
        #expect(dirty.first?.counts == false)
        #expect(dirty.first?.rule.hasPrefix("committer identity only") == true)

        let authored = AIMarkerDetector.marks(for: Self.commit(author: "Ann (aider)", committer: "Ann (aider)"))
        #expect(authored.map(\.basis) == [.author])
        #expect(authored.first?.counts == true)

        // A trailer names the tool: the message mark wins over the committer's, whatever the order.
        let trailer = AIMarkerDetector.marks(
            for: Self.commit(
                author: "Ann", committer: "Ann (aider)", body: "Co-authored-by: aider (gpt-4o) <aider@aider.chat>"))
        #expect(trailer.map(\.basis) == [.message])
    }

    @Test("a path is named after aider when a component or a word in it opens with 'aider', not aider's own files", arguments: [
        ("src/aider/reader.py", true), ("Sources/Ingestion/Sessions/AiderChatReader.swift", true),
        ("tests/test_aider.py", true), ("web/readAiderHistory.ts", true), ("aider_utils.py", true),
        ("game/raiders.py", false), ("src/cart.py", false), (".aider.chat.history.md", false),
        (".aider.conf.yml", false), ("docs/braider.md", false),
    ])
    func pathNamedAfterAider(path: String, named: Bool) {
        #expect(AIMarkerDetector.namesAider(path) == named)
    }

    @Test("the 'aider: ' subject prefix marks a commit unless it touches a path named after aider and no identity is aider's")
    func aiderSubjectPrefix() {
        func commit(_ paths: [String], author: String = "Ann", committer: String = "Ann") -> Commit {
            Commit(
                hash: "h", parents: [], authorName: author, authorEmail: "ann@example.com", authorTime: 0,
                authorOffsetMinutes: 0, committerName: committer, committerEmail: "ann@example.com", committerTime: 0,
                subject: "aider: read the token line", body: "",
                files: paths.map { FileChange(path: $0, linesAdded: 1, linesDeleted: 0) })
        }
        #expect(AIMarkerDetector.marks(for: commit(["src/cart.py"])).map(\.evidence) == ["subject prefix 'aider: '"])
        #expect(AIMarkerDetector.marks(for: commit([])).map(\.tool) == ["aider"])
        #expect(AIMarkerDetector.marks(for: commit(["src/aider/reader.py", "README.md"])).isEmpty)
        let committer = AIMarkerDetector.marks(for: commit(["src/aider/reader.py"], committer: "Ann (aider)"))
        #expect(committer.map(\.basis) == [.message])
    }

    @Test("an ordinary human commit carries no mark")
    func humanCommit() {
        let commit = Commit(
            hash: "h", parents: [], authorName: "Ann", authorEmail: "ann@example.com", authorTime: 0,
            authorOffsetMinutes: 0, committerName: "Ann", committerEmail: "ann@example.com", committerTime: 0,
            subject: "Fix the claude parser", body: "Signed-off-by: Ann <ann@example.com>\nCo-authored-by: Bob <bob@example.com>")
        #expect(AIMarkerDetector.marks(for: commit).isEmpty)
    }

    @Test("AI agents' GitHub accounts as author or co-author mark their tool")
    func agentAccounts() {
        func commit(author: String, email: String, body: String = "") -> Commit {
            Commit(
                hash: "h", parents: [], authorName: author, authorEmail: email, authorTime: 0, authorOffsetMinutes: 0,
                committerName: "GitHub", committerEmail: "noreply@github.com", committerTime: 0, subject: "Fix", body: body)
        }
        #expect(AIMarkerDetector.marks(for: commit(author: "claude[bot]", email: "209825114+claude[bot]@users.noreply.github.com")).map(\.tool) == ["claude-code"])
        #expect(
            AIMarkerDetector.marks(for: commit(author: "gemini-code-assist[bot]", email: "176961590+gemini-code-assist[bot]@users.noreply.github.com"))
                .map(\.tool) == ["gemini-code-assist"])
        let coAuthored = commit(
            author: "Ann", email: "ann@example.com", body: "Co-authored-by: claude[bot] <209825114+claude[bot]@users.noreply.github.com>")
        #expect(AIMarkerDetector.marks(for: coAuthored).map(\.tool) == ["claude-code"])
    }

    @Test("a footer quoted in a sentence, or a trailer in an indented example, is no mark; the footer line is")
    func quotedMarkers() {
        func commit(_ body: String) -> Commit {
            Commit(
                hash: "h", parents: [], authorName: "Ann", authorEmail: "ann@example.com", authorTime: 0, authorOffsetMinutes: 0,
                committerName: "Ann", committerEmail: "ann@example.com", committerTime: 0, subject: "Docs", body: body)
        }
        #expect(AIMarkerDetector.marks(for: commit("I did not use the footer ('Generated with Claude Code') here.")).isEmpty)
        #expect(AIMarkerDetector.marks(for: commit("Example trailer:\n\n    Co-authored-by: Claude <noreply@anthropic.com>\n")).isEmpty)
        // A wrapped sentence whose next line opens with the quoted footer (probe 25).
        #expect(
            AIMarkerDetector.marks(
                for: commit("Drop the\n\"🤖 Generated with [Claude Code](https://claude.com/claude-code)\" footer from .gitmessage.")
            ).isEmpty)
        #expect(AIMarkerDetector.marks(for: commit("Remove the footer\n“Generated with Claude Code” from the template")).isEmpty)
        #expect(
            AIMarkerDetector.marks(for: commit("Body.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)")).map(\.tool)
                == ["claude-code"])
    }

    @Test("Assisted-by names the tool or the agent", arguments: [
        ("assisted-by: deepseek v4 pro via crush <crush@charm.land>", "crush"),
        ("assisted-by: claude:claude-3-opus coccinelle sparse", "claude-code"),
        ("assisted-by: gemini 3 pro", "gemini"),
        ("assisted-by: someagent:model-x", "someagent"),
    ])
    func assistedBy(line: String, tool: String) {
        #expect(AIMarkerDetector.assistedByTool(line) == tool)
    }

    @Test("bots are recognised, AI agents are not bots", arguments: [
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", true),
        ("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", true),
        ("github-actions", "github-actions@github.com", true),
        ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com", false),
        ("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com", false),
        ("claude[bot]", "209825114+claude[bot]@users.noreply.github.com", false),
        ("gemini-code-assist[bot]", "176961590+gemini-code-assist[bot]@users.noreply.github.com", false),
        ("chatgpt-codex-connector[bot]", "199175422+chatgpt-codex-connector[bot]@users.noreply.github.com", false),
        ("Alice", "alice@example.com", false),
    ])
    func bots(name: String, email: String, isBot: Bool) {
        #expect(AIMarkerDetector.isBot(name: name, email: email) == isBot)
    }
}
