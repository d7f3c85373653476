import Foundation
import Model

/// Time-log hours by task key: work hours (effort), review hours, estimates.
package struct TimeLogIndex {
    var work: [String: Double] = [:]
    var review: [String: Double] = [:]
    var estimate: [String: Double] = [:]
    /// The issue trackers the log's keys belong to (`SHOP`), for reading a key out of a branch.
    var projects: Set<String> = []
    /// The rows of each pull request's key (`#7`; `web#7` is filed under `#7` too, with its
    /// repository), for sharing them among several repositories' pull requests #7 by date.
    var pullRequestRows: [String: [PullRequestRow]] = [:]

    /// One row naming a pull request, as `TaskBuilder.shareTimeLog` needs it.
    struct PullRequestRow {
        /// The row's date, as seconds at midnight UTC.
        var day: Int64
        var hours: Double
        var activity: TimeEntry.Activity
        var estimate: EstimateCandidate?
        /// The repository `web#7` names (its folder name in upper case); nil for `#7`.
        var repository: String?
    }

    /// A row's estimate, with what ranks it (METHOD.md, Effort: work rows before review rows, then
    /// the earliest date, then the first in order).
    struct EstimateCandidate {
        var work: Bool
        var date: String
        var hours: Double

        func precedes(_ other: EstimateCandidate) -> Bool { (work ? 0 : 1, date) < (other.work ? 0 : 1, other.date) }
    }

    init(_ entries: [TimeEntry]) {
        var candidates: [String: EstimateCandidate] = [:]
        for entry in entries {
            var key = Self.normalized(entry.task)
            var repository: String?
            if let qualified = TimeEntry.qualifiedPullRequest(key) {
                key = "#\(qualified.number)"
                repository = qualified.repository
            }
            if let project = IssueKeys.project(of: key) { projects.insert(project) }
            switch entry.activity {
            case .work: work[key, default: 0] += entry.hours
            case .review: review[key, default: 0] += entry.hours
            }
            let candidate = entry.estimateHours.map { EstimateCandidate(work: entry.activity == .work, date: entry.date, hours: $0) }
            // A task's estimate is often repeated on each of its rows; where they differ, the
            // estimate made before the work (the earliest work row's) is the one a forecast is
            // checked against: later ones were revised with the work in view, and a reviewer's
            // row is no estimate of the work.
            if let candidate, candidates[key].map({ candidate.precedes($0) }) ?? true { candidates[key] = candidate }
            if key.hasPrefix("#"), let day = Self.day(entry.date) {
                pullRequestRows[key, default: []].append(
                    PullRequestRow(day: day, hours: entry.hours, activity: entry.activity, estimate: candidate, repository: repository))
            }
        }
        estimate = candidates.mapValues(\.hours)
        // Work rows that come to no hours say nothing of the effort: the git estimate stays (0 h
        // would take the task out of every ratio).
        work = work.filter { $0.value > 0 }
    }

    /// The estimate of rows' candidates by the rule of `init` (nil when none has one).
    static func estimate(of candidates: [EstimateCandidate]) -> Double? {
        var best: EstimateCandidate?
        for candidate in candidates where best.map({ candidate.precedes($0) }) ?? true { best = candidate }
        return best?.hours
    }

    /// The tasks whose rows give different estimates, each with its estimates (in row order, each
    /// once) and the one used (`init`'s rule), by task name as the first row writes it.
    package static func estimateConflicts(_ entries: [TimeEntry]) -> [(task: String, values: [Double], used: Double)] {
        var names: [String: String] = [:]
        var values: [String: [Double]] = [:]
        var order: [String] = []
        for entry in entries {
            guard let hours = entry.estimateHours else { continue }
            var key = normalized(entry.task)
            if let qualified = TimeEntry.qualifiedPullRequest(key) { key = "#\(qualified.number)" }
            if names[key] == nil {
                names[key] = entry.task
                order.append(key)
            }
            if !(values[key] ?? []).contains(hours) { values[key, default: []].append(hours) }
        }
        let index = TimeLogIndex(entries)
        return order.compactMap { key in
            guard let found = values[key], found.count > 1, let used = index.estimate[key], let name = names[key] else { return nil }
            return (name, found, used)
        }
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

    /// A task as `unmatched` and `ambiguousPullRequests` see it: its key, branch, pull request,
    /// repository (root path) and span.
    package struct TaskName {
        package var key: String
        package var branch: String?
        package var pullRequest: Int?
        package var repository: String
        package var start: Int64
        package var end: Int64

        package init(key: String, branch: String?, pullRequest: Int?, repository: String = "", start: Int64 = 0, end: Int64 = 0) {
            self.key = key
            self.branch = branch
            self.pullRequest = pullRequest
            self.repository = repository
            self.start = start
            self.end = end
        }

        /// The pull request the task answers to by number: its own (`PR #7`) or the one that merged it.
        var pullRequestKey: String? {
            if let pullRequest { return "#\(pullRequest)" }
            let own = TimeLogIndex.normalized(key)
            return own.hasPrefix("#") ? own : nil
        }
    }

    /// The task names of `entries` (as the log writes them) that no task answers to (`key(task:branch:ownKeys:)`:
    /// its key, or the issue key of its branch).
    package static func unmatched(_ entries: [TimeEntry], tasks: [(key: String, branch: String?, pullRequest: Int?)]) -> [String] {
        unmatched(entries, tasks: tasks.map { TaskName(key: $0.key, branch: $0.branch, pullRequest: $0.pullRequest) })
    }

    /// The task names of `entries` (as the log writes them) that no task answers to (`key(task:branch:ownKeys:)`:
    /// its key, or the issue key of its branch; `PR #N` or `repo#N`, its pull request).
    package static func unmatched(_ entries: [TimeEntry], tasks: [TaskName]) -> [String] {
        let index = TimeLogIndex(entries)
        let ownKeys = Set(tasks.map { normalized($0.key) })
        var known = ownKeys
        for task in tasks {
            known.insert(index.key(task: task.key, branch: task.branch, ownKeys: ownKeys))
            // `PR #N` names the task its pull request merged, whatever the task's key.
            if let number = task.pullRequestKey {
                known.insert(number)
                known.insert(repositoryName(task.repository) + number)
            }
        }
        var seen: Set<String> = []
        return entries.map(\.task).filter { !known.contains(normalized($0)) && seen.insert(normalized($0)).inserted }
    }

    /// The pull-request names of `entries` (`PR #7`, not `web#7`) that name pull requests of several
    /// repositories on some row's date (`TaskBuilder.shareTimeLog`), each with those repositories'
    /// folder names, sorted: their hours are shared between them.
    package static func ambiguousPullRequests(_ entries: [TimeEntry], tasks: [TaskName]) -> [(task: String, repositories: [String])] {
        var byNumber: [String: [TaskName]] = [:]
        for task in tasks { if let number = task.pullRequestKey { byNumber[number, default: []].append(task) } }
        var found: [(task: String, repositories: [String])] = []
        var seen: Set<String> = []
        for entry in entries {
            let key = normalized(entry.task)
            guard key.hasPrefix("#"), !seen.contains(key), let holders = byNumber[key], let day = day(entry.date) else { continue }
            let dated = holders.filter { window($0.start, $0.end).contains(day) }
            let repositories = Set((dated.isEmpty ? holders : dated).map { repositoryName($0.repository).lowercased() })
            if repositories.count > 1 {
                seen.insert(key)
                found.append((entry.task, repositories.sorted()))
            }
        }
        return found
    }

    /// The days a `PR #N` row may be dated to go to a task (METHOD.md, Effort): from the day before
    /// the task began (its first commit or session: a day for time zones) to a week after it ended
    /// (its merge: a timesheet filled in at the week's end), as seconds at midnight UTC.
    static func window(_ start: Int64, _ end: Int64) -> ClosedRange<Int64> {
        let day: Int64 = 86_400
        let first = (start >= 0 ? start / day : (start - day + 1) / day) * day - day
        let last = (end >= 0 ? end / day : (end - day + 1) / day) * day + 7 * day
        return first...max(first, last)
    }

    /// A repository's folder name in upper case, as `web#7` names it.
    static func repositoryName(_ root: String) -> String {
        (root as NSString).lastPathComponent.uppercased()
    }

    /// `2026-11-16` as seconds at its midnight UTC (the time log checked the date).
    static func day(_ date: String) -> Int64? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let year = Int64(parts[0]), let month = Int64(parts[1]), let dayOfMonth = Int64(parts[2]) else { return nil }
        // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + dayOfMonth - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * 86_400
    }

    /// Whether the log has no rows: then no task takes hours, a review or an estimate from it.
    var isEmpty: Bool { work.isEmpty && review.isEmpty && estimate.isEmpty }

    /// `PR #12`, `pr #12`, `PR#12`, `PR 12`, `!12` and `#12` are one key; issue keys ignore case
    /// (`TimeEntry.taskKey`).
    static func normalized(_ key: String) -> String { TimeEntry.taskKey(key) }
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
