import Foundation
import Model
import Support

/// One group of commits before figures are computed: a task's skeleton.
package struct CommitGroup: Sendable, Equatable {
    package var key: String
    package var kind: WorkTask.Kind
    /// Indexes into the commits given to `Grouping.group`, oldest first.
    package var members: [Int]
    /// Why each member belongs, in the order of `members` (an array, not a dictionary by index:
    /// at git.git's size a dictionary per group cost some 8 MB at the peak).
    package var reasons: [String]
    package var branch: String?
    /// A pull request's title from its merge commit's body, if any.
    package var pullRequestTitle: String?
    /// The merge commit that merged it, if any (its committer time ends the cycle).
    package var mergeCommit: Int?
}

/// METHOD.md's task grouping over one repository's commits; the first rule that
/// applies wins: issue key (merge branch, subject, or the branch of the session that made
/// the commit), merged pull request, squash merge, a branch rebased onto the main line,
/// then bursts of one author's commits.
package struct Grouping {
    let commits: [Commit]
    let identity: (Commit) -> String
    let burstGapSeconds: Int64
    let sessionBranches: [SessionBranch]
    /// Whether a merged branch is prototype work (`Settings.isPrototype`): such a branch is its
    /// own task even without a key or pull request (git's own `Merge branch 'spike/x'`), so that
    /// reports can leave it out of the speedups.
    let isPrototype: (String) -> Bool
    /// Pull requests an export lists commits of: by number, the commits it names by hash, and by
    /// author time and subject (a "Rebase and merge" gives the commits new hashes; a rebase keeps both).
    let exportedPullRequests: [ExportedPullRequest]

    /// What an export says a merged pull request held.
    package struct ExportedPullRequest: Sendable {
        package var number: Int
        package var hashes: [String]
        package var authored: [(time: Int64, subject: String)]

        package init(number: Int, hashes: [String], authored: [(time: Int64, subject: String)]) {
            self.number = number
            self.hashes = hashes
            self.authored = authored
        }
    }

    /// What rule 1 reads of a session log: its branch and the commits it names (its own
    /// `git commit` output). A commit made in a session on `SHOP-12-…` belongs to SHOP-12.
    package struct SessionBranch: Sendable {
        /// How a reason names the session (`claude-code session 4f2a…`).
        package var session: String
        package var branch: String
        package var commits: [String]

        package init(session: String, branch: String, commits: [String]) {
            self.session = session
            self.branch = branch
            self.commits = commits
        }
    }

    /// Consecutive main-line commits of one author committed at most this far apart were put
    /// there together: one rebase, `git am` or "rebase and merge" of one branch.
    static let rebaseBatchSeconds: Int64 = 60

    /// How long after the author's previous commit a follow-up that touches a file of the keyed
    /// work still joins it (rule 5): work committed straight to the main line over several days,
    /// a weekend between.
    static let fileFollowUpSeconds: Int64 = 4 * 86_400

    package init(
        commits: [Commit], identity: @escaping (Commit) -> String, burstGapHours: Double,
        sessionBranches: [SessionBranch] = [], isPrototype: @escaping (String) -> Bool = { _ in false },
        exportedPullRequests: [ExportedPullRequest] = []
    ) {
        self.commits = commits
        self.exportedPullRequests = exportedPullRequests.sorted { $0.number < $1.number }
        self.identity = identity
        self.isPrototype = isPrototype
        self.burstGapSeconds = Int64(burstGapHours * 3600)
        // The first session to name a commit wins, so the order must not depend on the caller.
        self.sessionBranches = sessionBranches.sorted { $0.session < $1.session }
    }

    /// A merge commit's subject, parsed.
    package struct MergeSubject: Equatable {
        package var pullRequest: Int?
        package var branch: String?

        init(branch: String) {
            self.branch = branch
        }

        /// The branches of git's octopus merge subject, in their parents' order:
        /// `Merge branches 'a', 'b' and 'c'` (`… into main` after them); empty for any other subject.
        static func octopusBranches(_ subject: String) -> [String] {
            guard subject.hasPrefix("Merge branches '") else { return [] }
            var names: [String] = []
            var rest = Substring(subject.dropFirst("Merge branches ".count))
            while rest.hasPrefix("'"), let close = rest.dropFirst().firstIndex(of: "'") {
                names.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                rest = rest[rest.index(after: close)...]
                for separator in [", ", " and "] where rest.hasPrefix(separator) { rest = rest.dropFirst(separator.count) }
            }
            return names
        }

        /// GitHub's `Merge pull request #N from owner/branch`, GitLab's `Merge branch 'x' into 'y'`
        /// (with `See merge request group/project!N` in the body), git's own `Merge branch 'x'`, Bitbucket's
        /// `Merged in x (pull request #N)` and `Merge pull request #N in P/r from x to y`, and Azure DevOps's
        /// `Merged PR N: title`.
        package init?(subject: String, body: String) {
            if subject.hasPrefix("Merge pull request #") {
                let rest = subject.dropFirst("Merge pull request #".count)
                let digits = rest.prefix { $0.isASCIIDigit }
                pullRequest = Int(digits)
                if let from = rest.range(of: " from ") {
                    let source = rest[from.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                    // Bitbucket Server: `Merge pull request #N in PROJ/repo from feature/x to main`:
                    // the source is the branch itself, with no owner in front.
                    if rest[..<from.lowerBound].contains(" in ") {
                        branch = source
                        return
                    }
                    // `owner/branch`: the owner is the fork, the rest is the branch.
                    branch = source.split(separator: "/", maxSplits: 1).count == 2
                        ? String(source.split(separator: "/", maxSplits: 1)[1]) : source
                }
                return
            }
            // Bitbucket Cloud: `Merged in feature/x (pull request #N)`.
            if subject.hasPrefix("Merged in ") {
                let rest = subject.dropFirst("Merged in ".count)
                let marker = rest.range(of: " (pull request #")
                branch = String(rest[..<(marker?.lowerBound ?? rest.endIndex)]).trimmingCharacters(in: .whitespaces)
                pullRequest = marker.flatMap { Int(rest[$0.upperBound...].prefix { $0.isASCIIDigit }) }
                return
            }
            // Azure DevOps: `Merged PR N: title` (the branch is not named).
            if subject.hasPrefix("Merged PR ") {
                let digits = subject.dropFirst("Merged PR ".count).prefix { $0.isASCIIDigit }
                guard let number = Int(digits) else { return nil }
                pullRequest = number
                return
            }
            for prefix in ["Merge branch '", "Merge remote-tracking branch '"] where subject.hasPrefix(prefix) {
                let rest = subject.dropFirst(prefix.count)
                guard let close = rest.firstIndex(of: "'") else { return nil }
                var name = String(rest[..<close])
                if prefix.hasPrefix("Merge remote"), let slash = name.firstIndex(of: "/") {
                    name = String(name[name.index(after: slash)...])
                }
                branch = name
                if let range = body.range(of: "See merge request "), let bang = body[range.upperBound...].firstIndex(of: "!") {
                    pullRequest = Int(body[body.index(after: bang)...].prefix { $0.isASCIIDigit })
                }
                return
            }
            return nil
        }
    }

    package func group() -> [CommitGroup] {
        // Each commit's author identity, asked once (the rules below ask it of a commit several times).
        let authors = commits.map { identity($0) }
        var indexByHash: [String: Int] = [:]
        for (index, commit) in commits.enumerated() { indexByHash[commit.hash] = index }
        let knownProjects = Set(commits.compactMap { IssueKeys.inSubject($0.subject).flatMap(IssueKeys.project(of:)) })
        var claimed = [Bool](repeating: false, count: commits.count)
        // In order of first appearance, found by key through a table of positions (a table of the
        // groups themselves would hold a second, sparse copy of them).
        var groups: [CommitGroup] = []
        var positions: [String: Int] = [:]
        // Each claimed commit's group (a rebased batch asks which tasks its members went to).
        var groupOf = [Int32](repeating: -1, count: commits.count)

        // Reasons repeat across commits (an author's bursts, a pull request's members): one copy each.
        var reasons = StringInterner()

        func add(_ index: Int, to key: String, kind: WorkTask.Kind, reason: String, branch: String? = nil) {
            let position: Int
            if let known = positions[key] {
                position = known
            } else {
                position = groups.count
                positions[key] = position
                groups.append(CommitGroup(key: key, kind: kind, members: [], reasons: [], branch: branch))
            }
            groups[position].members.append(index)
            groups[position].reasons.append(reasons.intern(reason))
            if groups[position].branch == nil { groups[position].branch = branch }
            claimed[index] = true
            groupOf[index] = Int32(position)
        }

        // Rules 1 and 2 for merged branches: walk each merge's second parent back to
        // the mainline or to commits an earlier merge took.
        let mainlineChain = mainlineCommits(indexByHash)
        var mainline = [Bool](repeating: false, count: commits.count)
        for index in mainlineChain { mainline[index] = true }
        let merges = commits.indices.filter { commits[$0].isMerge }
            .sorted { (commits[$0].committerTime, $0) < (commits[$1].committerTime, $1) }
        for merge in merges {
            let commit = commits[merge]
            // An octopus merge ("Merge branches 'a', 'b' and 'c'") is one merge per parent after the
            // first, each of the branch its subject names in that place.
            var parts: [(parsed: MergeSubject, parents: ArraySlice<String>)] = []
            let octopus = MergeSubject.octopusBranches(commit.subject)
            if commit.parents.count > 2, octopus.count == commit.parents.count - 1 {
                parts = zip(octopus, commit.parents.dropFirst()).map { (MergeSubject(branch: $0), [$1][...]) }
            } else if let parsed = MergeSubject(subject: commit.subject, body: commit.body) {
                parts = [(parsed, commit.parents.dropFirst())]
            }
            var mergeTaken = false
            for (parsed, parents) in parts {
            let branchKey = parsed.branch.flatMap { IssueKeys.inBranch($0, knownProjects: knownProjects) }
            var branchCommits = walk(from: parents, indexByHash, mainline: mainline, claimed: claimed)
            // A merge off the main line (a pull request merged into a long-lived branch): its branch is
            // what the merge brought in (git's M^1..M^2), not the long-lived branch's own earlier
            // commits, which its branch started from. (On the main line, the main line stops the walk.)
            if !mainline[merge], !branchCommits.isEmpty, let first = commit.parents.first {
                let before = Set(walk(from: [first][...], indexByHash, mainline: mainline, claimed: claimed))
                branchCommits.removeAll(where: before.contains)
            }
            guard !branchCommits.isEmpty else { continue }
            // A branch whose name has no key but whose commits name exactly one: the pull
            // request is that key's task, whole (not the keyed commits apart from the rest).
            let subjectKeys = Set(branchCommits.compactMap { IssueKeys.inSubject(commits[$0].subject) })
            let key: String
            let kind: WorkTask.Kind
            let why: String
            if let branchKey {
                (key, kind, why) = (branchKey, .issue, "issue key \(branchKey) in branch \(parsed.branch ?? "")")
            } else if subjectKeys.count == 1, let only = subjectKeys.first {
                let pullRequest = parsed.pullRequest.map { "pull request #\($0)" } ?? "branch \(parsed.branch ?? "")"
                (key, kind, why) = (only, .issue, "in \(pullRequest), merged by \(commit.hash.prefix(10)), whose commits name \(only)")
            } else if let number = parsed.pullRequest {
                (key, kind, why) = ("PR #\(number)", .pullRequest, "in pull request #\(number), merged by \(commit.hash.prefix(10))")
            } else if let branch = parsed.branch, isPrototype(branch) {
                // The merge in the key: a spike's branch name is often used again for the next one.
                (key, kind, why) = (
                    "branch \(branch) \(commit.hash.prefix(10))", .pullRequest,
                    "on prototype branch \(branch), merged by \(commit.hash.prefix(10))"
                )
            } else {
                continue
            }
            var taken: [String: Int] = [:]
            for index in branchCommits {
                if let subjectKey = IssueKeys.inSubject(commits[index].subject), subjectKey != key {
                    add(index, to: subjectKey, kind: .issue, reason: "issue key \(subjectKey) in its subject")
                    taken[subjectKey, default: 0] += 1
                } else {
                    add(index, to: key, kind: kind, reason: why, branch: parsed.branch)
                    taken[key, default: 0] += 1
                }
            }
            // The merge commit goes with the branch's task; where every commit named another key,
            // with the key that took the most of them (no task of a merge commit alone). An octopus
            // merge's goes with its first branch that had commits; each branch's task ends at it.
            let mergeKey = taken[key] != nil ? key : taken.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? key
            if !mergeTaken {
                add(merge, to: mergeKey, kind: kind, reason: "the merge commit", branch: parsed.branch)
                mergeTaken = true
            }
            guard let position = positions[mergeKey] else { continue }
            if groups[position].mergeCommit == nil || groups[position].mergeCommit == merge || parts.count == 1 {
                groups[position].mergeCommit = merge
            }
            if groups[position].pullRequestTitle == nil, parts.count == 1 {
                let title = commit.body.split(separator: "\n").first.map(String.init)
                groups[position].pullRequestTitle = title
            }
            }
        }

        // Rules 1 and 3 for the rest, oldest first: a key in the subject, a squash merge, a key in
        // the branch of the session that made the commit.
        let sessionKeys = sessionKeys(claimed: claimed, knownProjects: knownProjects)
        var rest: [Int] = []
        // Commits outside any merged branch whose own subject names a key: their unkeyed follow-ups join them (rule 5).
        var directKeys: [Int: String] = [:]
        for index in commits.indices where !claimed[index] && !commits[index].isMerge {
            let subject = commits[index].subject
            if let key = IssueKeys.inSubject(subject) {
                add(index, to: key, kind: .issue, reason: "issue key \(key) in its subject")
                directKeys[index] = key
            } else if let number = IssueKeys.squashNumber(subject) {
                add(index, to: "PR #\(number)", kind: .squash, reason: "squash merge of pull request #\(number)")
            } else if let found = sessionKeys[index] {
                add(index, to: found.key, kind: .issue, reason: found.reason, branch: found.branch)
            } else {
                rest.append(index)
            }
        }

        // Rule 4 where an export tells: the main-line commits a merged pull request's export lists
        // (a "Rebase and merge" of a branch, a reviewer's suggestion commit in it by another
        // author) are that pull request's work. Joined to the one task that took some of them
        // already (by a key in a subject); else, two or more of them, the pull request's task.
        var exported: [Int: Int] = [:]  // commit index → its position in `exportedPullRequests`
        if !exportedPullRequests.isEmpty {
            var byAuthored: [String: [Int]] = [:]
            for index in mainlineChain where !commits[index].isMerge {
                byAuthored["\(commits[index].authorTime)\u{1F}\(commits[index].subject)", default: []].append(index)
            }
            for (position, pullRequest) in exportedPullRequests.enumerated() {
                var found = pullRequest.hashes.compactMap { indexByHash[$0] }.filter { mainline[$0] && !commits[$0].isMerge }
                for (time, subject) in pullRequest.authored where !subject.isEmpty {
                    found += byAuthored["\(time)\u{1F}\(subject)"] ?? []
                }
                for index in found where exported[index] == nil { exported[index] = position }
            }
        }
        var exportedMembers: [Int: [Int]] = [:]
        for (index, position) in exported { exportedMembers[position, default: []].append(index) }
        for position in exportedMembers.keys.sorted() {
            let members = (exportedMembers[position] ?? []).sorted()
            let unclaimed = members.filter { !claimed[$0] }
            guard !unclaimed.isEmpty else { continue }
            let number = exportedPullRequests[position].number
            let taken = Set(members.compactMap { groupOf[$0] >= 0 ? Int(groupOf[$0]) : nil })
            if taken.count == 1, let group = taken.first.map({ groups[$0] }) {
                for index in unclaimed {
                    add(index, to: group.key, kind: group.kind, reason: "listed in pull request #\(number)'s export with \(group.key)'s commits", branch: group.branch)
                }
            } else if taken.isEmpty && members.count > 1 {
                for index in unclaimed {
                    add(index, to: "PR #\(number)", kind: .pullRequest, reason: "listed in pull request #\(number)'s export (merged without a merge commit)")
                }
            }
        }

        // Rule 4: a branch rebased onto the main line (no merge commit) keeps its commits together:
        // consecutive main-line commits of one author, committed within a minute of each other.
        // Where such a batch holds one task's commits, its unkeyed commits join that task; where
        // it holds none, they are one task; where it holds several, the bursts decide.
        for batch in rebaseBatches(mainlineChain) {
            let unclaimed = batch.filter { !claimed[$0] }
            guard !unclaimed.isEmpty else { continue }
            let taken = Set(batch.compactMap { groupOf[$0] >= 0 ? Int(groupOf[$0]) : nil })
            let when = Timestamp.iso8601(commits[batch[0]].committerTime)
            if taken.count == 1, let position = taken.first {
                let group = groups[position]
                let anchor = batch.first { groupOf[$0] == Int32(position) }.map { String(commits[$0].hash.prefix(10)) } ?? ""
                for index in unclaimed {
                    add(
                        index, to: group.key, kind: group.kind,
                        reason: "rebased onto the main line at \(when) with \(anchor) of \(group.key), by the same author",
                        branch: group.branch)
                }
            } else if taken.isEmpty && unclaimed.count > 1 {
                let key = "burst " + commits[unclaimed[0]].hash.prefix(12)
                for (offset, index) in unclaimed.enumerated() {
                    add(
                        index, to: key, kind: .burst,
                        reason: offset == 0
                            ? "first commit of a branch by \(authors[index]) rebased onto the main line at \(when)"
                            : "rebased onto the main line at \(when) with \(commits[unclaimed[0]].hash.prefix(10)), by the same author")
                }
            }
        }
        rest.removeAll { claimed[$0] }

        // Rule 5: bursts of one author's commits with gaps of at most the burst gap. Two commits
        // that were both rewritten but landed at different moments (two rebases) were on
        // different branches: a burst ends between them.
        func rewritten(_ index: Int) -> Bool {
            commits[index].committerTime - commits[index].authorTime > Self.rebaseBatchSeconds
        }
        func landedApart(_ earlier: Int, _ later: Int) -> Bool {
            rewritten(earlier) && rewritten(later)
                && abs(commits[later].committerTime - commits[earlier].committerTime) > Self.rebaseBatchSeconds
        }
        // A follow-up: an unkeyed commit whose author's previous commit (of all their commits, so
        // no other work lies between) is a keyed one outside any merged branch, or such a follow-up,
        // within the burst gap. Committing straight to the main line, people name the key once
        // ("SHOP-12: add refunds", then "tidy up", "fix lint").
        var isRest = [Bool](repeating: false, count: commits.count)
        for index in rest { isRest[index] = true }
        var sequences: [String: [Int]] = [:]
        for index in commits.indices where !commits[index].isMerge && (isRest[index] || directKeys[index] != nil) {
            sequences[authors[index], default: []].append(index)
        }
        var followUps: [Int: String] = [:]
        if !directKeys.isEmpty {
            for index in commits.indices where !commits[index].isMerge && !isRest[index] && directKeys[index] == nil {
                // The author's other work (a pull request's commits) breaks a run of follow-ups.
                if sequences[authors[index]] != nil { sequences[authors[index]]?.append(index) }
            }
            for author in sequences.keys.sorted() {
                let ordered = (sequences[author] ?? []).sorted { (commits[$0].authorTime, $0) < (commits[$1].authorTime, $1) }
                var carried: String?
                // The files of the carried key's commits so far.
                var touched: Set<String> = []
                for (position, index) in ordered.enumerated() {
                    let paths = commits[index].files.map(\.path)
                    if let key = directKeys[index] {
                        if key != carried { touched = [] }
                        carried = key
                        touched.formUnion(paths)
                        continue
                    }
                    guard isRest[index], let key = carried, position > 0, !landedApart(ordered[position - 1], index) else {
                        carried = nil
                        continue
                    }
                    let gap = commits[index].authorTime - commits[ordered[position - 1]].authorTime
                    // Within the burst gap, or later (another day) on a file the keyed work touched when
                    // committed as written (a rebase's commits are the burst gap's to judge).
                    let later = gap <= Self.fileFollowUpSeconds && !rewritten(index) && paths.contains(where: touched.contains)
                    if gap <= burstGapSeconds || later {
                        followUps[index] = key
                        touched.formUnion(paths)
                    } else {
                        carried = nil
                    }
                }
            }
        }
        for index in rest {
            guard let key = followUps[index] else { continue }
            add(
                index, to: key, kind: .issue,
                reason: "a follow-up of the author's commit naming \(key), with no other commit of theirs between (within the burst gap, or later on a file of that work)")
        }
        rest.removeAll { claimed[$0] }

        var byAuthor: [String: [Int]] = [:]
        for index in rest { byAuthor[authors[index], default: []].append(index) }
        for author in byAuthor.keys.sorted() {
            let indexes = (byAuthor[author] ?? []).sorted { (commits[$0].authorTime, $0) < (commits[$1].authorTime, $1) }
            var key = ""
            var previous: Int64 = .min
            var last: Int?
            for index in indexes {
                let time = commits[index].authorTime
                let landedApart = last.map { landedApart($0, index) } ?? false
                last = index
                if key.isEmpty || time - previous > burstGapSeconds || landedApart {
                    key = "burst " + commits[index].hash.prefix(12)
                    add(
                        index, to: key, kind: .burst,
                        reason: landedApart
                            ? "first commit of a burst by \(author) (rebased onto the main line apart from the previous one)"
                            : "first commit of a burst by \(author)")
                } else {
                    let gap = Double(time - previous) / 3600
                    add(index, to: key, kind: .burst, reason: "\(Self.hours(gap)) after the author's previous commit")
                }
                previous = max(previous, time)
            }
        }
        positions = [:]
        for position in groups.indices {
            let members = groups[position].members
            let isSorted = zip(members, members.dropFirst()).allSatisfy {
                (commits[$0].authorTime, $0) < (commits[$1].authorTime, $1)
            }
            guard !isSorted else { continue }
            let order = members.indices.sorted {
                (commits[members[$0]].authorTime, members[$0]) < (commits[members[$1]].authorTime, members[$1])
            }
            let reasons = groups[position].reasons
            groups[position].members = order.map { members[$0] }
            groups[position].reasons = order.map { reasons[$0] }
        }
        return groups
    }

    /// For each unclaimed commit a session names, the issue key of that session's branch.
    private func sessionKeys(
        claimed: [Bool], knownProjects: Set<String>
    ) -> [Int: (key: String, branch: String, reason: String)] {
        // The shortest commit reference a log may give, as the linker reads them.
        let prefixLength = SessionLinker.prefixLength
        let keyed = sessionBranches.compactMap { session in
            IssueKeys.inBranch(session.branch, knownProjects: knownProjects).map { (session, $0) }
        }
        guard !keyed.isEmpty else { return [:] }
        var byPrefix: [Substring: [Int]] = [:]
        for (index, commit) in commits.enumerated() where !claimed[index] && !commit.isMerge {
            byPrefix[commit.hash.prefix(prefixLength), default: []].append(index)
        }
        var result: [Int: (key: String, branch: String, reason: String)] = [:]
        for (session, key) in keyed {
            for reference in session.commits where reference.count >= prefixLength {
                for index in byPrefix[reference.prefix(prefixLength)] ?? []
                where commits[index].hash.hasPrefix(reference) && result[index] == nil {
                    result[index] = (
                        key, session.branch,
                        "issue key \(key) in branch \(session.branch) of \(session.session), which made this commit"
                    )
                }
            }
        }
        return result
    }

    /// Runs of consecutive main-line commits (oldest first) of one author, each committed within
    /// `rebaseBatchSeconds` of the one before, of two commits or more, all but the newest
    /// committed more than that after they were written (rewritten, not merely made in a
    /// hurry). A merge ends a run.
    ///
    /// A run inside a rewrite of the history from its root (`git rebase --root`, run to reword, drop
    /// a secret or fix an address: every main-line commit from the root on rewritten, each
    /// committed within a minute of the one before) is no branch landing: its
    /// commits' author times tell the work apart (rule 5). Such a rewrite made twelve days of separate
    /// tasks one. Two branches landing within a minute (a merge queue) sit on older work, and stay.
    private func rebaseBatches(_ chain: [Int]) -> [[Int]] {
        var batches: [[Int]] = []
        var run: [Int] = []
        var author = ""
        // The main-line commits of a rewrite from the root, oldest first: while each is rewritten and
        // committed within a minute of the one before.
        var fromRoot: Set<Int> = []
        var last: Int?
        for index in chain.reversed() {
            let commit = commits[index]
            guard commit.committerTime - commit.authorTime > Self.rebaseBatchSeconds || commit.isMerge,
                last.map({ abs(commit.committerTime - commits[$0].committerTime) <= Self.rebaseBatchSeconds }) ?? true
            else { break }
            fromRoot.insert(index)
            last = index
        }
        func close() {
            let rewritten = run.dropLast().allSatisfy {
                commits[$0].committerTime - commits[$0].authorTime > Self.rebaseBatchSeconds
            }
            if run.count > 1 && rewritten && !run.contains(where: fromRoot.contains) { batches.append(run) }
            run = []
        }
        for index in chain.reversed() {
            let commit = commits[index]
            if commit.isMerge {
                close()
                continue
            }
            let who = identity(commit)
            if let last = run.last, who == author,
                abs(commit.committerTime - commits[last].committerTime) <= Self.rebaseBatchSeconds
            {
                run.append(index)
            } else {
                close()
                run = [index]
                author = who
            }
        }
        close()
        return batches
    }

    /// Commits reachable from `starts` that are neither on the mainline nor taken.
    private func walk(
        from starts: ArraySlice<String>, _ indexByHash: [String: Int], mainline: [Bool], claimed: [Bool]
    ) -> [Int] {
        var stack = starts.compactMap { indexByHash[$0] }
        var seen: Set<Int> = []
        var result: [Int] = []
        while let index = stack.popLast() {
            guard !mainline[index], seen.insert(index).inserted else { continue }
            // A merge an earlier merge took (a branch merged into this one first) is passed through:
            // the commits of this branch lie behind it too. A claimed commit ends the walk.
            guard !claimed[index] || commits[index].isMerge else { continue }
            if !commits[index].isMerge { result.append(index) }
            stack += commits[index].parents.compactMap { indexByHash[$0] }
        }
        return result
    }

    /// The first-parent chain of the tip that merged the most branches, newest first: the default branch.
    private func mainlineCommits(_ indexByHash: [String: Int]) -> [Int] {
        var hasChild = [Bool](repeating: false, count: commits.count)
        for commit in commits {
            for parent in commit.parents { if let index = indexByHash[parent] { hasChild[index] = true } }
        }
        let tips = commits.indices.filter { !hasChild[$0] }
            .sorted { (commits[$0].committerTime, $0) > (commits[$1].committerTime, $1) }.prefix(64)
        var best: (merges: Int, chain: [Int]) = (-1, [])
        for tip in tips {
            var chain: [Int] = []
            var merges = 0
            var current: Int? = tip
            while let index = current {
                chain.append(index)
                if commits[index].isMerge { merges += 1 }
                current = commits[index].parents.first.flatMap { indexByHash[$0] }
                if chain.count > commits.count { break }  // a cycle cannot happen in git; be safe anyway
            }
            if merges > best.merges || (merges == best.merges && chain.count > best.chain.count) { best = (merges, chain) }
        }
        return best.chain
    }

    static func hours(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 60).rounded())) min" : "\(Double(Int(value * 10)) / 10) h"
    }
}
