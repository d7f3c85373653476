import Model

/// Links sessions to one repository's tasks (METHOD.md, AI attribution), ranking the evidence:
/// a named commit, then a named key, then a file only that task touched in the window, then,
/// for a session whose owner is known, time overlap (weak). Never across branches where both
/// are known, and, when the session ran in a user folder that names one of the repository's
/// authors (`/home/alice/…`), or names commits of one author only, only to tasks that author worked on.
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
    /// Tasks by the key a session may name: `ABC-12`, `#12` (also for `PR #12`), and the key
    /// in the branch a task was merged from.
    private var tasksByKey: [String: [Int]] = [:]
    /// Each task's keys (its own, and its merge branch's).
    private var keysOfTask: [Set<String>] = []
    /// Tasks by the branch they were merged from (a merge, or a squashed pull request's head).
    private var tasksByBranch: [String: [Int]] = [:]
    private var knownProjects: Set<String> = []
    /// Where each task's work ends (its last commit; a squashed pull request's last own commit).
    private var workEnds: [Int64] = []
    /// Files so many tasks touch (a schema, a lock file, a routes file) that editing one tells little.
    private var commonFiles: Set<String> = []

    static let prefixLength = 7

    /// - Parameter squashedCommits: by task index, the commits a squash merge folded (from a
    ///   pull-request export): a session that names one of them names the task.
    init(
        tasks: [WorkTask], commits: [Commit], groups: [CommitGroup], settings: Settings,
        squashedCommits: [Int: [String]] = [:], workEnds: [Int: Int64] = [:], identity: (Commit) -> String
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
            for hash in squashedCommits[taskIndex] ?? [] where hash.count >= Self.prefixLength {
                tasksByHashPrefix[hash.prefix(Self.prefixLength), default: []].append((hash, taskIndex))
            }
            for file in files { tasksByFile[file, default: []].append(taskIndex) }
            taskAuthors.append(authors)
        }
        knownProjects = Set(tasks.compactMap { IssueKeys.project(of: $0.key) })
        self.workEnds = tasks.indices.map { workEnds[$0] ?? tasks[$0].lastCommitTime }
        let common = max(5, tasks.count / 20)
        commonFiles = Set(tasksByFile.filter { $0.value.count >= common }.keys)
        for (index, task) in tasks.enumerated() {
            var keys: Set<String> = [task.key.hasPrefix("PR #") ? String(task.key.dropFirst(3)) : task.key]
            if let branch = task.branch {
                tasksByBranch[branch, default: []].append(index)
                if let key = IssueKeys.inBranch(branch, knownProjects: knownProjects) { keys.insert(key) }
            }
            for key in keys.sorted() where key.hasPrefix("#") || IssueKeys.project(of: key) != nil {
                tasksByKey[key, default: []].append(index)
            }
            keysOfTask.append(keys)
        }
    }

    /// The identity the session belongs to: what its export said, when that is an author of
    /// this repository; else the author its user folder names; else the one author of the
    /// commits it names (an aider history in a checkout outside any user folder).
    func owner(of session: SessionActivity) -> String? {
        if let owner = session.owner, identityWords[owner] != nil { return owner }
        if let owner = SessionOwners.owner(
            workingDirectory: session.workingDirectory, source: session.source, identities: identityWords)
        {
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

    /// One link of a session to a task: the task's index, why, and what it rests on.
    struct Link: Equatable {
        var task: Int
        var reason: String
        var evidence: WorkTask.LinkEvidence
    }

    /// The tasks a session links to, strongest evidence first (METHOD.md, AI attribution):
    /// 1. the session names a task's commit;
    /// 2. its branch, else its prompts, name a task's key: then it links to that key's task only
    ///    (a session that edited no file only when it is material to the task, as below);
    /// 3. it edited a file that exactly one eligible task touched in the lead window;
    /// 4. only when its owner is known: time overlap with the owner's tasks (no file edits), or
    ///    a file it edited that several of the owner's tasks touched then. These are weak links.
    /// A file or time link also needs the session to be material to the task: active for at least
    /// `sessionMaterialShare` of its effort (one-timestamp logs exempt; see `material`).
    /// A file several tasks touched at the same time, or one that many tasks touch (schemas, lock
    /// files, a shared module: 5% of the tasks, at least 5), never links on its own while the owner
    /// is unknown. Every link but a named commit needs an event from the lead time before the
    /// task's first commit up to the end of its work: a session after it reviews the work.
    func links(for session: SessionActivity) -> [Link] {
        var result: [Int: Link] = [:]
        for reference in session.commits where reference.count >= Self.prefixLength {
            for entry in tasksByHashPrefix[reference.prefix(Self.prefixLength)] ?? [] where entry.hash.hasPrefix(reference) {
                // Whatever the branches: the session made that commit (the branch its log
                // recorded is where it started; it may have switched since).
                if result[entry.task] == nil {
                    result[entry.task] = Link(
                        task: entry.task, reason: "the session names commit \(entry.hash.prefix(10))", evidence: .commit)
                }
            }
        }
        func sorted() -> [Link] { result.values.sorted { $0.task < $1.task } }
        let owner = owner(of: session)
        let lead = Int64(settings.sessionLeadHours * 3_600_000)
        /// An event from the lead time before the task's first commit up to the end of its work.
        func inWindow(_ index: Int) -> Bool {
            hasEvent(session.eventTimes, from: tasks[index].firstCommitTime * 1000 - lead, to: workEnds[index] * 1000)
        }
        if let keyed = keyedTasks(session, owner: owner) {
            // A session after the work (a review of the branch) names the key but wrote nothing of it;
            // nor did one that edited no file and was not material to the task (a question asked, the
            // code explained, while the author did the task by hand).
            for link in keyed where result[link.task] == nil && inWindow(link.task) {
                guard !session.filesEdited.isEmpty || material(session, link.task) else { continue }
                result[link.task] = link
            }
            return sorted()
        }
        guard !session.eventTimes.isEmpty else { return sorted() }
        // A session whose branch names an issue no task carries (its commits name no key) may
        // still have done an unkeyed task, but not another issue of the same tracker.
        let sessionKey = session.branch.flatMap { IssueKeys.inBranch($0, knownProjects: knownProjects) }
        let sessionProject = sessionKey.flatMap(IssueKeys.project(of:))
        func eligible(_ index: Int) -> Bool {
            guard result[index] == nil, sameBranch(session, tasks[index]) else { return false }
            if let sessionKey, let sessionProject,
                keysOfTask[index].contains(where: { $0 != sessionKey && IssueKeys.project(of: $0) == sessionProject })
            {
                return false
            }
            return owner.map { taskAuthors[index].contains($0) } ?? true
        }
        var shared: [(file: String, tasks: [Int])] = []
        for file in session.filesEdited.sorted() {
            let candidates = (tasksByFile[file] ?? []).filter { eligible($0) && inWindow($0) }
            if candidates.count == 1 && !commonFiles.contains(file) {
                // One task's file, but a session too short to be part of its work (a question asked
                // while the author did the task by hand) is not evidence that AI did it.
                guard material(session, candidates[0]) else { continue }
                result[candidates[0]] = Link(
                    task: candidates[0],
                    reason: "edited \(file), which no other task touched then, with an event within \(Self.hours(lead)) before the first commit up to the last",
                    evidence: .file)
            } else if !candidates.isEmpty {
                shared.append((file, candidates))
            }
        }
        guard result.isEmpty, owner != nil else { return sorted() }
        // Weak evidence, and only for a session whose owner is known (so only the owner's tasks are
        // eligible). Weak evidence names no one task, so it links to one: the candidate with the
        // most of the session's events in its window (the earlier task on a tie), never to all.
        var weak: [Link] = []
        if session.filesEdited.isEmpty {
            let before = Int64(settings.sessionOverlapHours * 3_600_000)
            for (index, task) in tasks.enumerated() where eligible(index) && material(session, index) {
                if activeOverlap(session.eventTimes, from: task.firstCommitTime * 1000 - before, to: task.lastCommitTime * 1000) {
                    weak.append(
                        Link(
                            task: index,
                            reason: "no file edits in its log; its owner's task, active from \(Self.hours(before)) before the first commit to the last (time overlap alone: weak)",
                            evidence: .time))
                }
            }
        } else {
            for entry in shared {
                for index in entry.tasks where !weak.contains(where: { $0.task == index }) && material(session, index) {
                    let others = entry.tasks.count > 1
                        ? "which \(entry.tasks.count) of its owner's tasks touched then" : "a file most tasks touch"
                    weak.append(Link(task: index, reason: "edited \(entry.file), \(others) (weak)", evidence: .time))
                }
            }
        }
        /// The session's events from `before` the task's first commit to the end of its work.
        func events(_ index: Int, before: Int64) -> Int {
            let from = tasks[index].firstCommitTime * 1000 - before
            let to = workEnds[index] * 1000
            return session.eventTimes.reduce(0) { $0 + ($1 >= from && $1 <= to ? 1 : 0) }
        }
        let near = Int64(settings.sessionOverlapHours * 3_600_000)
        func rank(_ index: Int) -> (Int, Int, Int) { (events(index, before: near), events(index, before: lead), -index) }
        if let best = weak.max(by: { rank($0.task) < rank($1.task) }) {
            var link = best
            if weak.count > 1 {
                link.reason += "; the likeliest of \(weak.count) such tasks, with the most of its events from \(Self.hours(near)) before its first commit to its end"
            }
            result[link.task] = link
        }
        return sorted()
    }

    /// The tasks a session's branch (first) or prompts name by key, when they name a task here;
    /// nil when they name none. Prompts naming more than three tasks tell nothing.
    /// A session whose owner is known links by key only to tasks its owner worked on: a session
    /// on a colleague's branch reviews that work rather than writing it.
    private func keyedTasks(_ session: SessionActivity, owner: String?) -> [Link]? {
        func allowed(_ index: Int) -> Bool { owner.map { taskAuthors[index].contains($0) } ?? true }
        if let branch = session.branch, let indices = tasksByBranch[branch] {
            return indices.filter(allowed).map {
                Link(task: $0, reason: "its branch \(branch) is the branch the task was merged from", evidence: .key)
            }
        }
        if let branch = session.branch, let key = IssueKeys.inBranch(branch, knownProjects: knownProjects),
            let indices = tasksByKey[key]
        {
            return indices.filter(allowed).map {
                Link(task: $0, reason: "its branch \(branch) names \(tasks[$0].key)", evidence: .key)
            }
        }
        var named: [Int: String] = [:]
        for key in session.promptKeys {
            for index in tasksByKey[key] ?? [] where named[index] == nil { named[index] = key }
        }
        guard !named.isEmpty, named.count <= 3 else { return nil }
        return named.keys.sorted().filter(allowed).map {
            Link(task: $0, reason: "its prompts name \(named[$0] ?? tasks[$0].key)", evidence: .key)
        }
    }

    /// Whether a session is materially part of a task, as a link resting on a file or on time
    /// alone needs (METHOD.md, AI attribution): its active time is at least `sessionMaterialShare`
    /// of the task's effort. A log with one timestamp (aider's history gives each session's start
    /// only) cannot show active time and is not held to it; neither is a task without effort.
    private func material(_ session: SessionActivity, _ index: Int) -> Bool {
        guard let first = session.eventTimes.first, session.eventTimes.contains(where: { $0 != first }) else { return true }
        let effortSeconds = tasks[index].effortHours * 3600
        guard effortSeconds > 0 else { return true }
        let active = ActiveTime.seconds(session.eventTimes, idleCapMs: Int64(settings.idleCapMinutes * 60_000))
        return Double(active) >= settings.sessionMaterialShare * effortSeconds
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
