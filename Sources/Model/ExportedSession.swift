/// A session as a team export carries it: metadata only — no prompt text (only the counts of
/// the classifier's vocabulary words, what the database keeps anyway), no file contents, no log paths.
package struct ExportedSession: Sendable, Equatable {
    package var tool: String
    package var key: String
    package var parentKey: String?
    /// The repository it worked in, by what every clone shares: root commit, origin, name.
    package var repositoryRootCommit: String?
    package var repositoryOrigin: String?
    package var repositoryName: String?
    package var workingDirectory: String?
    /// The author identity whose user folder the session ran in, if known (pseudonymised when asked).
    package var owner: String?
    package var branch: String?
    package var prompts: Int
    package var eventTimes: [Int64]
    package var models: [String]
    /// Repository-relative paths.
    package var filesEdited: [String]
    package var commits: [String]
    package var tokens: TokenTotals
    /// Vocabulary words of the prompts (`PromptVocabulary`) with counts.
    package var promptWords: [String: Int] = [:]
    /// Issue keys (`ABC-12`, `#12`) the prompts name, for linking sessions to tasks.
    package var promptKeys: [String] = []
    /// The session's workflow facts; nil in exports written before they were (merged as unknown).
    package var workflow: SessionWorkflow?
    /// Where the log lay on this machine, to find the owner by; not written to an export.
    package var source: String?

    package init(
        tool: String, key: String, parentKey: String?, repositoryRootCommit: String?, repositoryOrigin: String?,
        repositoryName: String?, workingDirectory: String?, owner: String?, branch: String?, prompts: Int,
        eventTimes: [Int64], models: [String], filesEdited: [String], commits: [String], tokens: TokenTotals
    ) {
        self.tool = tool
        self.key = key
        self.parentKey = parentKey
        self.repositoryRootCommit = repositoryRootCommit
        self.repositoryOrigin = repositoryOrigin
        self.repositoryName = repositoryName
        self.workingDirectory = workingDirectory
        self.owner = owner
        self.branch = branch
        self.prompts = prompts
        self.eventTimes = eventTimes
        self.models = models
        self.filesEdited = filesEdited
        self.commits = commits
        self.tokens = tokens
    }
}

/// Who and what an export is.
package struct ExportInfo: Sendable, Equatable {
    package var machine: String
    package var exporter: String
    /// Seconds since 1970.
    package var created: Int64
    package var pseudonymized: Bool

    package init(machine: String, exporter: String, created: Int64, pseudonymized: Bool) {
        self.machine = machine
        self.exporter = exporter
        self.created = created
        self.pseudonymized = pseudonymized
    }
}
