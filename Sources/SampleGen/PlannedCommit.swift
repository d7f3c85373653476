/// A name, an email and an instant with its UTC offset: one `author` or `committer` line.
struct Signature: Equatable {
    var name: String
    var email: String
    var time: Int64
    var offset: Int

    /// The line git stores: `Name <email> 1785747600 +0200`.
    var gitLine: String { "\(name) <\(email)> \(time) \(Format.gitOffset(offset))" }
}

/// One change to one file, realised with concrete lines by `RepositoryWriter`.
struct FileEdit: Equatable {
    enum Operation: Equatable {
        /// Insert and delete lines (creates the file if it is missing).
        case modify(added: Int, deleted: Int)
        case delete
        /// `R from path`, then insert and delete lines in the renamed file.
        case rename(from: String, added: Int, deleted: Int)
        /// A binary blob of about this many bytes.
        case binary(bytes: Int)
    }

    var path: String
    var operation: Operation
}

/// One planned commit of the sample history, before it is written as fast-import text.
struct PlannedCommit {
    enum Kind: Equatable {
        case normal
        /// `Merge pull request #N from acme/<branch>`: the branch of this task index into main.
        case merge(task: Int)
        /// A squash merge: one commit on main, authored by the pull request's author.
        case squash
    }

    /// The task the commit belongs to, or nil for the baseline import.
    var task: Int?
    var author: Signature
    var committer: Signature
    /// The full message, ending in a newline (set by `TeamSimulation.composeMessages`).
    var message: String = ""
    /// The subject before pull-request numbers are known.
    var subject: String
    /// Trailer or footer lines added after a blank line.
    var trailer: String?
    /// A body paragraph between subject and trailer.
    var body: String?
    /// `main`, or the task's branch.
    var ref: String
    var kind: Kind
    var edits: [FileEdit]
    /// A commit that addresses review (fixups, feedback, a reviewer's own change).
    var isRework: Bool
    /// Creation order: the tie-breaker for commits with the same committer time.
    var sequence: Int
}
