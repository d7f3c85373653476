/// What one read of one assistant log yields for one session.
///
/// A read is incremental for append-only logs (Claude, Codex, Copilot JSONL,
/// Gemini JSONL): the caller merges the deltas of successive reads of a file
/// (union of times, files, commits, models; sum of prompts; usage deduplicated
/// by key). Whole-file formats (Aider markdown, Gemini JSON, Cline) always
/// yield the complete session.
package struct SessionDelta: Sendable, Equatable, Codable {
    /// "claude-code", "codex", "aider", "gemini", "cline" (its forks: "roo-code", "kilo-code") or "copilot".
    package var tool: String
    /// The tool's own session id. A Claude sub-agent is "<sessionId>/<agentId>";
    /// Aider, which has no id, gets "<directory>#<start time>" (see `AiderChatReader`).
    package var id: String
    /// For a sub-agent: the id of the session that spawned it.
    package var parentID: String?
    /// The session this one continues (Claude ≤ 2.0 `summary.leafUuid` chains), when it could be resolved.
    package var continuedFrom: String?
    package var workingDirectory: String?
    /// nil when the log has none or an empty one.
    package var gitBranch: String?
    /// Milliseconds since 1970 UTC of every timestamped record read, sorted ascending (duplicates kept).
    package var eventTimes: [Int64]
    /// Prompts a person typed (tool results, injected context, meta and sub-agent prompts excluded).
    package var prompts: Int
    /// The prompt texts in order, unredacted; the caller decides whether to keep them.
    package var promptTexts: [String]
    /// Model names, sorted and unique.
    package var models: [String]
    /// Token usage, at most one record per key (the one with the largest total).
    package var usage: [UsageRecord]
    /// Paths as the log wrote them (absolute, or relative to the working directory), sorted and unique.
    package var filesEdited: [String]
    /// Commit hashes the log shows being made, sorted and unique.
    package var commits: [String]
    /// The tool's version, when the log records it.
    package var toolVersion: String?
    /// Gemini only: sha256 of the project root (`projectHash`), for matching against repositories.
    package var projectHash: String?
    /// The repository the log names (Codex `session_meta.git.repository_url`, Copilot's
    /// `context.repository` as `owner/name`), for matching when the working directory does not.
    package var repositoryURL: String?
    /// The log writes local times without an offset (aider), read as if UTC: ingestion shifts
    /// them by the offset of the author's commits.
    package var localTimes = false
    /// How the session went about its work, as far as this read shows it; nil when the reader does not
    /// tell (stored as unknown). A read that continues an earlier one of the same file (`SessionStore.add`,
    /// `continuing`) counts its own first prompt as the first, which the store corrects.
    package var workflow: SessionWorkflow?
    /// Whether this read placed a first file edit among the prompts (a plan file written in plan mode
    /// does not count): a later read of the same file counts its prompts as corrections after the edit.
    package var workflowEditSeen = false
    /// The prompts of this read before its first edit (all of them when it saw none); nil when the reader
    /// cannot place edits among prompts. What a read that goes on from an earlier one adds before the edit.
    package var workflowPromptsBeforeEdit: Int?
    /// The mode field this read saw with no file edit yet ("permissionMode acceptEdits"): a later read
    /// of the same log whose first edit comes with no plan makes the session code-first by it.
    package var workflowModeShown: String?
    /// The identities of the records this read counted, in log order (FORMATS.md's usage note: records are
    /// keyed on their own identity, since tools copy, rewrite and rewind them): a `StableHash` of the
    /// record's id (Claude `uuid`, Copilot event `id`, Gemini message `id`, Cline `ts`, aider's position
    /// in the session) or of the whole line. A record that repeats, in the read or from one before
    /// (`KnownRecords`), counts once: its time, prompt and sub-agent are not counted again.
    package var records: [UInt64] = []

    package init(
        tool: String, id: String, parentID: String? = nil, continuedFrom: String? = nil,
        workingDirectory: String? = nil, gitBranch: String? = nil, eventTimes: [Int64] = [], prompts: Int = 0,
        promptTexts: [String] = [], models: [String] = [], usage: [UsageRecord] = [], filesEdited: [String] = [],
        commits: [String] = [], toolVersion: String? = nil, projectHash: String? = nil, repositoryURL: String? = nil
    ) {
        self.tool = tool
        self.id = id
        self.parentID = parentID
        self.continuedFrom = continuedFrom
        self.workingDirectory = workingDirectory
        self.gitBranch = gitBranch
        self.eventTimes = eventTimes
        self.prompts = prompts
        self.promptTexts = promptTexts
        self.models = models
        self.usage = usage
        self.filesEdited = filesEdited
        self.commits = commits
        self.toolVersion = toolVersion
        self.projectHash = projectHash
        self.repositoryURL = repositoryURL
    }

    /// The sum of the usage records, field by field.
    package var tokenTotals: TokenTotals {
        var totals = TokenTotals()
        for record in usage {
            totals.input += record.input
            totals.output += record.output
            totals.cacheWrite += record.cacheWrite
            totals.cacheRead += record.cacheRead
        }
        return totals
    }
}

