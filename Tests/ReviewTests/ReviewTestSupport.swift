import Model
@testable import Review

/// A unit of one commit that added `lines` to `path` (numbered from 1).
func unit(
    _ path: String, _ lines: [String], ai: Bool = true, category: Category = .crud, churned: Int = 0, added: Int? = nil,
    touched: Set<String>? = nil
) -> ReviewUnit {
    let file = CommitDiff.File(
        path: path, status: .modified, added: lines.enumerated().map { CommitDiff.Line(number: $0.offset + 1, text: $0.element) })
    return ReviewUnit(
        id: "t1", key: "T-1", title: "task", repository: "/repo", author: "a@example.com", ai: ai, category: category, end: 0,
        churnedLines: churned, linesAdded: added ?? lines.count, diffs: [CommitDiff(hash: "abc123", files: [file])],
        touchedPaths: touched)
}
