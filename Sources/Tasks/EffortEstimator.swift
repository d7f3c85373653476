import Model
import Support

/// METHOD.md's git estimator: each author's commits (all repositories, each commit
/// once) sorted by author time; a commit earns the gap since the author's previous
/// commit when that is at most the maximum gap, else the lead-in — the first
/// commit of an author too. Merge and bot commits earn nothing.
package struct EffortEstimator: Sendable {
    package let maximumGapSeconds: Int64
    package let leadInHours: Double

    package init(settings: Settings) {
        maximumGapSeconds = Int64(settings.maximumCommitGapHours * 3600)
        leadInHours = settings.leadInMinutes / 60
    }

    /// One commit to estimate.
    package struct Entry: Sendable {
        package var hash: String
        package var author: String
        package var time: Int64

        package init(hash: String, author: String, time: Int64) {
            self.hash = hash
            self.author = author
            self.time = time
        }
    }

    /// Hours and the reason, by commit hash.
    package func estimate(_ entries: [Entry]) -> [String: (hours: Double, reason: String)] {
        var byAuthor: [String: [Entry]] = [:]
        var seen: Set<String> = []
        for entry in entries where seen.insert(entry.hash).inserted { byAuthor[entry.author, default: []].append(entry) }
        var result: [String: (hours: Double, reason: String)] = [:]
        seen = []
        // Reasons repeat (the same gaps, the same lead-ins): one copy each.
        var reasons = StringInterner()
        // Each author's commits are let go once estimated (the order of authors does not matter:
        // an estimate depends on its author's commits only).
        for author in Array(byAuthor.keys) {
            guard let commits = byAuthor.removeValue(forKey: author) else { continue }
            let sorted = commits.sorted { ($0.time, $0.hash) < ($1.time, $1.hash) }
            var previous: Int64?
            for commit in sorted {
                if let previous, commit.time - previous <= maximumGapSeconds {
                    let hours = Double(commit.time - previous) / 3600
                    result[commit.hash] = (hours, reasons.intern("\(Grouping.hours(hours)) since the author's previous commit"))
                } else {
                    result[commit.hash] = (
                        leadInHours,
                        previous == nil
                            ? "lead-in: the author's first commit"
                            : reasons.intern("lead-in: more than \(Grouping.hours(Double(maximumGapSeconds) / 3600)) since the author's previous commit")
                    )
                }
                previous = commit.time
            }
        }
        return result
    }
}
