/// METHOD.md's git effort estimator, applied to the planted history: per author (joined
/// on email), non-merge commits by author time; a commit earns the gap since the
/// author's previous commit when it is at most 2 hours, else a 30-minute lead-in.
/// Bots are left out. This is what truth.json plants as `effortHours`.
///
/// Where the world exports its pull requests, a squash commit's branch commits (whose
/// times the export gives) stand in its author's timeline in its place, and it earns
/// their sum, as METHOD.md's squash rule has the estimator do.
struct EffortEstimator {
    var maximumGap: Int64 = 7200
    var leadIn: Int64 = 1800

    /// Seconds of effort per commit index.
    func effort(
        _ commits: [PlannedCommit], tasks: [PlannedTask], marks: [Int: Int], squashTimelines: Bool
    ) -> [Int: Int64] {
        // (time, commit index) entries on each author's timeline.
        var byAuthor: [String: [(time: Int64, index: Int)]] = [:]
        for (index, commit) in commits.enumerated() {
            if case .merge = commit.kind { continue }
            if let task = commit.task, tasks[task].bot != nil { continue }
            var times = [commit.author.time]
            if squashTimelines, commit.kind == .squash, let task = commit.task,
                !tasks[task].squashTimes.isEmpty, tasks[task].squashTimes.allSatisfy({ $0 <= commit.author.time })
            {
                times = tasks[task].squashTimes.sorted()
            }
            byAuthor[commit.author.email.lowercased(), default: []] += times.map { ($0, index) }
        }
        var result: [Int: Int64] = [:]
        for email in byAuthor.keys.sorted() {
            let ordered = (byAuthor[email] ?? []).sorted {
                ($0.time, marks[$0.index] ?? 0) < ($1.time, marks[$1.index] ?? 0)
            }
            var previous: Int64?
            for entry in ordered {
                let earned: Int64
                if let previous, entry.time - previous <= maximumGap {
                    earned = entry.time - previous
                } else {
                    earned = leadIn
                }
                result[entry.index, default: 0] += earned
                previous = entry.time
            }
        }
        return result
    }
}
