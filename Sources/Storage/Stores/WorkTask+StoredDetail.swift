import Model
import Support

extension WorkTask {
    /// The task as its stored detail: the bytes `JSONEncoder` with `.sortedKeys` writes for it, written
    /// directly (a tenth of the encoder's time, and encoding was most of a task build's CPU). Nil when a
    /// figure is not a finite number, where the encoder throws. `TaskDetailTests` holds the two equal,
    /// so a field added to `WorkTask` and not here fails a test; keys are in byte order.
    package var storedDetail: String? {
        var json = JSONWriter(capacity: 768 + commits.count * 256)
        json.openObject()
        json.key("activeSeconds"); json.integer(activeSeconds)
        json.key("ai"); json.bool(ai)
        if let aiLabel { json.key("aiLabel"); json.bool(aiLabel) }
        json.key("aiLinesAdded"); json.integer(aiLinesAdded)
        json.key("aiReasons"); json.strings(aiReasons)
        json.key("aiTools"); json.strings(aiTools)
        json.key("author"); json.string(author)
        json.key("bot"); json.bool(bot)
        if let branch { json.key("branch"); json.string(branch) }
        json.key("category"); json.string(category.rawValue)
        if let changeRequests { json.key("changeRequests"); json.integer(changeRequests) }
        json.key("churnedLines"); json.integer(churnedLines)
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
        json.key("confidence"); json.number(confidence)
        json.key("cycleHours"); json.number(cycleHours)
        json.key("effortHours"); json.number(effortHours)
        json.key("effortSource"); json.string(effortSource)
        json.key("end"); json.integer(end)
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
        json.key("filesTouched"); json.integer(filesTouched)
        json.key("firstCommitTime"); json.integer(firstCommitTime)
        if let firstReviewWaitHours { json.key("firstReviewWaitHours"); json.number(firstReviewWaitHours) }
        json.key("id"); json.string(id)
        json.key("key"); json.string(key)
        json.key("kind"); json.string(kind.rawValue)
        json.key("labelled"); json.bool(labelled)
        json.key("lastCommitTime"); json.integer(lastCommitTime)
        json.key("linesAdded"); json.integer(linesAdded)
        json.key("linesDeleted"); json.integer(linesDeleted)
        if let mergeWaitHours { json.key("mergeWaitHours"); json.number(mergeWaitHours) }
        if let pullRequest { json.key("pullRequest"); json.integer(pullRequest) }
        json.key("repository"); json.string(repository)
        if let reviewComments { json.key("reviewComments"); json.integer(reviewComments) }
        if let reviewRounds { json.key("reviewRounds"); json.integer(reviewRounds) }
        if let reviewerHours { json.key("reviewerHours"); json.number(reviewerHours) }
        json.key("reworkHours"); json.number(reworkHours)
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
        json.key("start"); json.integer(start)
        json.key("title"); json.string(title)
        if let weakLinksOnly { json.key("weakLinksOnly"); json.bool(weakLinksOnly) }
        json.closeObject()
        return json.invalid ? nil : json.text
    }
}

extension JSONWriter {
    fileprivate mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}
