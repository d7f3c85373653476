import Model

/// Collects one session's figures while a log is read, then freezes them into a `SessionDelta`.
struct SessionBuilder {
    var tool: String
    var id: String
    var parentID: String?
    var continuedFrom: String?
    var workingDirectory: String?
    var gitBranch: String?
    var eventTimes: [Int64] = []
    var prompts = 0
    var promptTexts: [String] = []
    var models: Set<String> = []
    var usage: [String: UsageRecord] = [:]
    var filesEdited: Set<String> = []
    var commits: Set<String> = []
    var toolVersion: String?
    var projectHash: String?
    var repositoryURL: String?
    var localTimes = false

    init(tool: String, id: String, parentID: String? = nil) {
        self.tool = tool
        self.id = id
        self.parentID = parentID
    }

    /// Whether anything worth reporting was seen (a file of only titles yields no session).
    var isEmpty: Bool {
        eventTimes.isEmpty && prompts == 0 && usage.isEmpty && filesEdited.isEmpty && commits.isEmpty
    }

    /// Keeps the record with the largest total per key.
    mutating func add(_ record: UsageRecord) {
        if let existing = usage[record.key], existing.total >= record.total { return }
        usage[record.key] = record
    }

    mutating func addPrompt(_ text: String) {
        prompts += 1
        promptTexts.append(text)
    }

    mutating func addModel(_ name: String?) {
        guard let name, !name.isEmpty, name != "<synthetic>" else { return }
        models.insert(name)
    }

    mutating func addTime(_ ms: Int64?) {
        if let ms { eventTimes.append(ms) }
    }

    /// Keeps the first non-empty working directory.
    mutating func noteDirectory(_ path: String?) {
        if workingDirectory == nil, let path, !path.isEmpty { workingDirectory = path }
    }

    /// Keeps the first non-empty repository URL or `owner/name` the log records.
    mutating func noteRepository(_ url: String?) {
        if repositoryURL == nil, let url, !url.isEmpty { repositoryURL = url }
    }

    /// Keeps the last non-empty branch (where the session ended up).
    mutating func noteBranch(_ branch: String?) {
        if let branch, !branch.isEmpty { gitBranch = branch }
    }

    func build() -> SessionDelta {
        var delta = SessionDelta(
            tool: tool, id: id, parentID: parentID, continuedFrom: continuedFrom, workingDirectory: workingDirectory,
            gitBranch: gitBranch, eventTimes: eventTimes.sorted(), prompts: prompts, promptTexts: promptTexts,
            models: models.sorted(), usage: usage.values.sorted { $0.key < $1.key }, filesEdited: filesEdited.sorted(),
            commits: commits.sorted(), toolVersion: toolVersion, projectHash: projectHash, repositoryURL: repositoryURL)
        delta.localTimes = localTimes
        return delta
    }
}
