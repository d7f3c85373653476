/// What the classifier looks at for one task: no hashes, no people, no effort.
package struct TaskTraits: Sendable, Equatable {
    /// Repository-relative paths the task changed (each once).
    package var files: [String]
    /// Commit subjects (merge commits' titles included), and the pull request's title if any.
    package var subjects: [String]
    /// Branch names from merge subjects and linked sessions.
    package var branches: [String]
    /// Vocabulary words of the linked sessions' prompts, with counts (see `PromptVocabulary`).
    package var promptWords: [String: Int]
    /// Each commit on its own, for the base model, which learned from single commits: a task of
    /// two or more is scored commit by commit (empty: the task is read as one commit).
    package var commits: [Commit]
    /// Every file the task changed was moved or renamed with no line changed (`git mv` of a folder):
    /// housekeeping, whatever the folders are called.
    package var movedOnly: Bool = false

    /// One commit's subject, files and size.
    package struct Commit: Sendable, Equatable {
        package var subject: String
        package var files: [String]
        /// Lines added and deleted in files that count toward size: the commit's weight.
        package var lines: Int

        package init(subject: String, files: [String], lines: Int) {
            self.subject = subject
            self.files = files
            self.lines = lines
        }
    }

    package init(
        files: [String] = [], subjects: [String] = [], branches: [String] = [], promptWords: [String: Int] = [:],
        commits: [Commit] = []
    ) {
        self.files = files
        self.subjects = subjects
        self.branches = branches
        self.promptWords = promptWords
        self.commits = commits
    }
}
