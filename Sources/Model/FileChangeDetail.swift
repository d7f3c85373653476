/// What git says of one file of a commit beyond the stored numstat, read again from the repository for
/// the few commits that change an assistant's context file (`report practices`): its line counts with
/// line endings and whitespace at line ends ignored, and whether it is a symbolic link after it, and to what.
package struct FileChangeDetail: Sendable, Equatable {
    /// The path after the commit (the new path of a rename).
    package var path: String
    /// The path before a rename.
    package var oldPath: String?
    /// Lines added, ignoring line endings and whitespace at line ends (`--ignore-space-at-eol`); nil for a binary file.
    package var linesAdded: Int?
    /// Lines deleted, counted the same way; nil for a binary file.
    package var linesDeleted: Int?
    /// The file is a symbolic link after the commit.
    package var isLink: Bool
    /// For a link after the commit: the path it names, as committed (relative to the link's folder).
    package var linkTarget: String?

    package init(
        path: String, oldPath: String? = nil, linesAdded: Int?, linesDeleted: Int?, isLink: Bool = false,
        linkTarget: String? = nil
    ) {
        self.path = path
        self.oldPath = oldPath
        self.linesAdded = linesAdded
        self.linesDeleted = linesDeleted
        self.isLink = isLink
        self.linkTarget = linkTarget
    }

    /// `target` as a link at `path` names it, made relative to the repository's root (`web/CLAUDE.md`
    /// naming `../AGENTS.md` names `AGENTS.md`); nil for an absolute target or one outside the repository.
    package static func resolve(_ target: String, from path: String) -> String? {
        guard !target.hasPrefix("/") else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}
