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
    /// What the log showed of the session's way of working, in the order it was read.
    var trace = WorkflowTrace()
    /// Records counted by earlier reads (of this file, or of another file of the session): not counted again.
    var known = KnownRecords()
    /// The identities of the records counted, in log order (`SessionDelta.records`).
    private(set) var records: [UInt64] = []
    private var seen: Set<UInt64> = []
    /// Whether the record being applied (`beginRecord`) was counted before: in this read or in `known`.
    /// Its time, prompt and sub-agent then count nothing; its files, models, commits and usage (sets, and
    /// usage keyed on its own) and its edits' place among the prompts still do, since a repeated record may
    /// carry more than its first copy (Gemini writes a message again when its tool calls finish).
    private(set) var repeatedRecord = false

    init(tool: String, id: String, parentID: String? = nil, known: KnownRecords = KnownRecords()) {
        self.tool = tool
        self.id = id
        self.parentID = parentID
        self.known = known
    }

    /// Whether anything worth reporting was seen (a file of only titles yields no session).
    var isEmpty: Bool {
        eventTimes.isEmpty && prompts == 0 && usage.isEmpty && filesEdited.isEmpty && commits.isEmpty
    }

    /// Starts applying the record whose identity is `identity` (`RecordIdentity`); readers call it for every
    /// record of the session before anything of the record is noted.
    mutating func beginRecord(_ identity: UInt64) {
        repeatedRecord = known.contains(identity, session: id) || !seen.insert(identity).inserted
        if !repeatedRecord { records.append(identity) }
    }

    /// Keeps the record with the largest total per key.
    mutating func add(_ record: UsageRecord) {
        if let existing = usage[record.key], existing.total >= record.total { return }
        usage[record.key] = record
    }

    mutating func addPrompt(_ text: String) {
        guard !repeatedRecord else { return }
        if prompts == 0 { trace.firstPromptAsksApproach = ApproachRequest.matches(text) }
        prompts += 1
        promptTexts.append(text)
    }

    /// A file the session edited, in log order: the first one marks where the work started.
    mutating func noteEdit(_ path: String) {
        guard !path.isEmpty else { return }
        filesEdited.insert(LogText.portablePath(path))
        if trace.promptsAtFirstEdit == nil { trace.promptsAtFirstEdit = prompts }
    }

    mutating func noteEdits(_ paths: some Sequence<String>) {
        for path in paths { noteEdit(path) }
    }

    /// The log shows a plan being made (a plan mode, a plan tool): the session is plan-first when it
    /// came before the first edit.
    /// - Parameter coversTurn: the plan ends a stretch that may already hold edits of the plan itself
    ///   (Claude writes its plan file in plan mode, then calls ExitPlanMode): edits of the current
    ///   turn do not count as the first edit.
    mutating func notePlan(_ evidence: String, coversTurn: Bool = false) {
        // A repeated plan tool comes after the turn it covered: it takes back no edit.
        if coversTurn, !repeatedRecord, trace.promptsAtFirstEdit == prompts { trace.promptsAtFirstEdit = nil }
        if trace.promptsAtFirstEdit == nil, trace.plan == nil { trace.plan = evidence }
    }

    /// The log records the field or tools that would show a plan (`evidence`, e.g. "permissionMode default"):
    /// seen before the first edit, a first edit with no plan before it is code-first.
    mutating func noteModeShown(_ evidence: String) {
        if trace.promptsAtFirstEdit == nil, trace.modeShown == nil { trace.modeShown = evidence }
    }

    /// A sub-agent the session started.
    mutating func noteSubagent() {
        guard !repeatedRecord else { return }
        trace.subagents = (trace.subagents ?? 0) + 1
    }

    /// The log would show sub-agents: none seen means none (0, not unknown).
    mutating func showsSubagents() {
        if trace.subagents == nil { trace.subagents = 0 }
    }

    mutating func addModel(_ name: String?) {
        guard let name, !name.isEmpty, name != "<synthetic>" else { return }
        models.insert(name)
    }

    mutating func addTime(_ ms: Int64?) {
        if let ms, !repeatedRecord { eventTimes.append(ms) }
    }

    /// Keeps the first non-empty working directory.
    mutating func noteDirectory(_ path: String?) {
        if workingDirectory == nil, let path, !path.isEmpty { workingDirectory = LogText.portablePath(path) }
    }

    /// Keeps the first non-empty repository URL or `owner/name` the log records.
    mutating func noteRepository(_ url: String?) {
        if repositoryURL == nil, let url, !url.isEmpty { repositoryURL = Repository.withoutCredentials(url) }
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
        delta.workflow = trace.workflow(prompts: prompts)
        delta.workflowEditSeen = trace.promptsAtFirstEdit != nil || (!trace.ordered && !filesEdited.isEmpty)
        delta.workflowPromptsBeforeEdit = trace.ordered ? min(trace.promptsAtFirstEdit ?? prompts, prompts) : nil
        delta.workflowModeShown = trace.promptsAtFirstEdit == nil ? trace.modeShown : nil
        delta.records = records
        return delta
    }
}

/// The ways-of-working facts of one session as its log is read (`SessionWorkflow` once built).
struct WorkflowTrace: Equatable {
    /// How many prompts had been read when the first file edit came; nil: no edit yet.
    var promptsAtFirstEdit: Int?
    var firstPromptAsksApproach = false
    /// What showed a plan before the first edit.
    var plan: String?
    /// The mode field or plan tool the log records, seen before the first edit (what makes code-first tellable).
    var modeShown: String?
    var subagents: Int?
    /// Whether the reader knows when edits happened relative to prompts (false: corrections are unknown).
    var ordered = true

    /// The facts: plan-first on a plan before the first edit, or on a first prompt asking for an approach
    /// with no edit before the next prompt; code-first only when the log shows the mode and an edit came
    /// without a plan; else unknown.
    func workflow(prompts: Int) -> SessionWorkflow {
        var workflow = SessionWorkflow(subagents: subagents)
        if ordered {
            let edit = promptsAtFirstEdit ?? prompts
            workflow.correctionsBeforeEdit = max(0, min(edit, prompts) - 1)
            workflow.correctionsAfterEdit = promptsAtFirstEdit == nil ? 0 : max(0, prompts - max(edit, 1))
        }
        if let plan {
            workflow.start = .planFirst
            workflow.startEvidence = plan
        } else if ordered, firstPromptAsksApproach, (promptsAtFirstEdit ?? Int.max) >= 2 {
            workflow.start = .planFirst
            workflow.startEvidence = "first prompt asks for an approach"
        } else if ordered, promptsAtFirstEdit != nil, let modeShown {
            workflow.start = .codeFirst
            workflow.startEvidence = modeShown + ", no plan before the first edit"
        }
        return workflow
    }
}
