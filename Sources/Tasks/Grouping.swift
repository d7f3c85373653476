import Foundation
import Model
import Support

/// One group of commits before figures are computed: a task's skeleton.
package struct CommitGroup: Sendable, Equatable {
    package var key: String
    package var kind: WorkTask.Kind
    /// Indexes into the commits given to `Grouping.group`, oldest first.
    package var members: [Int]
    /// Why each member belongs, by index.
    package var reasons: [Int: String]
    package var branch: String?
    /// A pull request's title from its merge commit's body, if any.
    package var pullRequestTitle: String?
    /// The merge commit that merged it, if any (its committer time ends the cycle).
    package var mergeCommit: Int?
}

/// METHOD.md's task grouping over one repository's commits; the first rule that
/// applies wins: issue key (branch or subject), merged pull request, squash merge,
/// then bursts of one author's commits.
package struct Grouping {
    let commits: [Commit]
    let identity: (Commit) -> String
    let burstGapSeconds: Int64

    package init(commits: [Commit], identity: @escaping (Commit) -> String, burstGapHours: Double) {
        self.commits = commits
        self.identity = identity
        self.burstGapSeconds = Int64(burstGapHours * 3600)
    }

    /// A merge commit's subject, parsed.
    package struct MergeSubject: Equatable {
        package var pullRequest: Int?
        package var branch: String?

        /// GitHub's `Merge pull request #N from owner/branch`, GitLab's `Merge branch 'x' into 'y'`
        /// (with `See merge request group/project!N` in the body), and git's own `Merge branch 'x'`.
        package init?(subject: String, body: String) {
            if subject.hasPrefix("Merge pull request #") {
                let rest = subject.dropFirst("Merge pull request #".count)
                let digits = rest.prefix { $0.isASCIIDigit }
                pullRequest = Int(digits)
                if let from = rest.range(of: " from ") {
                    let source = rest[from.upperBound...].split(separator: " ").first.map(String.init) ?? ""
                    // `owner/branch`: the owner is the fork, the rest is the branch.
                    branch = source.split(separator: "/", maxSplits: 1).count == 2
                        ? String(source.split(separator: "/", maxSplits: 1)[1]) : source
                }
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
        var indexByHash: [String: Int] = [:]
        for (index, commit) in commits.enumerated() { indexByHash[commit.hash] = index }
        let knownProjects = Set(commits.compactMap { IssueKeys.inSubject($0.subject).flatMap(IssueKeys.project(of:)) })
        var claimed = [Bool](repeating: false, count: commits.count)
        // In order of first appearance, found by key through a table of positions (a table of the
        // groups themselves would hold a second, sparse copy of them).
        var groups: [CommitGroup] = []
        var positions: [String: Int] = [:]

        // Reasons repeat across commits (an author's bursts, a pull request's members): one copy each.
        var reasons = StringInterner()

        func add(_ index: Int, to key: String, kind: WorkTask.Kind, reason: String, branch: String? = nil) {
            let position: Int
            if let known = positions[key] {
                position = known
            } else {
                position = groups.count
                positions[key] = position
                groups.append(CommitGroup(key: key, kind: kind, members: [], reasons: [:], branch: branch))
            }
            groups[position].members.append(index)
            groups[position].reasons[index] = reasons.intern(reason)
            if groups[position].branch == nil { groups[position].branch = branch }
            claimed[index] = true
        }

        // Rules 1 and 2 for merged branches: walk each merge's second parent back to
        // the mainline or to commits an earlier merge took.
        let mainline = mainlineCommits(indexByHash)
        let merges = commits.indices.filter { commits[$0].isMerge }
            .sorted { (commits[$0].committerTime, $0) < (commits[$1].committerTime, $1) }
        for merge in merges {
            let commit = commits[merge]
            guard let parsed = MergeSubject(subject: commit.subject, body: commit.body) else { continue }
            let branchKey = parsed.branch.flatMap { IssueKeys.inBranch($0, knownProjects: knownProjects) }
            let key: String
            let kind: WorkTask.Kind
            let why: String
            if let branchKey {
                (key, kind, why) = (branchKey, .issue, "issue key \(branchKey) in branch \(parsed.branch ?? "")")
            } else if let number = parsed.pullRequest {
                (key, kind, why) = ("PR #\(number)", .pullRequest, "in pull request #\(number), merged by \(commit.hash.prefix(10))")
            } else {
                continue
            }
            let branchCommits = walk(from: commit.parents.dropFirst(), indexByHash, mainline: mainline, claimed: claimed)
            guard !branchCommits.isEmpty else { continue }
            for index in branchCommits {
                if let subjectKey = IssueKeys.inSubject(commits[index].subject), subjectKey != key {
                    add(index, to: subjectKey, kind: .issue, reason: "issue key \(subjectKey) in its subject")
                } else {
                    add(index, to: key, kind: kind, reason: why, branch: parsed.branch)
                }
            }
            add(merge, to: key, kind: kind, reason: "the merge commit", branch: parsed.branch)
            guard let position = positions[key] else { continue }
            groups[position].mergeCommit = merge
            if groups[position].pullRequestTitle == nil {
                let title = commit.body.split(separator: "\n").first.map(String.init)
                groups[position].pullRequestTitle = title
            }
        }

        // Rules 1 and 3 for the rest, oldest first.
        var rest: [Int] = []
        for index in commits.indices where !claimed[index] && !commits[index].isMerge {
            let subject = commits[index].subject
            if let key = IssueKeys.inSubject(subject) {
                add(index, to: key, kind: .issue, reason: "issue key \(key) in its subject")
            } else if let number = IssueKeys.squashNumber(subject) {
                add(index, to: "PR #\(number)", kind: .squash, reason: "squash merge of pull request #\(number)")
            } else {
                rest.append(index)
            }
        }

        // Rule 4: bursts of one author's commits with gaps of at most the burst gap.
        var byAuthor: [String: [Int]] = [:]
        for index in rest { byAuthor[identity(commits[index]), default: []].append(index) }
        for author in byAuthor.keys.sorted() {
            let indexes = (byAuthor[author] ?? []).sorted { (commits[$0].authorTime, $0) < (commits[$1].authorTime, $1) }
            var key = ""
            var previous: Int64 = .min
            for index in indexes {
                let time = commits[index].authorTime
                if key.isEmpty || time - previous > burstGapSeconds {
                    key = "burst " + commits[index].hash.prefix(12)
                    add(index, to: key, kind: .burst, reason: "first commit of a burst by \(author)")
                } else {
                    let gap = Double(time - previous) / 3600
                    add(index, to: key, kind: .burst, reason: "\(Self.hours(gap)) after the author's previous commit")
                }
                previous = max(previous, time)
            }
        }
        positions = [:]
        for position in groups.indices {
            groups[position].members.sort { (commits[$0].authorTime, $0) < (commits[$1].authorTime, $1) }
        }
        return groups
    }

    /// Commits reachable from `starts` that are neither on the mainline nor taken.
    private func walk(
        from starts: ArraySlice<String>, _ indexByHash: [String: Int], mainline: [Bool], claimed: [Bool]
    ) -> [Int] {
        var stack = starts.compactMap { indexByHash[$0] }
        var seen: Set<Int> = []
        var result: [Int] = []
        while let index = stack.popLast() {
            guard !mainline[index], !claimed[index], seen.insert(index).inserted else { continue }
            if !commits[index].isMerge { result.append(index) }
            stack += commits[index].parents.compactMap { indexByHash[$0] }
        }
        return result
    }

    /// The first-parent chain of the tip that merged the most branches: the default branch.
    private func mainlineCommits(_ indexByHash: [String: Int]) -> [Bool] {
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
        var mainline = [Bool](repeating: false, count: commits.count)
        for index in best.chain { mainline[index] = true }
        return mainline
    }

    static func hours(_ value: Double) -> String {
        value < 1 ? "\(Int((value * 60).rounded())) min" : "\(Double(Int(value * 10)) / 10) h"
    }
}
