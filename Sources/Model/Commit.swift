/// One git commit as read from `git log`, after `.mailmap`.
package struct Commit: Sendable, Equatable, Codable {
    package var hash: String
    package var parents: [String]
    package var authorName: String
    package var authorEmail: String
    /// Author time, seconds since 1970 UTC.
    package var authorTime: Int64
    /// The author's UTC offset in minutes (e.g. +330 for +05:30).
    package var authorOffsetMinutes: Int
    package var committerName: String
    package var committerEmail: String
    /// Committer time, seconds since 1970 UTC.
    package var committerTime: Int64
    /// The first paragraph of the message, its lines joined by spaces (as `git log %s`).
    package var subject: String
    /// The message after the subject paragraph.
    package var body: String
    package var trailers: [Trailer]
    package var files: [FileChange]
    /// Which AI tools the commit's own text says took part, and why.
    package var aiMarks: [AIMark]
    /// Whether a bot (dependabot, renovate, `[bot]` names) made it.
    package var isBot: Bool

    package init(
        hash: String, parents: [String], authorName: String, authorEmail: String, authorTime: Int64,
        authorOffsetMinutes: Int, committerName: String, committerEmail: String, committerTime: Int64,
        subject: String, body: String, trailers: [Trailer] = [], files: [FileChange] = [],
        aiMarks: [AIMark] = [], isBot: Bool = false
    ) {
        self.hash = hash
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorTime = authorTime
        self.authorOffsetMinutes = authorOffsetMinutes
        self.committerName = committerName
        self.committerEmail = committerEmail
        self.committerTime = committerTime
        self.subject = subject
        self.body = body
        self.trailers = trailers
        self.files = files
        self.aiMarks = aiMarks
        self.isBot = isBot
    }

    /// A merge commit has two or more parents; it carries no effort and no lines.
    package var isMerge: Bool { parents.count > 1 }

    package var linesAdded: Int { files.reduce(0) { $0 + ($1.linesAdded ?? 0) } }
    package var linesDeleted: Int { files.reduce(0) { $0 + ($1.linesDeleted ?? 0) } }
}

/// A `Key: value` line of a commit message's trailer block.
package struct Trailer: Sendable, Equatable, Codable {
    package var key: String
    package var value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One file a commit changed, as `git log --numstat` reports it.
package struct FileChange: Sendable, Equatable, Codable {
    /// The path after the commit (the new path of a rename).
    package var path: String
    /// The path before a rename or copy.
    package var oldPath: String?
    /// Lines added; nil for a binary file.
    package var linesAdded: Int?
    /// Lines deleted; nil for a binary file.
    package var linesDeleted: Int?

    package init(path: String, oldPath: String? = nil, linesAdded: Int?, linesDeleted: Int?) {
        self.path = path
        self.oldPath = oldPath
        self.linesAdded = linesAdded
        self.linesDeleted = linesDeleted
    }

    package var isBinary: Bool { linesAdded == nil }
}

/// Evidence that an AI tool took part in a commit.
package struct AIMark: Sendable, Equatable, Codable, Hashable {
    /// Where a mark was found, which decides whether it makes the commit AI-written (FORMATS.md §8).
    package enum Basis: String, Sendable, Codable, Hashable {
        /// The author identity is an assistant's (`Name (aider)`, `noreply@anthropic.com`, an agent's bot).
        case author
        /// A line of the message: a co-author trailer, a footer, `Assisted-by:`, a subject prefix.
        case message
        /// The committer identity alone: aider commits the user's own uncommitted edits this way
        /// before applying its changes, and a bot may only have merged. Recorded, never counted.
        case committer
        /// A git-ai note under `refs/notes/ai`.
        case note
    }

    /// The tool, e.g. `claude-code`, `codex`, `copilot`, `aider`, `cursor`.
    package var tool: String
    /// What says so, e.g. `trailer Co-Authored-By: Claude <noreply@anthropic.com>`.
    package var evidence: String
    package var basis: Basis

    package init(tool: String, evidence: String, basis: Basis = .message) {
        self.tool = tool
        self.evidence = evidence
        self.basis = basis
    }

    /// Whether the mark makes the commit's lines AI-written: every basis but the committer alone.
    package var counts: Bool { basis != .committer }

    /// The rule behind the mark, as `tasks --explain` prints it.
    package var rule: String {
        switch basis {
        case .author: "author identity"
        case .message: "message line"
        case .committer: "committer identity only, not counted: aider commits the user's own edits so, and a bot may only have merged"
        case .note: "git-ai note"
        }
    }

    enum CodingKeys: String, CodingKey { case tool, evidence, basis }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        tool = try container.decode(String.self, forKey: .tool)
        evidence = try container.decode(String.self, forKey: .evidence)
        // Marks written before the basis existed came from the message or an identity.
        basis = try container.decodeIfPresent(Basis.self, forKey: .basis) ?? .message
    }
}
