import Foundation
import Model

/// The AI share of a release counted the way projects publish it: of the lines in the
/// release's last commit that commits within the release wrote (`git blame SINCE..UNTIL`),
/// those by AI-assisted work — an AI-marked commit, or a file that a session linked to the
/// commit's task edited, as for `AIShare`. Lines rewritten or deleted within the release
/// count only as they stand at its end.
package struct SurvivingShare: Sendable, Equatable, Encodable {
    /// `SINCE..UNTIL` as given.
    package var range: String
    package var lines: Int
    package var aiLines: Int
    package var share: Double?

    enum CodingKeys: String, CodingKey { case range, lines, aiLines, share }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(range, forKey: .range)
        try container.encode(lines, forKey: .lines)
        try container.encode(aiLines, forKey: .aiLines)
        try container.encode(share, forKey: .share)
    }

    /// - Parameters:
    ///   - blame: per file, its lines at the end of the range per commit hash (commits within it).
    ///   - tasks: the tasks the commits belong to (a commit in none counts as human).
    ///   - sessionFiles: the files each session edited, by tool, a NUL and session id.
    package static func count(
        range: String, blame: [(path: String, lines: [String: Int])], tasks: [WorkTask], sessionFiles: [String: Set<String>]
    ) -> SurvivingShare {
        var marked: Set<String> = []
        var taskOf: [String: Int] = [:]
        for (index, task) in tasks.enumerated() {
            for commit in task.commits {
                taskOf[commit.hash] = index
                if !commit.aiTools.isEmpty { marked.insert(commit.hash) }
            }
        }
        var editedByTask: [Int: Set<String>] = [:]
        var lines = 0
        var aiLines = 0
        for (path, counts) in blame {
            for (hash, count) in counts {
                lines += count
                if marked.contains(hash) {
                    aiLines += count
                } else if let index = taskOf[hash] {
                    let edited = editedByTask[index] ?? tasks[index].sessions.reduce(into: Set<String>()) {
                        $0.formUnion(sessionFiles[$1.tool + "\u{0}" + $1.id] ?? [])
                    }
                    editedByTask[index] = edited
                    if edited.contains(path) { aiLines += count }
                }
            }
        }
        return SurvivingShare(
            range: range, lines: lines, aiLines: aiLines, share: lines > 0 ? RetroAnalysis.round(Double(aiLines) / Double(lines)) : nil)
    }
}
