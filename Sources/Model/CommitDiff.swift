/// What a commit added, file by file: the only part of a diff the review reads.
package struct CommitDiff: Sendable, Equatable, Codable {
    /// One added line: its number in the new file and its text (decoded lossily).
    package struct Line: Sendable, Equatable, Codable {
        package var number: Int
        package var text: String
        /// For a line whose text is kept with its secrets redacted (the review's diff cache stores
        /// none), or cut short: the kind of secret-like literal it held (`aws access key`,
        /// `hard-coded password`), or of provider's key past the cut, which the review reports; nil
        /// for a line with none, or not redacted.
        package var secret: String?

        package init(number: Int, text: String, secret: String? = nil) {
            self.number = number
            self.text = text
            self.secret = secret
        }
    }

    /// One file of the commit.
    package struct File: Sendable, Equatable, Codable {
        package enum Status: String, Sendable, Codable { case added, modified, deleted, renamed }
        package var path: String
        package var oldPath: String?
        package var status: Status
        /// Binary and submodule entries carry no lines.
        package var binary: Bool
        package var submodule: Bool
        package var added: [Line]
        /// Lines that were removed from this file (counted; kept only in `removed`).
        package var deletedCount: Int
        /// The removed lines of a file whose reader asked for them (dependency manifests: a package
        /// among them was declared before the change), numbered in the old file; empty for others.
        package var removed: [Line]
        /// More lines were added than were kept.
        package var truncated: Bool

        package init(
            path: String, oldPath: String? = nil, status: Status = .modified, binary: Bool = false, submodule: Bool = false,
            added: [Line] = [], deletedCount: Int = 0, removed: [Line] = [], truncated: Bool = false
        ) {
            self.path = path
            self.oldPath = oldPath
            self.status = status
            self.binary = binary
            self.submodule = submodule
            self.added = added
            self.deletedCount = deletedCount
            self.removed = removed
            self.truncated = truncated
        }
    }

    package var hash: String
    package var files: [File]
    /// What was capped or skipped, for the report (`src/big.json: 2000 of 48000 added lines read`).
    package var notes: [String]

    package init(hash: String, files: [File] = [], notes: [String] = []) {
        self.hash = hash
        self.files = files
        self.notes = notes
    }
}
