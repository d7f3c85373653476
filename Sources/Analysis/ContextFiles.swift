import Foundation
import Model

/// The history of a repository's assistant context files (`CLAUDE.md`, `AGENTS.md`, `GEMINI.md`,
/// `.github/copilot-instructions.md`, `.cursor/rules/*`, `.cursorrules`, aider's `CONVENTIONS.md`;
/// the per-directory ones at any depth), derived from the stored commits' per-file line counts.
/// A change is substantial when it creates the file, or adds plus deletes at least
/// `minimumLines` lines or at least `minimumShare` of the file's size in lines before it (METHOD.md).
package struct ContextFiles: Sendable, Equatable {
    /// A change this many lines (added plus deleted) or more is substantial.
    package static let minimumLines = 20
    /// …as is a change of at least this share of the file's lines before it.
    package static let minimumShare = 0.3
    /// File names that are context files in any folder.
    static let names: Set<String> = ["CLAUDE.md", "AGENTS.md", "GEMINI.md", "CONVENTIONS.md", ".cursorrules"]

    /// One commit's change of one context file.
    package struct Change: Sendable, Equatable, Encodable {
        package var repository: String
        package var path: String
        package var commit: String
        /// Committer time (when the change landed), seconds since 1970.
        package var time: Int64
        package var linesBefore: Int
        package var linesAdded: Int
        package var linesDeleted: Int
        package var linesAfter: Int
        package var created: Bool
        package var substantial: Bool
        /// Why it is (or is not) substantial, in a few words.
        package var reason: String
        /// The context file this one is a symbolic link to after the change (known with git's details only).
        package var link: String?
    }

    /// Every change of a context file, oldest first.
    package var changes: [Change]

    /// Only the substantial ones.
    package var substantial: [Change] { changes.filter(\.substantial) }

    /// SQL `LIKE` patterns that every context file's path matches (a superset: `isContextFile` decides),
    /// so a store can read only the commits that touch one.
    package static let pathPatterns = [
        "%CLAUDE.md", "%AGENTS.md", "%GEMINI.md", "%CONVENTIONS.md", "%.cursorrules", ".github/copilot-instructions.md",
        "%.cursor/rules/%",
    ]

    /// The context files that existed at `time` (seconds since 1970) by the history, with their size
    /// in lines, by path: a file whose last change before `time` left it empty or deleted is absent. A
    /// symbolic link to another context file has that file's lines (what an assistant reading it reads),
    /// and is absent while that file is.
    package func present(at time: Int64) -> [(path: String, lines: Int, link: String?)] {
        var last: [String: Change] = [:]
        for change in changes where change.time <= time { last[change.path] = change }
        let lines = last.mapValues { $0.link == nil ? $0.linesAfter : 0 }
        return last.values.compactMap { change -> (path: String, lines: Int, link: String?)? in
            let size = change.link.map { lines[$0] ?? 0 } ?? change.linesAfter
            return size > 0 ? (change.path, size, change.link) : nil
        }.sorted { $0.path < $1.path }
    }

    /// Whether a repository-relative path is an assistant context file.
    package static func isContextFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last else { return false }
        if names.contains(name) { return true }
        if path == ".github/copilot-instructions.md" { return true }
        // `.cursor/rules/…` at any depth (a rule file under the rules folder).
        for index in parts.indices.dropLast() where parts[index] == ".cursor" {
            if index + 1 < parts.count - 1, parts[index + 1] == "rules" { return true }
        }
        return false
    }

    /// The history of one repository's context files from its commits (any order; merges carry
    /// no line counts and are skipped). Sizes are running sums of added minus deleted lines.
    ///
    /// `details`, by commit hash, are what git says beyond the stored counts when the repository is
    /// at hand (`FileChangeDetailReader`): with them, only lines that changed apart from line endings
    /// and whitespace at line ends count towards a substantial change, and a change that leaves the
    /// file a symbolic link to another context file (or removes such a link) is no change of guidance:
    /// the file it names carries it, and is counted there.
    package static func history(
        repository: String, commits: [Commit], details: [String: [FileChangeDetail]] = [:]
    ) -> ContextFiles {
        let ordered = commits.filter { !$0.isMerge }.sorted {
            ($0.committerTime, $0.authorTime, $0.hash) < ($1.committerTime, $1.authorTime, $1.hash)
        }
        var sizes: [String: Int] = [:]
        // Context files that are links, and the context file each names (repository-relative).
        var links: [String: String] = [:]
        var changes: [Change] = []
        for commit in ordered {
            for file in commit.files {
                let renamedFrom = file.oldPath.flatMap { isContextFile($0) ? $0 : nil }
                guard isContextFile(file.path) || renamedFrom != nil, let added = file.linesAdded, let deleted = file.linesDeleted
                else { continue }
                let before = renamedFrom.flatMap { sizes.removeValue(forKey: $0) } ?? sizes[file.path]
                let after = max((before ?? 0) + added - deleted, 0)
                sizes[file.path] = after
                let linkedBefore = renamedFrom.flatMap { links.removeValue(forKey: $0) } ?? links.removeValue(forKey: file.path)
                let detail = details[commit.hash]?.first { $0.path == file.path }
                let linkedAfter = detail.flatMap { detail in
                    detail.isLink ? detail.linkTarget.flatMap { FileChangeDetail.resolve($0, from: file.path) } : nil
                }.flatMap { isContextFile($0) && $0 != file.path ? $0 : nil }
                if let linkedAfter { links[file.path] = linkedAfter }
                guard isContextFile(file.path) else { continue }
                let created = before == nil || before == 0
                // Lines that changed in what an assistant reads: line endings and spaces at line ends aside.
                let counted = detail.flatMap { detail in
                    detail.linesAdded.flatMap { added in detail.linesDeleted.map { added + $0 } }
                }
                let changed = counted ?? added + deleted
                let ignored = counted.map { added + deleted - $0 } ?? 0
                let aside = ignored > 0 ? ", \(added + deleted) counting line endings and spaces at line ends" : ""
                let share = (before ?? 0) > 0 ? Double(changed) / Double(before ?? 1) : 1
                // The file is now a link to another context file, or was one and is gone: the guidance is the
                // file it names, counted when that file changes (in this commit too, when both go at once; when
                // it is created, if the link came first).
                let linked = linkedAfter ?? (after == 0 ? linkedBefore : nil)
                let substantial: Bool
                let reason: String
                if let linked {
                    let what = linkedAfter == nil ? "a link to \(linked) removed" : "a link to \(linked)"
                    (substantial, reason) = (false, "\(what) (its guidance is counted there)")
                } else if created && added > 0 {
                    (substantial, reason) = (true, "created with \(added) lines")
                } else if changed >= minimumLines {
                    (substantial, reason) = (true, "\(changed) lines changed (at least \(minimumLines))\(aside)")
                } else if share >= minimumShare {
                    (substantial, reason) = (
                        true, "\(changed) of \(before ?? 0) lines changed (at least \(Int(minimumShare * 100))%)\(aside)"
                    )
                } else {
                    (substantial, reason) = (false, "\(changed) of \(before ?? 0) lines changed\(aside)")
                }
                changes.append(
                    Change(
                        repository: repository, path: file.path, commit: commit.hash, time: commit.committerTime,
                        linesBefore: before ?? 0, linesAdded: added, linesDeleted: deleted, linesAfter: after,
                        created: created && added > 0, substantial: substantial, reason: reason, link: linkedAfter))
            }
        }
        return ContextFiles(changes: changes)
    }
}
