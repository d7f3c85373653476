import Model

/// Links sessions to one repository's tasks (METHOD.md, AI attribution): a session
/// that names a task's commit; one that edited a file the task touches, with an
/// event from the lead time before the first commit to the last; or, when its log
/// has no file edits, one whose active time overlaps the shorter window before the
/// first commit up to the last. Never across branches where both are known, and, when
/// the session ran in a user folder that names one of the repository's authors
/// (`/home/alice/…`), or names commits of one author only, only to tasks that author worked on.
struct SessionLinker {
    private let tasks: [WorkTask]
    private let settings: Settings
    private var tasksByFile: [String: [Int]] = [:]
    private var tasksByHashPrefix: [Substring: [(hash: String, task: Int)]] = [:]
    /// Branches some task was merged from: a session on one of them works on those tasks only.
    private var taskBranches: Set<String> = []
    /// Each task's authors (identities), and each identity's words (email local part, name).
    private var taskAuthors: [Set<String>] = []
    private var identityWords: [String: Set<String>] = [:]
    /// Each non-merge commit's author identity, by full hash.
    private var commitAuthors: [String: String] = [:]

    static let prefixLength = 7

    init(
        tasks: [WorkTask], commits: [Commit], groups: [CommitGroup], settings: Settings,
        identity: (Commit) -> String
    ) {
        self.tasks = tasks
        self.settings = settings
        taskBranches = Set(tasks.compactMap(\.branch))
        for (taskIndex, group) in groups.enumerated() {
            var files: Set<String> = []
            var authors: Set<String> = []
            for index in group.members {
                let commit = commits[index]
                if !commit.isMerge {
                    let who = identity(commit)
                    authors.insert(who)
                    commitAuthors[commit.hash] = who
                    if identityWords[who] == nil {
                        identityWords[who] = SessionOwners.words(email: commit.authorEmail, name: commit.authorName)
                    }
                }
                tasksByHashPrefix[commit.hash.prefix(Self.prefixLength), default: []].append((commit.hash, taskIndex))
                if !commit.isMerge { files.formUnion(commit.files.map(\.path)) }
            }
            for file in files { tasksByFile[file, default: []].append(taskIndex) }
            taskAuthors.append(authors)
        }
    }

    /// The identity the session belongs to: what its export said, when that is an author of
    /// this repository; else the author its user folder names; else the one author of the
    /// commits it names (an aider history in a checkout outside any user folder).
    func owner(of session: SessionActivity) -> String? {
        if let owner = session.owner, identityWords[owner] != nil { return owner }
        if let owner = SessionOwners.owner(workingDirectory: session.workingDirectory, identities: identityWords) {
            return owner
        }
        var authors: Set<String> = []
        for reference in session.commits where reference.count >= Self.prefixLength {
            for entry in tasksByHashPrefix[reference.prefix(Self.prefixLength)] ?? [] where entry.hash.hasPrefix(reference) {
                if let author = commitAuthors[entry.hash] { authors.insert(author) }
            }
        }
        return authors.count == 1 ? authors.first : nil
    }

    /// The tasks a session links to, with the reason for each, by task index.
    func links(for session: SessionActivity) -> [(task: Int, reason: String)] {
        var result: [Int: String] = [:]
        for reference in session.commits where reference.count >= Self.prefixLength {
            for entry in tasksByHashPrefix[reference.prefix(Self.prefixLength)] ?? [] where entry.hash.hasPrefix(reference) {
                if sameBranch(session, tasks[entry.task]), result[entry.task] == nil {
                    result[entry.task] = "the session names commit \(entry.hash.prefix(10))"
                }
            }
        }
        guard !session.eventTimes.isEmpty else { return result.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
        let owner = owner(of: session)
        func eligible(_ index: Int) -> Bool {
            guard result[index] == nil, sameBranch(session, tasks[index]) else { return false }
            return owner.map { taskAuthors[index].contains($0) } ?? true
        }
        if session.filesEdited.isEmpty {
            let before = Int64(settings.sessionOverlapHours * 3_600_000)
            for (index, task) in tasks.enumerated() where eligible(index) {
                let from = task.firstCommitTime * 1000 - before
                let to = task.lastCommitTime * 1000
                if activeOverlap(session.eventTimes, from: from, to: to) {
                    result[index] = "no file edits in its log; active from \(Self.hours(before)) before the first commit to the last"
                }
            }
        } else {
            let before = Int64(settings.sessionLeadHours * 3_600_000)
            for file in session.filesEdited.sorted() {
                for index in tasksByFile[file] ?? [] where eligible(index) {
                    let task = tasks[index]
                    if hasEvent(session.eventTimes, from: task.firstCommitTime * 1000 - before, to: task.lastCommitTime * 1000) {
                        result[index] = "edited \(file), with an event within \(Self.hours(before)) before the first commit up to the last"
                    }
                }
            }
        }
        return result.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Never across branches where both are known; and a session on a branch some task was
    /// merged from works on that branch's tasks only.
    private func sameBranch(_ session: SessionActivity, _ task: WorkTask) -> Bool {
        guard let sessionBranch = session.branch else { return true }
        guard let taskBranch = task.branch else { return !taskBranches.contains(sessionBranch) }
        return sessionBranch == taskBranch
    }

    /// Whether a sorted list of times has one in `from...to`.
    private func hasEvent(_ times: [Int64], from: Int64, to: Int64) -> Bool {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] < from { low = middle + 1 } else { high = middle }
        }
        return low < times.count && times[low] <= to
    }

    /// Whether active time (events, and gaps up to the idle cap between them) touches `from...to`.
    private func activeOverlap(_ times: [Int64], from: Int64, to: Int64) -> Bool {
        if hasEvent(times, from: from, to: to) { return true }
        let cap = Int64(settings.idleCapMinutes * 60_000)
        for (earlier, later) in zip(times, times.dropFirst()) where later - earlier <= cap && earlier < from && later > to {
            return true
        }
        return false
    }

    private static func hours(_ milliseconds: Int64) -> String { Grouping.hours(Double(milliseconds) / 3_600_000) }
}
