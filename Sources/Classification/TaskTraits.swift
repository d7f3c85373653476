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

    package init(files: [String] = [], subjects: [String] = [], branches: [String] = [], promptWords: [String: Int] = [:]) {
        self.files = files
        self.subjects = subjects
        self.branches = branches
        self.promptWords = promptWords
    }
}
