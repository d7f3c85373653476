/// One signal that fired for a task's category: which family of rules, what it saw,
/// which category it speaks for and with what weight. Kept with every task so
/// `multiplier tasks --explain` can show why.
package struct Evidence: Sendable, Equatable, Codable, Hashable {
    /// The rule family: `path`, `shape`, `type`, `scope`, `subject`, `branch`, `prompt`, `config`, `label`, `model`.
    package var family: String
    /// What it saw, e.g. `db/migrations/001.sql` or `"migrate"`.
    package var detail: String
    package var category: Category
    package var weight: Double

    package init(family: String, detail: String, category: Category, weight: Double) {
        self.family = family
        self.detail = detail
        self.category = category
        self.weight = weight
    }
}
