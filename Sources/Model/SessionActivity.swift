/// What task building needs of a stored session: where, when, which files and
/// commits, and the vocabulary words of its prompts. Sub-agents are already rolled
/// into their parent.
package struct SessionActivity: Sendable, Equatable {
    package var tool: String
    package var id: String
    /// The ingested repository's root, when the working directory resolved to one.
    package var repository: String?
    package var branch: String?
    /// The session's working directory as its log gave it.
    package var workingDirectory: String?
    /// The path of the log the session was read from (for a merged session, as its machine had it).
    package var source: String?
    /// The author identity an export said the session belonged to (merged sessions only).
    package var owner: String?
    /// The machine a merged session came from; nil for this machine's own logs.
    package var machine: String?
    /// Event times, ms since 1970, sorted.
    package var eventTimes: [Int64]
    /// Repository-relative where the repository is known.
    package var filesEdited: Set<String>
    package var commits: [String]
    package var promptWords: [String: Int]
    /// Issue keys (`ABC-12`, `#12`) its prompts name, sorted.
    package var promptKeys: [String] = []

    package init(
        tool: String, id: String, repository: String?, branch: String?, workingDirectory: String? = nil, eventTimes: [Int64], filesEdited: Set<String>,
        commits: [String], promptWords: [String: Int]
    ) {
        self.tool = tool
        self.id = id
        self.repository = repository
        self.branch = branch
        self.workingDirectory = workingDirectory
        self.eventTimes = eventTimes
        self.filesEdited = filesEdited
        self.commits = commits
        self.promptWords = promptWords
    }
}
