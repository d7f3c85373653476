import Model
import Support

extension WorkTask {
    /// The task's stored detail: what its row's columns do not hold (`TaskStore.wholeColumns`), as the
    /// bytes `JSONEncoder` with `.sortedKeys` writes for its `StoredTaskDetail`, written directly (a
    /// tenth of the encoder's time, and encoding was most of a task build's CPU). Nil when a figure is
    /// not a finite number, where the encoder throws. `TaskDetailTests` holds the two equal, and a
    /// task equal to itself through the store, so a field added to `WorkTask` and to neither the
    /// columns nor here fails a test; keys are in byte order.
    package var storedDetail: String? {
        var json = JSONWriter(capacity: 384 + commits.count * 256)
        json.openObject()
        if let aiLabel { json.key("aiLabel"); json.bool(aiLabel) }
        json.key("aiReasons"); json.strings(aiReasons)
        json.key("aiTools"); json.strings(aiTools)
        if let changeRequests { json.key("changeRequests"); json.integer(changeRequests) }
        if let classificationNote { json.key("classificationNote"); json.string(classificationNote) }
        json.key("commits")
        json.openArray()
        for commit in commits {
            json.openObject()
            json.key("aiTools"); json.strings(commit.aiTools)
            json.key("authorTime"); json.integer(commit.authorTime)
            json.key("effortHours"); json.number(commit.effortHours)
            json.key("effortReason"); json.string(commit.effortReason)
            json.key("hash"); json.string(commit.hash)
            json.key("linesAdded"); json.integer(commit.linesAdded)
            json.key("linesDeleted"); json.integer(commit.linesDeleted)
            json.key("reason"); json.string(commit.reason)
            if let rework = commit.rework { json.key("rework"); json.string(rework) }
            json.key("subject"); json.string(commit.subject)
            json.closeObject()
        }
        json.closeArray()
        json.key("cycleHours"); json.number(cycleHours)
        if let estimateHours { json.key("estimateHours"); json.number(estimateHours) }
        json.key("evidence")
        json.openArray()
        for signal in evidence {
            json.openObject()
            json.key("category"); json.string(signal.category.rawValue)
            json.key("detail"); json.string(signal.detail)
            json.key("family"); json.string(signal.family)
            json.key("weight"); json.number(signal.weight)
            json.closeObject()
        }
        json.closeArray()
        json.key("firstCommitTime"); json.integer(firstCommitTime)
        json.key("kind"); json.string(kind.rawValue)
        json.key("lastCommitTime"); json.integer(lastCommitTime)
        if let reviewComments { json.key("reviewComments"); json.integer(reviewComments) }
        json.key("sessions")
        json.openArray()
        for session in sessions {
            json.openObject()
            json.key("activeSeconds"); json.integer(session.activeSeconds)
            json.key("evidence"); json.string(session.evidence.rawValue)
            json.key("id"); json.string(session.id)
            json.key("reason"); json.string(session.reason)
            json.key("tool"); json.string(session.tool)
            json.closeObject()
        }
        json.closeArray()
        json.key("title"); json.string(title)
        if let weakLinksOnly { json.key("weakLinksOnly"); json.bool(weakLinksOnly) }
        json.closeObject()
        // The columns' figures too: a column cannot hold what JSON cannot.
        let columnsFinite = confidence.isFinite && effortHours.isFinite && reworkHours.isFinite
            && (firstReviewWaitHours?.isFinite ?? true) && (mergeWaitHours?.isFinite ?? true) && (reviewerHours?.isFinite ?? true)
        return json.invalid || !columnsFinite ? nil : json.text
    }
}

extension JSONWriter {
    fileprivate mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}

/// A task's stored detail, decoded: the fields of `WorkTask` that its row's columns do not hold.
/// (A detail stored by an earlier build holds every field: the columns are read all the same.)
package struct StoredTaskDetail: Codable, Equatable {
    var aiLabel: Bool?
    var aiReasons: [String]
    var aiTools: [String]
    var changeRequests: Int?
    var classificationNote: String?
    var commits: [WorkTask.TaskCommit]
    var cycleHours: Double
    var estimateHours: Double?
    var evidence: [Evidence]
    var firstCommitTime: Int64
    var kind: WorkTask.Kind
    var lastCommitTime: Int64
    var reviewComments: Int?
    var sessions: [WorkTask.TaskSession]
    var title: String
    var weakLinksOnly: Bool?

    package init(_ task: WorkTask) {
        aiLabel = task.aiLabel
        aiReasons = task.aiReasons
        aiTools = task.aiTools
        changeRequests = task.changeRequests
        classificationNote = task.classificationNote
        commits = task.commits
        cycleHours = task.cycleHours
        estimateHours = task.estimateHours
        evidence = task.evidence
        firstCommitTime = task.firstCommitTime
        kind = task.kind
        lastCommitTime = task.lastCommitTime
        reviewComments = task.reviewComments
        sessions = task.sessions
        title = task.title
        weakLinksOnly = task.weakLinksOnly
    }
}

