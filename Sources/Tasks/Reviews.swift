import Foundation
import Model

/// Time-log hours by task key: work hours (effort), review hours, estimates.
package struct TimeLogIndex {
    var work: [String: Double] = [:]
    var review: [String: Double] = [:]
    var estimate: [String: Double] = [:]
    /// The issue trackers the log's keys belong to (`SHOP`), for reading a key out of a branch.
    var projects: Set<String> = []

    init(_ entries: [TimeEntry]) {
        for entry in entries {
            let key = Self.normalized(entry.task)
            if let project = IssueKeys.project(of: key) { projects.insert(project) }
            switch entry.activity {
            case .work: work[key, default: 0] += entry.hours
            case .review: review[key, default: 0] += entry.hours
            }
            // A task's estimate is often repeated on each of its rows: keep it once (the largest).
            if let hours = entry.estimateHours { estimate[key] = max(estimate[key] ?? 0, hours) }
        }
        // Work rows that come to no hours say nothing of the effort: the git estimate stays (0 h
        // would take the task out of every ratio).
        work = work.filter { $0.value > 0 }
    }

    /// The key a task's time-log rows carry: its own, else, for a task whose own key no row names
    /// (a squash-merged pull request's `PR #N`), the issue key its branch names (`feat/SHOP-41-…`)
    /// when no task has that key of its own.
    func key(task key: String, branch: String?, ownKeys: Set<String>) -> String {
        let own = Self.normalized(key)
        guard work[own] == nil, review[own] == nil, estimate[own] == nil, let branch else { return own }
        guard let named = IssueKeys.inBranch(branch, knownProjects: projects).map(Self.normalized), !ownKeys.contains(named)
        else { return own }
        return named
    }

    /// The task names of `entries` (as the log writes them) that no task answers to (`key(task:branch:ownKeys:)`:
    /// its key, or the issue key of its branch).
    package static func unmatched(_ entries: [TimeEntry], tasks: [(key: String, branch: String?, pullRequest: Int?)]) -> [String] {
        let index = TimeLogIndex(entries)
        let ownKeys = Set(tasks.map { normalized($0.key) })
        var known = ownKeys
        for task in tasks {
            known.insert(index.key(task: task.key, branch: task.branch, ownKeys: ownKeys))
            // `PR #N` names the task its pull request merged, whatever the task's key.
            if let number = task.pullRequest { known.insert("#\(number)") }
        }
        var seen: Set<String> = []
        return entries.map(\.task).filter { !known.contains(normalized($0)) && seen.insert(normalized($0)).inserted }
    }

    /// Whether the log has no rows: then no task takes hours, a review or an estimate from it.
    var isEmpty: Bool { work.isEmpty && review.isEmpty && estimate.isEmpty }

    /// `PR #12`, `pr #12` and `#12` are one key; issue keys ignore case.
    static func normalized(_ key: String) -> String {
        var text = asciiNormalized(key) ?? key.trimmingCharacters(in: .whitespaces).uppercased()
        if text.hasPrefix("PR #") { text.removeFirst(3) }
        return text
    }

    /// `key` trimmed of spaces and tabs and in upper case, for a key of ASCII bytes only (nearly
    /// all of them; every task's key is normalized several times a build): what Foundation's
    /// trimming and `uppercased()` give for such a key, without them. Nil for any other key.
    private static func asciiNormalized(_ key: String) -> String? {
        var utf8 = key.utf8[...]
        guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        return String(decoding: utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}

/// Joins pull requests to tasks (by number, then head branch, then shared commits)
/// and time-log review hours and estimates by key (METHOD.md, Review overhead).
enum Reviews {
    /// Whether a pull request found by number can be the task's: not when the export names
    /// another head branch than the task's merge and none of the task's commits (an export of
    /// another repository, whose numbers repeat this one's).
    static func agrees(_ pullRequest: PullRequest, with task: WorkTask) -> Bool {
        guard let head = pullRequest.headBranch, let branch = task.branch, head != branch else { return true }
        return task.commits.contains { pullRequest.commits.contains($0.hash) }
    }

    /// Whether a pull request found by a squash commit's number, `(#N)`, can be the one it
    /// squashed: its title is the subject's (GitHub, Bitbucket and Azure DevOps write the title
    /// there), or it was merged within the hour of the commit (a squash is committed at its merge;
    /// an edited message keeps the time). An export of another repository, whose numbers repeat
    /// this one's, agrees in neither.
    static func agreesWithSquash(_ pullRequest: PullRequest, subject: String, committed: Int64) -> Bool {
        if let merged = pullRequest.merged, abs(merged - committed) <= 3600 { return true }
        return squashTitle(subject) == squashTitle(pullRequest.title)
    }

    /// A subject or title without its pull-request number, in lower case with single spaces:
    /// `Add X (#12)`, `Merged PR 12: Add X` and `Add X` are all `add x`.
    static func squashTitle(_ text: String) -> String {
        var text = Substring(text.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("Merged PR "), let colon = text.firstIndex(of: ":") {
            text = text[text.index(after: colon)...]
        }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), text[open...].contains("#") {
            text = text[..<open]
        }
        return text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func attach(_ pullRequests: [PullRequest], timeLog: TimeLogIndex, to tasks: inout [WorkTask]) {
        let byNumber = Dictionary(pullRequests.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var byBranch: [String: [PullRequest]] = [:]
        var byCommit: [String: Int] = [:]
        // A pull request merged by "Rebase and merge" has new commit hashes: its commits are known
        // by author time and subject, which a rebase keeps.
        var byAuthored: [String: Int] = [:]
        for pullRequest in pullRequests {
            if let branch = pullRequest.headBranch { byBranch[branch, default: []].append(pullRequest) }
            for hash in pullRequest.commits { byCommit[hash] = pullRequest.number }
            for (time, subject) in zip(pullRequest.commitTimes ?? [], pullRequest.commitHeadlines ?? []) where !subject.isEmpty {
                byAuthored["\(time)\u{1F}\(subject)"] = pullRequest.number
            }
        }
        guard !pullRequests.isEmpty || !timeLog.isEmpty else { return }
        let ownKeys = timeLog.isEmpty ? [] : Set(tasks.map { TimeLogIndex.normalized($0.key) })
        for index in tasks.indices {
            if !timeLog.isEmpty {
                let key = timeLog.key(task: tasks[index].key, branch: tasks[index].branch, ownKeys: ownKeys)
                tasks[index].reviewerHours = timeLog.review[key]
                tasks[index].estimateHours = timeLog.estimate[key]
            }
            var match: PullRequest?
            if tasks[index].key.hasPrefix("PR #"), let number = Int(tasks[index].key.dropFirst(4)),
                let found = byNumber[number], Self.agrees(found, with: tasks[index])
            {
                match = found
            }
            if match == nil, let branch = tasks[index].branch, let candidates = byBranch[branch], candidates.count == 1 {
                match = candidates[0]
            }
            if match == nil {
                var votes: [Int: Int] = [:]
                for commit in tasks[index].commits { if let number = byCommit[commit.hash] { votes[number, default: 0] += 1 } }
                if let best = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { match = byNumber[best.key] }
            }
            if match == nil, !byAuthored.isEmpty {
                var votes: [Int: Int] = [:]
                for commit in tasks[index].commits {
                    if let number = byAuthored["\(commit.authorTime)\u{1F}\(commit.subject)"] { votes[number, default: 0] += 1 }
                }
                if let best = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) { match = byNumber[best.key] }
            }
            guard let pullRequest = match else { continue }
            tasks[index].pullRequest = pullRequest.number
            // A time log may name the task by its pull request (`PR #202`) rather than its key (`SHOP-202`).
            if !timeLog.isEmpty, !ownKeys.contains("#\(pullRequest.number)") {
                let number = "#\(pullRequest.number)"
                if tasks[index].effortSource == "git", let hours = timeLog.work[number] {
                    tasks[index].reworkHours = TaskBuilder.loggedRework(
                        tasks[index].reworkHours, gitHours: tasks[index].effortHours, logged: hours)
                    tasks[index].effortHours = hours
                    tasks[index].effortSource = "time log"
                }
                if tasks[index].reviewerHours == nil, let hours = timeLog.review[number] { tasks[index].reviewerHours = hours }
                if tasks[index].estimateHours == nil, let hours = timeLog.estimate[number] { tasks[index].estimateHours = hours }
            }
            tasks[index].reviewRounds = pullRequest.reviewRounds
            tasks[index].changeRequests = pullRequest.changeRequests
            tasks[index].reviewComments = pullRequest.reviewComments
            // A wait that would end before the pull request was opened cannot happen (a wrong clock,
            // an edited export): no wait, rather than a negative one in the medians.
            tasks[index].firstReviewWaitHours = pullRequest.firstReview.flatMap { $0 >= pullRequest.created ? Double($0 - pullRequest.created) / 3600 : nil }
            tasks[index].mergeWaitHours = pullRequest.merged.flatMap { $0 >= pullRequest.created ? Double($0 - pullRequest.created) / 3600 : nil }
            if let merged = pullRequest.merged, merged > tasks[index].end {
                tasks[index].end = merged
                tasks[index].cycleHours = Double(merged - tasks[index].start) / 3600
            }
        }
    }
}
