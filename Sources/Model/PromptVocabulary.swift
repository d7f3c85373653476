/// The words of a prompt that say what kind of work it is: what is kept of a
/// prompt when its text is not (the default), for the classifier to use.
///
/// A word outside this list is never stored, so a prompt's private content is not either.
package enum PromptVocabulary {
    /// Lower-case words, sorted.
    package static let words: Set<String> = [
        "algorithm", "api", "async", "auth", "authentication", "authorization", "benchmark", "bug", "bump", "cache",
        "ci", "client", "cluster", "concurrency", "config", "configuration", "consensus", "create", "crud", "crypto",
        "csv", "delete", "deploy", "dependency", "dependencies", "docs", "document", "documentation", "encrypt",
        "endpoint", "etl", "export", "feature", "fix", "format", "graph", "grammar", "import", "integration",
        "invoice", "json", "latency", "lexer", "lint", "lock", "mapping", "memory", "migrate", "migration", "mock",
        "optimize", "parse", "parser", "password", "payment", "performance", "permission", "permissions", "pricing",
        "profile", "queue", "readme", "refactor", "regex", "rename", "replication", "rest", "retry", "role", "rule",
        "rules", "schema", "secret", "security", "serialize", "sql", "sync", "table", "test", "tests", "token",
        "transform", "update", "upgrade", "validation", "webhook", "yaml",
    ]

    /// The vocabulary words of `text` with how often each occurs.
    package static func words(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in text.lowercased().split(whereSeparator: { !$0.isLetter }) where words.contains(String(token)) {
            counts[String(token), default: 0] += 1
        }
        return counts
    }
}
