import Classification
import Foundation
import Model
import Support

/// Turns commits and sessions into tasks (METHOD.md): grouping, session linking,
/// AI attribution, effort, size, churn and category, each with its evidence.
/// Pure: value types in, tasks out; `TaskRebuild` does the reading and writing.
package struct TaskBuilder: Sendable {
    package let config: RuleConfig
    package let classifier: Classifier
    package var settings: Settings { config.settings }

    package init(config: RuleConfig = RuleConfig()) {
        self.config = config
        classifier = Classifier(config: config)
    }

    /// One repository's reachable commits.
    package struct History: Sendable {
        package var root: String
        package var commits: [Commit]
        /// Whether the checkout is still on disk (a folder moved or deleted since it was ingested is
        /// not): of two checkouts of one history, the tasks go to one that is.
        package var present: Bool

        package init(root: String, commits: [Commit], present: Bool = true) {
            self.root = root
            self.commits = commits
            self.present = present
        }
    }

    /// Squash merges whose pull request an export describes with its commits' authored times:
    /// by squash commit, those times (sorted), their subjects where the export gives them (in the
    /// same order, else empty) and the number. Left out when the pull request's
    /// own commits are in the history (they are counted already) or a time falls after the squash;
    /// only the earliest commit of a pull request number (a cherry-pick keeps the subject).
    static func squashedTimelines(
        _ histories: [History], pullRequests: [String: [PullRequest]]
    ) -> [String: (number: Int, times: [Int64], subjects: [String])] {
        var result: [String: (number: Int, times: [Int64], subjects: [String])] = [:]
        for history in histories {
            let byNumber = Dictionary((pullRequests[history.root] ?? []).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            guard !byNumber.isEmpty else { continue }
            let hashes = Set(history.commits.map(\.hash))
            // One commit a pull request: a cherry-pick of a squash commit keeps its `(#N)` subject.
            var restoredNumbers: Set<Int> = []
            for commit in history.commits.sorted(by: { ($0.authorTime, $0.hash) < ($1.authorTime, $1.hash) }) where !commit.isMerge {
                guard let number = IssueKeys.squashNumber(commit.subject), !restoredNumbers.contains(number),
                    let pullRequest = byNumber[number],
                    pullRequest.merged != nil, let times = pullRequest.commitTimes, !times.isEmpty,
                    !pullRequest.commits.contains(where: hashes.contains), times.allSatisfy({ $0 <= commit.authorTime })
                else { continue }
                restoredNumbers.insert(number)
                let subjects = pullRequest.commitHeadlines.flatMap { $0.count == times.count ? $0 : nil }
                    ?? Array(repeating: "", count: times.count)
                let order = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
                result[commit.hash] = (number, order.map { times[$0] }, order.map { subjects[$0] })
            }
        }
        return result
    }

    /// A squash-merged pull request's task takes, from the export, what the squash folded away:
    /// its branch (`headRefName`), its commits' times as the work's window (from the first commit,
    /// or the pull request's creation, to the squash) and its commit ids, so that sessions are
    /// looked for around the work rather than the merge, and cycle time runs from the work's start.
    /// - Returns: by task index, the pull request's commit ids and when its own work ended (its
    ///   last commit, not the merge), for the session linker.
    static func applySquashedPullRequests(
        _ tasks: inout [WorkTask], history: History, pullRequests: [PullRequest]
    ) -> [Int: (commits: [String], workEnd: Int64)] {
        guard !pullRequests.isEmpty else { return [:] }
        let byNumber = Dictionary(pullRequests.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let hashes = Set(history.commits.map(\.hash))
        var claimed: Set<Int> = []
        var result: [Int: (commits: [String], workEnd: Int64)] = [:]
        // A pull request merged by a merge commit whose branch holds one commit, its squashed work
        // (GitLab's "squash and merge"): found by the task's number or its head branch.
        let merges = Set(history.commits.lazy.filter(\.isMerge).map(\.hash))
        let byBranch = Dictionary(
            pullRequests.filter { $0.merged != nil && $0.headBranch != nil }.map { ($0.headBranch ?? "", [$0]) }, uniquingKeysWith: +)
        func mergedSquash(_ task: WorkTask) -> PullRequest? {
            let merged = task.commits.filter { merges.contains($0.hash) }.count
            guard task.kind != .squash, merged == 1, task.commits.count == 2 else { return nil }
            let byKey = task.key.hasPrefix("PR #") ? Int(task.key.dropFirst(4)).flatMap { byNumber[$0] } : nil
            let candidate = byKey ?? task.branch.flatMap { byBranch[$0]?.count == 1 ? byBranch[$0]?.first : nil }
            // Of its listed commits (GitLab lists the merge commit), none is in the history but the task's own.
            let own = Set(task.commits.map(\.hash))
            guard let candidate, candidate.merged != nil, !claimed.contains(candidate.number),
                !candidate.commits.contains(where: { hashes.contains($0) && !own.contains($0) })
            else { return nil }
            return candidate
        }
        // A squash commit's committer time is its merge's (Reviews.agreesWithSquash).
        let squashCommitted = Dictionary(
            history.commits.lazy.filter { IssueKeys.squashNumber($0.subject) != nil }.map { ($0.hash, $0.committerTime) },
            uniquingKeysWith: { first, _ in first })
        for index in tasks.indices.sorted(by: { (tasks[$0].firstCommitTime, $0) < (tasks[$1].firstCommitTime, $1) }) {
            for commit in tasks[index].commits {
                let pullRequest: PullRequest
                if let number = IssueKeys.squashNumber(commit.subject), !claimed.contains(number), let found = byNumber[number],
                    found.merged != nil, !found.commits.contains(where: hashes.contains),
                    Reviews.agreesWithSquash(found, subject: commit.subject, committed: squashCommitted[commit.hash] ?? commit.authorTime)
                {
                    pullRequest = found
                } else if commit.hash == tasks[index].commits.first?.hash, let found = mergedSquash(tasks[index]) {
                    pullRequest = found
                } else {
                    continue
                }
                claimed.insert(pullRequest.number)
                let times = (pullRequest.commitTimes ?? []).filter { $0 <= commit.authorTime }
                let workStart = times.min() ?? min(pullRequest.created, commit.authorTime)
                tasks[index].firstCommitTime = min(tasks[index].firstCommitTime, workStart)
                tasks[index].start = min(tasks[index].start, workStart, pullRequest.created)
                if tasks[index].branch == nil { tasks[index].branch = pullRequest.headBranch }
                let workEnd = times.max() ?? commit.authorTime
                result[index] = ((result[index]?.commits ?? []) + pullRequest.commits, max(result[index]?.workEnd ?? 0, workEnd))
            }
        }
        return result
    }

    /// Builds every task of every repository.
    ///
    /// Takes the histories to consume them: each repository's commits are let go once its tasks
    /// are built, and each stage's indexes before the next stage (the linker's before finishing,
    /// the drafts' second copy never made), so that a large history's peak is one stage's, not
    /// their sum (ARCHITECTURE.md, Tasks).
    ///
    /// - Parameters:
    ///   - pullRequests: from exports, by repository root.
    ///   - timeEntries: from time logs; their `task` names a task's key.
    package func build(
        _ histories: consuming [History], sessions: [SessionActivity], labels: [Label] = [],
        pullRequests: [String: [PullRequest]] = [:], timeEntries: [TimeEntry] = [], progress: (String) -> Void = { _ in }
    ) -> [WorkTask] {
        for index in histories.indices {
            Self.removeCopies(&histories[index].commits)
            Self.canonicalOrder(&histories[index].commits)
        }
        progress("estimating the effort of \(histories.reduce(0) { $0 + $1.commits.count }) commits")
        let timeLog = TimeLogIndex(timeEntries)
        // The first repository's grouping needs no effort: it runs on another core meanwhile.
        var firstGroups = histories.first.map { first in
            Parallel.Pending { [self] in group(first, sessions: sessions, pullRequests: pullRequests[first.root] ?? []) }
        }
        var (effort, squashRework) = estimateEffort(histories, pullRequests: pullRequests)
        let counted = countedPaths(histories)
        let counts: (FileChange) -> Bool = { !$0.isBinary && counted.contains($0.path) }
        let sessionsByKey = Dictionary(sessions.map { ($0.tool + "\u{0}" + $0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var tasks: [WorkTask] = []
        let historySizes = Dictionary(histories.map { ($0.root, $0.commits.count) }, uniquingKeysWith: max)
        var present: Set<String> = []
        for index in histories.indices where histories[index].present { present.insert(histories[index].root) }
        for position in histories.indices {
            // This repository's commits leave `histories` here; `repositoryTasks` lets them go.
            var history = History(root: histories[position].root, commits: [])
            swap(&history.commits, &histories[position].commits)
            let root = history.root
            let groups = firstGroups?.value() ?? group(history, sessions: sessions, pullRequests: pullRequests[root] ?? [])
            firstGroups = nil
            let built = repositoryTasks(
                consume history, groups: groups, sessions: sessions, sessionsByKey: sessionsByKey, labels: labels,
                pullRequests: pullRequests[root] ?? [], timeLog: timeLog, effort: &effort, squashRework: squashRework,
                lastUseOfEffort: position == histories.count - 1, counts: counts, progress: progress)
            // The first repository's tasks are taken as they are, not copied into an empty array.
            if tasks.isEmpty { tasks = built } else { tasks += built }
        }
        if histories.count > 1 {
            tasks = Self.oncePerID(tasks, historySizes: historySizes, present: present)
            tasks = Self.oncePerCommit(tasks, historySizes: historySizes, present: present)
        }
        Self.shareTimeLog(&tasks, timeLog: timeLog)
        blendLabelModel(&tasks)
        tasks.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        return tasks
    }

    /// Puts a history's commits in one order whatever order they were stored in (a first ingest
    /// stores git's, newest first; each later one appends its own): newest committed first, then
    /// newest authored, then by hash. Grouping breaks ties of time by this order, so a database
    /// filled in steps names and keys its tasks as one filled at once (issue 19).
    static func canonicalOrder(_ commits: inout [Commit]) {
        func before(_ a: Commit, _ b: Commit) -> Bool {
            if a.committerTime != b.committerTime { return a.committerTime > b.committerTime }
            if a.authorTime != b.authorTime { return a.authorTime > b.authorTime }
            return a.hash < b.hash
        }
        guard zip(commits, commits.dropFirst()).contains(where: { before($1, $0) }) else { return }
        commits.sort(by: before)
    }

    /// Removes cherry-picks (`git cherry-pick -x`: "(cherry picked from commit H)") of a commit of
    /// the same history: a fix copied to a release branch is one piece of work, counted once, where
    /// it was first made (`ingest git --all` reads both branches).
    static func removeCopies(_ commits: inout [Commit]) {
        let marker = "(cherry picked from commit "
        guard commits.contains(where: { !$0.isMerge && $0.body.contains(marker) }) else { return }
        let hashes = Set(commits.map(\.hash))
        commits.removeAll { commit in
            guard !commit.isMerge, commit.body.contains(marker) else { return false }
            return commit.body.components(separatedBy: marker).dropFirst().contains { rest in
                hashes.contains(String(rest.prefix { $0.isHexDigit }))
            }
        }
    }

    /// Two checkouts of one history (a second clone, a worktree, the folder before it moved) give
    /// the same work the same task ids (ids come from the root commit): each id is kept once, the
    /// version of a checkout still on disk, then the one that links the most sessions (a session in
    /// a worktree is tied to the worktree's checkout), then the one with the most commits (an older
    /// checkout has fewer), then the one of the longer history, then the first repository's.
    /// `present`: the roots of the checkouts still on disk.
    static func oncePerID(_ tasks: [WorkTask], historySizes: [String: Int], present: Set<String>) -> [WorkTask] {
        var chosen: [String: Int] = [:]
        for index in tasks.indices {
            guard let current = chosen[tasks[index].id] else {
                chosen[tasks[index].id] = index
                continue
            }
            let (candidate, kept) = (tasks[index], tasks[current])
            let size = { (task: WorkTask) in historySizes[task.repository] ?? 0 }
            let onDisk = { (task: WorkTask) in present.contains(task.repository) ? 1 : 0 }
            if (onDisk(candidate), candidate.sessions.count, candidate.commits.count, size(candidate))
                > (onDisk(kept), kept.sessions.count, kept.commits.count, size(kept))
            {
                chosen[tasks[index].id] = index
            }
        }
        guard chosen.count < tasks.count else { return tasks }
        let keep = Set(chosen.values)
        return tasks.indices.filter(keep.contains).map { tasks[$0] }
    }

    /// Two checkouts of one history can also group the same commits under different keys (a
    /// worktree still on its branch reads as a burst what the main checkout reads as a merged
    /// pull request's task): a task of one checkout whose commits another checkout's task holds
    /// all of, with more commits (or as many, more sessions, on disk, a longer history), is left out, when
    /// no session links to it alone. A commit is then counted once.
    static func oncePerCommit(_ tasks: [WorkTask], historySizes: [String: Int], present: Set<String>) -> [WorkTask] {
        var holders: [String: [Int]] = [:]
        for index in tasks.indices {
            for commit in tasks[index].commits { holders[commit.hash, default: []].append(index) }
        }
        let size = { (task: WorkTask) in historySizes[task.repository] ?? 0 }
        let onDisk = { (task: WorkTask) in present.contains(task.repository) ? 1 : 0 }
        var dropped: Set<Int> = []
        for index in tasks.indices {
            let task = tasks[index]
            let hashes = Set(task.commits.map(\.hash))
            guard let first = task.commits.first?.hash else { continue }
            let sessions = Set(task.sessions.map { $0.tool + "\u{1F}" + $0.id })
            for other in holders[first] ?? [] where other != index && !dropped.contains(other) {
                let candidate = tasks[other]
                guard candidate.repository != task.repository else { continue }
                let theirs = Set(candidate.commits.map(\.hash))
                guard hashes.isSubset(of: theirs),
                    sessions.isSubset(of: Set(candidate.sessions.map { $0.tool + "\u{1F}" + $0.id }))
                else { continue }
                let better = (theirs.count, candidate.sessions.count, onDisk(candidate), size(candidate), task.repository)
                    > (hashes.count, task.sessions.count, onDisk(task), size(task), candidate.repository)
                if better {
                    dropped.insert(index)
                    break
                }
            }
        }
        return dropped.isEmpty ? tasks : tasks.indices.filter { !dropped.contains($0) }.map { tasks[$0] }
    }

    /// Every non-merge, non-bot commit's effort hours and reason, by hash: each author's timeline
    /// over all repositories (`EffortEstimator`), a restored squash merge standing in it as the
    /// commits it folded.
    ///
    /// Also, by squash commit, the hours of the folded commits after the first that were rework by
    /// their subjects (`fixup!`, "address review", …: `reworkReason`), which a squash hides from
    /// the commits themselves.
    func estimateEffort(
        _ histories: [History], pullRequests: [String: [PullRequest]]
    ) -> (effort: [String: (hours: Double, reason: String)], squashRework: [String: Double]) {
        let restored = Self.squashedTimelines(histories, pullRequests: pullRequests)
        // Identities repeat on every commit of an author: one copy each.
        var identities = StringInterner()
        var entries: [EffortEstimator.Entry] = []
        for history in histories {
            for commit in history.commits where !commit.isMerge && !isBot(commit) {
                let author = identities.intern(identity(commit))
                // A restored squash merge stands in the author's timeline as the commits it folded.
                guard let times = restored[commit.hash] else {
                    entries.append(EffortEstimator.Entry(hash: commit.hash, author: author, time: commit.authorTime))
                    continue
                }
                for (offset, time) in times.times.enumerated() {
                    entries.append(EffortEstimator.Entry(hash: commit.hash + "#\(offset)", author: author, time: time))
                }
            }
        }
        var effort = EffortEstimator(settings: settings).estimate(entries)
        var squashRework: [String: Double] = [:]
        for (hash, squash) in restored {
            var hours = 0.0
            var count = 0
            for offset in squash.times.indices {
                guard let part = effort.removeValue(forKey: hash + "#\(offset)") else { continue }
                hours += part.hours
                count += 1
                if offset > 0, Self.reworkReason(subject: squash.subjects[offset]) != nil {
                    squashRework[hash, default: 0] += part.hours
                }
            }
            effort[hash] = (
                hours,
                "the \(count) commits of pull request #\(squash.number) it squashed (times from the export), each earning as a commit would"
            )
        }
        return (effort, squashRework)
    }

    /// One repository's commits in groups (`Grouping`), each group a task to be.
    private func group(_ history: History, sessions: [SessionActivity], pullRequests: [PullRequest]) -> [CommitGroup] {
        let sessionBranches = sessions.compactMap { session -> Grouping.SessionBranch? in
            guard session.repository == history.root, let branch = session.branch, !session.commits.isEmpty else { return nil }
            return Grouping.SessionBranch(session: "\(session.tool) session \(session.id)", branch: branch, commits: session.commits)
        }
        // Merged pull requests' exported commits: those merged without a merge commit stay together.
        let exported = pullRequests.filter { $0.merged != nil }.map { pullRequest in
            Grouping.ExportedPullRequest(
                number: pullRequest.number, hashes: pullRequest.commits,
                authored: Array(zip(pullRequest.commitTimes ?? [], pullRequest.commitHeadlines ?? [])).map { (time: $0.0, subject: $0.1) })
        }
        return Grouping(
            commits: history.commits, identity: identity, burstGapHours: settings.burstGapHours, sessionBranches: sessionBranches,
            isPrototype: { [settings] in settings.isPrototype(branch: $0) }, exportedPullRequests: exported
        ).group()
    }

    /// One repository's tasks from its groups, stage by stage: drafts, squashed pull requests, session
    /// links, churn (the last stage that reads whole commits), finishing (in place, on every core)
    /// and reviews. Each stage's indexes are let go before the next, the history before finishing.
    private func repositoryTasks(
        _ history: consuming History, groups: consuming [CommitGroup], sessions: [SessionActivity],
        sessionsByKey: [String: SessionActivity],
        labels: [Label], pullRequests: [PullRequest], timeLog: TimeLogIndex,
        effort: inout [String: (hours: Double, reason: String)], squashRework: [String: Double], lastUseOfEffort: Bool,
        counts: (FileChange) -> Bool,
        progress: (String) -> Void
    ) -> [WorkTask] {
        let name = (history.root as NSString).lastPathComponent
        // Each commit's estimate by its position, so that the table by hash goes before grouping
        // when this is its last reader (a commit in two clones is estimated once, for both).
        let commitEffort = history.commits.map { effort[$0.hash] }
        if lastUseOfEffort { effort = [:] }
        progress("grouping \(history.commits.count) commits of \(name)")
        var groups = groups
        // Ids come from the repository's root commit, not its path: every clone, on every
        // machine, gives a task the same id.
        let repositoryIdentity = history.commits.filter(\.parents.isEmpty).map(\.hash).min() ?? history.root
        // Authors repeat on every task: one copy each.
        var strings = StringInterner()
        // Each draft reads only its group and the history: on every core. (No second reference to
        // the commits outlives this: they must go with `history.commits` below.)
        var tasks = Parallel.map(groups) {
            draft(
                $0, commits: history.commits, repositoryIdentity: repositoryIdentity, root: history.root,
                effort: commitEffort, squashRework: squashRework, loggedHours: timeLog.work, counts: counts)
        }
        for index in tasks.indices { tasks[index].author = strings.intern(tasks[index].author) }
        let squashed = Self.applySquashedPullRequests(&tasks, history: history, pullRequests: pullRequests)
        // A squash's task has its branch now: the time log may name it by the branch's key.
        if !timeLog.work.isEmpty {
            let ownKeys = Set(tasks.map { TimeLogIndex.normalized($0.key) })
            for index in tasks.indices where tasks[index].effortSource == "git" && tasks[index].branch != nil {
                if let hours = timeLog.work[timeLog.key(task: tasks[index].key, branch: tasks[index].branch, ownKeys: ownKeys)] {
                    tasks[index].reworkHours = Self.loggedRework(tasks[index].reworkHours, gitHours: tasks[index].effortHours, logged: hours)
                    tasks[index].effortHours = hours
                    tasks[index].effortSource = "time log"
                }
            }
        }
        // Links are collected while the linker holds the drafts and added once it is gone: adding
        // them while it lived would copy every draft, and its indexes (by file, by hash prefix)
        // go before finishing.
        var links: [(task: Int, session: WorkTask.TaskSession)] = []
        // No session in this repository: no links, and no linker's indexes to build.
        if sessions.contains(where: { $0.repository == history.root }) {
            let linker = SessionLinker(
                tasks: tasks, commits: history.commits, groups: groups, settings: settings,
                squashedCommits: squashed.mapValues(\.commits), workEnds: squashed.mapValues(\.workEnd), identity: identity)
            for session in sessions where session.repository == history.root {
                for link in linker.links(for: session) {
                    links.append(
                        (
                            link.task,
                            WorkTask.TaskSession(
                                tool: session.tool, id: session.id, reason: link.reason, evidence: link.evidence,
                                activeSeconds: ActiveTime.seconds(session.eventTimes, idleCapMs: Int64(settings.idleCapMinutes * 60_000)))
                        ))
                }
            }
        }
        for link in links { tasks[link.task].sessions.append(link.session) }
        links = []
        // What churn and finishing read of each task's commits is gathered (`FinishInput`:
        // subjects, times, files and marks, shared with the commits), then the history and the
        // groups go, so that churn's flat array and the tasks' evidence grow without the commits
        // beside them; each group's lists go as its input is made, so that the inputs grow into
        // their place. Churn before finishing: neither reads what the other writes.
        var inputs: [FinishInput] = []
        inputs.reserveCapacity(groups.count)
        for index in groups.indices {
            inputs.append(FinishInput(groups[index], commits: history.commits))
            groups[index] = CommitGroup(key: "", kind: groups[index].kind, members: [], reasons: [])
        }
        groups = []
        history.commits = []
        Churn.apply(to: &tasks, inputs: inputs, settings: settings, counts: counts)
        progress("classifying \(tasks.count) tasks of \(name)")
        // Each task's finish is independent of the others': classify them on every core, in place
        // (no second array of the tasks). An input is emptied once read, so the commits' files go
        // while the tasks grow their evidence rather than after.
        Parallel.update(&tasks, inputs: &inputs) { task, input in
            finish(&task, input: input, sessions: sessionsByKey, labels: labels, counts: counts)
            input.members = []
        }
        inputs = []
        // Evidence repeats across tasks (the same rules, the same model figures): one copy each.
        for index in tasks.indices {
            for item in tasks[index].evidence.indices {
                tasks[index].evidence[item].detail = strings.intern(tasks[index].evidence[item].detail)
            }
        }
        Reviews.attach(pullRequests, timeLog: timeLog, to: &tasks)
        return tasks
    }

    /// What `finish` reads of one task: of its group the branch and the pull request's title (not
    /// the whole group: at git.git's size these inputs are made at the peak), of each member commit
    /// only its subject, author time, files, marks and whether it is a merge (strings and lists
    /// shared with the commit, so the history can go before churn and finishing), and when the
    /// merge commit that merged it, if any, was committed.
    struct FinishInput: Sendable {
        struct Member: Sendable {
            var subject: String
            var authorTime: Int64
            var files: [FileChange]
            var aiMarks: [AIMark]
            var isMerge: Bool
        }

        var branch: String?
        var pullRequestTitle: String?
        var members: [Member]
        var mergeTime: Int64?

        init(_ group: CommitGroup, commits: [Commit]) {
            branch = group.branch
            pullRequestTitle = group.pullRequestTitle
            members = group.members.map {
                Member(
                    subject: commits[$0].subject, authorTime: commits[$0].authorTime, files: commits[$0].files,
                    aiMarks: commits[$0].aiMarks, isMerge: commits[$0].isMerge)
            }
            mergeTime = group.mergeCommit.map { commits[$0].committerTime }
        }
    }

    /// With enough labels, a naive Bayes model trained on the labelled tasks' signals is
    /// blended with the rules for every unlabelled task (METHOD.md leaves this to labels).
    func blendLabelModel(_ tasks: inout [WorkTask]) {
        let examples = tasks.filter(\.labelled).map { (LabelModel.features($0.evidence), $0.category) }
        guard examples.count >= LabelModel.minimumLabels else { return }
        let model = LabelModel(examples: examples)
        for index in tasks.indices where !tasks[index].labelled && tasks[index].evidence.first?.family != "config" {
            let result = classifier.decide(model.blend(tasks[index].evidence))
            tasks[index].category = result.category
            tasks[index].confidence = result.confidence
            tasks[index].evidence = result.evidence
            tasks[index].classificationNote = result.note
        }
    }

    // MARK: - Identity and bots

    /// A commit's author identity: the alias it is configured to, else the lower-case email.
    package func identity(_ commit: Commit) -> String {
        let email = commit.authorEmail.lowercasedSharingStorage
        guard !config.aliases.isEmpty else { return email }
        return config.aliases[email] ?? config.aliases[commit.authorName.lowercased()] ?? email
    }

    package func isBot(_ commit: Commit) -> Bool {
        commit.isBot || config.bots.contains(commit.authorName.lowercased())
            || config.bots.contains(commit.authorEmail.lowercased())
    }

    /// Whether a file counts: not ignored by the configuration, not a lock, vendored, generated or binary file.
    func counts(_ change: FileChange) -> Bool {
        PathRules.countsTowardSize(change) && !config.ignores(change.path)
    }

    /// `counts` for every path of the histories, computed once (paths repeat across commits).
    func countedPaths(_ histories: [History]) -> Set<String> {
        var seen: Set<String> = []
        var counted: Set<String> = []
        for history in histories {
            for commit in history.commits {
                for change in commit.files where seen.insert(change.path).inserted {
                    if counts(FileChange(path: change.path, linesAdded: 0, linesDeleted: 0)) { counted.insert(change.path) }
                }
            }
        }
        return counted
    }

    // MARK: - Drafts

    /// A task's commits, effort, size and times; sessions, AI and category come later.
    private func draft(
        _ group: CommitGroup, commits: [Commit], repositoryIdentity: String, root: String,
        effort: [(hours: Double, reason: String)?], squashRework: [String: Double], loggedHours: [String: Double],
        counts: (FileChange) -> Bool
    ) -> WorkTask {
        // The first commit that is not a merge, the span and the bot check, without copying the
        // commits (drafts are made on every core at once, and their temporaries add to the peak).
        let firstWork = group.members.first { !commits[$0].isMerge }
        let first = commits[firstWork ?? group.members[0]]
        let author = identity(first)
        var bot = firstWork != nil
        var firstTime = first.authorTime
        var lastTime = first.authorTime
        for index in group.members where !commits[index].isMerge {
            let commit = commits[index]
            if bot, !isBot(commit) { bot = false }
            firstTime = min(firstTime, commit.authorTime)
            lastTime = max(lastTime, commit.authorTime)
        }
        // At its size: a list grown by appending keeps up to half again as slack, for every task.
        var taskCommits: [WorkTask.TaskCommit] = []
        taskCommits.reserveCapacity(group.members.count)
        var files: Set<String> = []
        var added = 0
        var deleted = 0
        var reworkHours = 0.0
        for (position, index) in group.members.enumerated() {
            let commit = commits[index]
            let estimate: (hours: Double, reason: String) =
                commit.isMerge ? (0, "merge commit: no effort") : isBot(commit) ? (0, "bot commit: no effort") : effort[index] ?? (0, "not estimated")
            var rework = commit.isMerge || position == 0 ? nil : Self.reworkReason(commit, taskAuthor: author, identity: identity(commit))
            if rework != nil { reworkHours += estimate.hours }
            if rework == nil, let folded = squashRework[commit.hash], folded > 0 {
                // A squash's own commit is the work: only its folded rework commits count.
                reworkHours += folded
                rework = "\(Format.fixed(folded, 2)) h of the commits it squashed answered the review (by their subjects)"
            }
            var commitAdded = 0
            var commitDeleted = 0
            if !commit.isMerge {
                for change in commit.files where counts(change) {
                    files.insert(change.path)
                    commitAdded += change.linesAdded ?? 0
                    commitDeleted += change.linesDeleted ?? 0
                }
            }
            added += commitAdded
            deleted += commitDeleted
            taskCommits.append(
                WorkTask.TaskCommit(
                    hash: commit.hash, subject: commit.subject, authorTime: commit.authorTime, effortHours: estimate.hours,
                    effortReason: estimate.reason, reason: group.reasons[position], rework: rework,
                    aiTools: Array(Set(commit.aiMarks.filter(\.counts).map(\.tool))).sorted(), linesAdded: commitAdded,
                    linesDeleted: commitDeleted))
        }
        let gitHours = taskCommits.reduce(0) { $0 + $1.effortHours }
        let logged = loggedHours.isEmpty ? nil : loggedHours[TimeLogIndex.normalized(group.key)]
        let title = group.pullRequestTitle.flatMap { $0.isEmpty ? nil : $0 } ?? Self.title(first.subject)
        return WorkTask(
            id: Self.id(repository: repositoryIdentity, key: group.key), repository: root, key: group.key,
            kind: group.kind, title: title, author: author, branch: group.branch, commits: taskCommits, bot: bot,
            effortHours: logged ?? gitHours, effortSource: logged == nil ? "git" : "time log",
            reworkHours: logged.map { Self.loggedRework(reworkHours, gitHours: gitHours, logged: $0) } ?? reworkHours,
            start: firstTime, end: lastTime, firstCommitTime: firstTime, lastCommitTime: lastTime,
            linesAdded: added, linesDeleted: deleted, filesTouched: files.count)
    }

    /// A time-log task named by several tasks (one ticket worked on in two repositories, or a
    /// key and a branch naming it) gives each a share of its hours, in proportion to their git
    /// hours (equal shares where none has any), rather than all of them to each: the hours were
    /// counted once per task (a probe, stop 33: 10 h logged, 20 h counted). A pull request's
    /// `PR #N`, whose number every repository has, is shared row by row: among the tasks whose
    /// span its date falls in (`TimeLogIndex.window`; all of them where it falls in none), and
    /// `web#N` only to repository `web`'s (probe 28: a row dated three days before one
    /// repository's PR #1 existed was split with it).
    static func shareTimeLog(_ tasks: inout [WorkTask], timeLog: TimeLogIndex) {
        guard !timeLog.isEmpty else { return }
        var ownKeys: [String: Set<String>] = [:]
        for task in tasks { ownKeys[task.repository, default: []].insert(TimeLogIndex.normalized(task.key)) }
        var holders: [String: [Int]] = [:]
        for index in tasks.indices {
            let own = ownKeys[tasks[index].repository] ?? []
            var key = timeLog.key(task: tasks[index].key, branch: tasks[index].branch, ownKeys: own)
            // Named by its pull request (`PR #7`: Reviews.attach), where its own key has no rows.
            if timeLog.work[key] == nil, timeLog.review[key] == nil, let number = tasks[index].pullRequest, !own.contains("#\(number)") {
                key = "#\(number)"
            }
            if timeLog.work[key] != nil || timeLog.review[key] != nil { holders[key, default: []].append(index) }
        }
        for (key, indices) in holders {
            if let rows = timeLog.pullRequestRows[key], indices.count > 1 || rows.contains(where: { $0.repository != nil }) {
                sharePullRequestRows(&tasks, holders: indices, rows: rows, key: key, timeLog: timeLog)
                continue
            }
            guard indices.count > 1 else { continue }
            let gitHours = indices.map { tasks[$0].commits.reduce(0) { $0 + $1.effortHours } }
            let total = gitHours.reduce(0, +)
            for (position, index) in indices.enumerated() {
                let share = total > 0 ? gitHours[position] / total : 1 / Double(indices.count)
                if tasks[index].effortSource == "time log", let work = timeLog.work[key] {
                    tasks[index].effortHours = work * share
                    tasks[index].reworkHours *= share
                }
                if let review = timeLog.review[key], tasks[index].reviewerHours == review {
                    tasks[index].reviewerHours = review * share
                }
            }
        }
    }

    /// `shareTimeLog` for a pull request's key, row by row. A task none of whose rows' dates falls
    /// in its span keeps git's estimate, and no reviewer hours or estimate from them.
    private static func sharePullRequestRows(
        _ tasks: inout [WorkTask], holders indices: [Int], rows: [TimeLogIndex.PullRequestRow], key: String, timeLog: TimeLogIndex
    ) {
        let gitHours = indices.map { tasks[$0].commits.reduce(0) { $0 + $1.effortHours } }
        let windows = indices.map { TimeLogIndex.window(tasks[$0].start, tasks[$0].end) }
        let names = indices.map { TimeLogIndex.repositoryName(tasks[$0].repository) }
        var work = [Double](repeating: 0, count: indices.count)
        var review = work
        var estimates = [[TimeLogIndex.EstimateCandidate]](repeating: [], count: indices.count)
        for row in rows {
            var eligible = Array(indices.indices)
            if let repository = row.repository {
                // `web#7`: repository web's pull request, whatever the date (none here: no task takes it).
                eligible = eligible.filter { names[$0] == repository }
            } else {
                let dated = eligible.filter { windows[$0].contains(row.day) }
                if !dated.isEmpty { eligible = dated }
            }
            let total = eligible.reduce(0) { $0 + gitHours[$1] }
            for position in eligible {
                let share = total > 0 ? gitHours[position] / total : 1 / Double(eligible.count)
                switch row.activity {
                case .work: work[position] += row.hours * share
                case .review: review[position] += row.hours * share
                }
                if let estimate = row.estimate { estimates[position].append(estimate) }
            }
        }
        for (position, index) in indices.enumerated() {
            if tasks[index].effortSource == "time log", let all = timeLog.work[key] {
                if work[position] > 0 {
                    tasks[index].reworkHours *= work[position] / all
                    tasks[index].effortHours = work[position]
                } else {
                    // Rework went to the logged hours as git's share of rework: back to git's hours.
                    tasks[index].reworkHours = tasks[index].reworkHours / all * gitHours[position]
                    tasks[index].effortHours = gitHours[position]
                    tasks[index].effortSource = "git"
                }
            }
            if let all = timeLog.review[key], tasks[index].reviewerHours == all {
                tasks[index].reviewerHours = review[position] > 0 ? review[position] : nil
            }
            if let all = timeLog.estimate[key], tasks[index].estimateHours == all {
                tasks[index].estimateHours = TimeLogIndex.estimate(of: estimates[position])
            }
        }
    }

    /// A task's rework when the time log gives its effort: git's share of rework in the logged
    /// hours (rework is part of the effort; git's hours of it beside logged hours could exceed them).
    static func loggedRework(_ rework: Double, gitHours: Double, logged: Double) -> Double {
        gitHours > 0 ? min(rework / gitHours, 1) * logged : 0
    }

    /// Sessions' figures, AI attribution, cycle time, classification and labels.
    private func finish(
        _ task: inout WorkTask, input: FinishInput, sessions: [String: SessionActivity], labels: [Label],
        counts: (FileChange) -> Bool
    ) {
        let linked = task.sessions.compactMap { sessions[$0.tool + "\u{0}" + $0.id] }
        task.activeSeconds = ActiveTime.seconds(
            linked.flatMap(\.eventTimes), idleCapMs: Int64(settings.idleCapMinutes * 60_000))
        if let firstEvent = linked.compactMap(\.eventTimes.first).min() { task.start = min(task.start, firstEvent / 1000) }
        let mergeTime = input.mergeTime
        task.end = max(mergeTime ?? task.lastCommitTime, task.lastCommitTime)
        task.cycleHours = Double(task.end - task.start) / 3600

        // AI attribution: marks on commits, then linked sessions.
        var tools: Set<String> = []
        var reasons: [String] = []
        let members = input.members
        for (commit, full) in zip(task.commits, members) where !full.aiMarks.isEmpty {
            tools.formUnion(commit.aiTools)
            for mark in full.aiMarks {
                reasons.append(
                    mark.counts
                        ? "commit \(commit.hash.prefix(10)) is marked by \(mark.tool) (\(mark.rule)): \(mark.evidence)"
                        : "commit \(commit.hash.prefix(10)) names \(mark.tool) on the \(mark.rule): \(mark.evidence)")
            }
        }
        for session in task.sessions {
            tools.insert(session.tool)
            reasons.append("\(session.tool) session \(session.id) is linked: \(session.reason)")
        }
        task.ai = !tools.isEmpty
        task.aiTools = tools.sorted()
        task.aiReasons = tools.isEmpty ? ["no AI-marked commit and no linked session"] + reasons : reasons

        // AI share of lines: marked commits' lines, plus lines in files a linked session edited.
        let sessionFiles = Set(linked.flatMap(\.filesEdited))
        var aiLines = 0
        for (commit, full) in zip(task.commits, members) where !full.isMerge {
            for change in full.files where counts(change) {
                if !commit.aiTools.isEmpty || sessionFiles.contains(change.path) { aiLines += change.linesAdded ?? 0 }
            }
        }
        task.aiLinesAdded = aiLines

        // Category.
        let fileList = Array(Set(members.flatMap { $0.isMerge ? [] : $0.files.map(\.path) })).sorted()
        var subjects = members.filter { !$0.isMerge }.map(\.subject)
        if let title = input.pullRequestTitle, !title.isEmpty { subjects.append(title) }
        var branches = input.branch.map { [$0] } ?? []
        branches += linked.compactMap(\.branch).filter { !["main", "master", "develop", "trunk", "HEAD"].contains($0) }
        var words: [String: Int] = [:]
        for session in linked { words.merge(session.promptWords, uniquingKeysWith: +) }
        let commitTraits = members.filter { !$0.isMerge }.map { member in
            TaskTraits.Commit(
                subject: member.subject, files: member.files.map(\.path),
                lines: member.files.reduce(0) { counts($1) ? $0 + ($1.linesAdded ?? 0) + ($1.linesDeleted ?? 0) : $0 })
        }
        var traits = TaskTraits(
            files: fileList, subjects: subjects, branches: Array(Set(branches)).sorted(), promptWords: words,
            commits: commitTraits)
        let changes = members.filter { !$0.isMerge }.flatMap(\.files)
        traits.movedOnly = !changes.isEmpty
            && changes.allSatisfy { $0.oldPath != nil && $0.linesAdded == 0 && $0.linesDeleted == 0 }
        let classification = classifier.classify(traits)
        task.category = classification.category
        task.confidence = classification.confidence
        task.evidence = classification.evidence
        task.classificationNote = classification.note

        // Labels win over everything.
        if let label = labels.first(where: { $0.repository == task.repository && $0.key == task.key })
            ?? labels.first(where: { label in
                label.repository == task.repository && task.commits.contains { $0.hash == label.firstCommit }
            })
        {
            if let category = label.category {
                task.category = category
                task.confidence = 1
                task.labelled = true
                task.evidence.insert(Evidence(family: "label", detail: "set by multiplier label", category: category, weight: 1), at: 0)
            }
            if let ai = label.ai {
                task.ai = ai
                task.aiLabel = ai
                task.aiReasons.insert("labelled \(ai ? "AI-assisted" : "not AI-assisted") by multiplier label", at: 0)
                if !ai { task.aiTools = [] }
            }
        }
    }

    // MARK: - Helpers

    /// A subject without its leading issue key.
    static func title(_ subject: String) -> String {
        var text = Substring(subject)
        if let key = IssueKeys.inSubject(subject), text.hasPrefix(key) || text.hasPrefix("[" + key + "]") {
            text = text.dropFirst(text.hasPrefix("[") ? key.count + 2 : key.count)
            while let first = text.first, first == ":" || first == " " || first == "-" { text = text.dropFirst() }
        }
        return text.isEmpty ? subject : String(text)
    }

    /// Phrases of commits that address review (METHOD.md, Review overhead).
    static let reviewPhrases = [
        "address review", "addressed review", "addressing review", "apply suggestion", "applied suggestion",
        "code review", "per review", "pr feedback", "pr comments", "review comment", "review feedback", "review fixes",
        "review remarks", "review suggestions",
    ]

    /// Why a commit after a task's first is rework, if it is.
    static func reworkReason(_ commit: Commit, taskAuthor: String, identity: String) -> String? {
        if let reason = reworkReason(subject: commit.subject) { return reason }
        if identity != taskAuthor { return "by \(identity), not the task's first author" }
        return nil
    }

    /// Why a subject marks rework, if it does: `fixup!`, `squash!`, `amend!`, or words of review.
    static func reworkReason(subject text: String) -> String? {
        let subject = text.lowercased()
        for prefix in ["fixup!", "squash!", "amend!"] where subject.hasPrefix(prefix) { return "subject starts with \(prefix)" }
        if let phrase = reviewPhrases.first(where: { subject.containsBytes($0) }) { return "subject speaks of review (\"\(phrase)\")" }
        return nil
    }

    /// A stable 12-hex-digit id from the repository's identity (its root commit) and the key (`StableHash`).
    package static func id(repository: String, key: String) -> String {
        let hash = StableHash.of(repository + "\u{0}" + key)
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