/// The identities of the records already counted (`SessionDelta.records`), by session id: a read given
/// them counts none of those records again, as if each had been read once.
package struct KnownRecords: Sendable, Equatable {
    package var bySession: [String: Set<UInt64>]

    package init(_ bySession: [String: Set<UInt64>] = [:]) {
        self.bySession = bySession
    }

    package func contains(_ record: UInt64, session: String) -> Bool {
        bySession[session]?.contains(record) ?? false
    }
}

/// One billed model call (or one aggregate the tool reports), with the key it is deduplicated on.
///
/// `input` never includes cached tokens: tools that report cached tokens inside
/// their input count (Codex, Gemini, Copilot) have them subtracted into `cacheRead`.
package struct UsageRecord: Sendable, Equatable, Codable {
    /// Claude: `message.id:requestId` (or `message.id`); Codex: `codex:<session>:<cumulative total>`;
    /// others: a key stable across reads of the same log.
    package var key: String
    package var input: Int { didSet { input = Self.plausible(input) } }
    package var output: Int { didSet { output = Self.plausible(output) } }
    package var cacheWrite: Int { didSet { cacheWrite = Self.plausible(cacheWrite) } }
    package var cacheRead: Int { didSet { cacheRead = Self.plausible(cacheRead) } }

    package init(key: String, input: Int = 0, output: Int = 0, cacheWrite: Int = 0, cacheRead: Int = 0) {
        self.key = key
        self.input = Self.plausible(input)
        self.output = Self.plausible(output)
        self.cacheWrite = Self.plausible(cacheWrite)
        self.cacheRead = Self.plausible(cacheRead)
    }

    /// The most tokens one record can count: no request comes near a trillion.
    package static let maximum = 1_000_000_000_000

    /// A count as read, or 0 for one no request can have (negative, or beyond `maximum`: a damaged
    /// or hand-edited log), so that sums over a whole database stay finite and nothing subtracts.
    package static func plausible(_ count: Int) -> Int { (0...maximum).contains(count) ? count : 0 }

    /// All four counts added up: what "largest" means when records share a key.
    package var total: Int { input + output + cacheWrite + cacheRead }
}

/// The outcome of reading one log file (or one Cline task folder) once.
package struct SessionReadResult: Sendable, Equatable, Codable {
    /// One delta per session that had at least one timestamped or usable record, sorted by id.
    package var sessions: [SessionDelta]
    /// Lines (or records) that were not what the format promises; counted, skipped.
    package var malformedLines: Int
    /// The first few of them as `path:line: what was expected` (never more than 80 characters of log content).
    package var malformedExamples: [String]
    /// JSONL: the offset just after the last complete line read (resume from here next time).
    /// Whole-file formats: the file's size.
    package var consumedBytes: Int64
    /// Well-formed records of a type this reader does not know (ignored).
    package var unknownRecords: Int

    package init(
        sessions: [SessionDelta] = [], malformedLines: Int = 0, malformedExamples: [String] = [],
        consumedBytes: Int64 = 0, unknownRecords: Int = 0
    ) {
        self.sessions = sessions
        self.malformedLines = malformedLines
        self.malformedExamples = malformedExamples
        self.consumedBytes = consumedBytes
        self.unknownRecords = unknownRecords
    }
}
