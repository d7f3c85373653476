/// METHOD.md's git effort estimator, applied to the planted history: per author (joined
/// on email), non-merge commits by author time; a commit earns the gap since the
/// author's previous commit when it is at most 2 hours, else a 30-minute lead-in.
/// Bots are left out. This is what truth.json plants as `effortHours`.
struct EffortEstimator {
    var maximumGap: Int64 = 7200
    var leadIn: Int64 = 1800

    /// Seconds of effort per commit index.
    func effort(_ commits: [PlannedCommit], tasks: [PlannedTask], marks: [Int: Int]) -> [Int: Int64] {
        var byAuthor: [String: [Int]] = [:]
        for (index, commit) in commits.enumerated() {
            if case .merge = commit.kind { continue }
            if let task = commit.task, tasks[task].bot != nil { continue }
            byAuthor[commit.author.email.lowercased(), default: []].append(index)
        }
        var result: [Int: Int64] = [:]
        for email in byAuthor.keys.sorted() {
            let ordered = (byAuthor[email] ?? []).sorted {
                (commits[$0].author.time, marks[$0] ?? 0) < (commits[$1].author.time, marks[$1] ?? 0)
            }
            var previous: Int64?
            for index in ordered {
                let time = commits[index].author.time
                if let previous, time - previous <= maximumGap {
                    result[index] = time - previous
                } else {
                    result[index] = leadIn
                }
                previous = time
            }
        }
        return result
    }
}
