import Model

/// Words that say what kind of work something is, with how strongly. One table
/// serves commit subjects, conventional-commit scopes, branch names, prompt words
/// and the words of file paths, each family with its own overall weight.
///
/// The table is sorted by word (a test checks it), and every category but
/// `unclassified` has words. Prefer words any team uses over one team's nouns.
package enum WordRules {
    package static let table: [(word: String, category: Category, weight: Double)] = [
        ("2fa", .security, 1.5), ("acl", .security, 1.5), ("admin", .crud, 0.5), ("aggregate", .dataTransform, 0.8),
        ("algorithm", .algorithm, 2), ("algorithms", .algorithm, 2), ("allocation", .performance, 1),
        ("alter", .migration, 1), ("api", .apiIntegration, 0.5), ("api", .crud, 0.4), ("assert", .tests, 1),
        ("ast", .parsing, 1), ("atomic", .distributedState, 0.8), ("audit", .security, 0.8), ("auth", .security, 1.5),
        ("authentication", .security, 2), ("authn", .security, 2), ("authorization", .security, 2),
        ("authz", .security, 2), ("backfill", .migration, 1.5), ("backoff", .distributedState, 1),
        ("batch", .performance, 0.8), ("bench", .performance, 1.2), ("benchmark", .performance, 1.5),
        ("benchmarks", .performance, 1.5), ("bfs", .algorithm, 1.5), ("billing", .businessLogic, 1.2),
        ("bump", .maintenance, 2), ("cache", .performance, 1.2), ("caching", .performance, 1.2),
        ("calculate", .businessLogic, 0.8), ("calculation", .businessLogic, 1), ("callback", .apiIntegration, 0.7),
        ("certificate", .security, 1), ("changelog", .docs, 1.5), ("checkout", .businessLogic, 0.5),
        ("chore", .maintenance, 0.5), ("ci", .config, 1.5), ("cleanup", .maintenance, 1.5),
        ("client", .apiIntegration, 0.8), ("cluster", .distributedState, 1), ("column", .migration, 1),
        ("columns", .dataTransform, 0.4), ("columns", .migration, 0.8), ("concurrency", .distributedState, 1.2),
        ("concurrent", .distributedState, 1.2), ("config", .config, 1.5), ("configuration", .config, 1.5),
        ("configure", .config, 1.5), ("consensus", .distributedState, 2), ("consistency", .distributedState, 1),
        ("consumer", .distributedState, 1), ("controller", .crud, 1), ("controllers", .crud, 1),
        ("convert", .dataTransform, 1), ("converter", .dataTransform, 1), ("coverage", .tests, 1.5),
        ("create", .crud, 0.4), ("crud", .crud, 2), ("crypto", .security, 1.5), ("csrf", .security, 2),
        ("csv", .dataTransform, 0.7), ("cve", .security, 2), ("dao", .crud, 1), ("database", .migration, 0.5),
        ("db", .migration, 0.5), ("ddl", .migration, 2), ("deadlock", .distributedState, 1.5),
        ("dedupe", .distributedState, 1), ("deduplicate", .distributedState, 1), ("delete", .crud, 0.5),
        ("delimiter", .parsing, 0.8), ("dependencies", .maintenance, 1.2), ("dependency", .maintenance, 1.2),
        ("deploy", .config, 1), ("deployment", .config, 1), ("deprecate", .maintenance, 0.8),
        ("deprecated", .maintenance, 0.8), ("deps", .maintenance, 1.5), ("dfs", .algorithm, 1.5),
        ("diagram", .docs, 1), ("dijkstra", .algorithm, 2), ("discount", .businessLogic, 1.5),
        ("discounts", .businessLogic, 1.5), ("distributed", .distributedState, 2), ("doc", .docs, 1.5),
        ("docker", .config, 1.2), ("dockerfile", .config, 1.5), ("docs", .docs, 2), ("docstring", .docs, 1.5),
        ("document", .docs, 1.2), ("documentation", .docs, 2), ("e2e", .tests, 1.5),
        ("eligibility", .businessLogic, 1.2), ("encrypt", .security, 1.5), ("encryption", .security, 1.5),
        ("endpoint", .crud, 1), ("endpoints", .crud, 1), ("entity", .crud, 0.5), ("env", .config, 1),
        ("environment", .config, 0.8), ("escape", .parsing, 0.5), ("escaped", .parsing, 0.7),
        ("etl", .dataTransform, 2), ("eventual", .distributedState, 1), ("export", .dataTransform, 1),
        ("failover", .distributedState, 1.5), ("faster", .performance, 1), ("fee", .businessLogic, 1),
        ("fees", .businessLogic, 1), ("fixture", .tests, 1), ("fixtures", .tests, 1), ("flaky", .tests, 0.8),
        ("flatten", .dataTransform, 1), ("form", .crud, 0.5), ("format", .maintenance, 1),
        ("formatting", .maintenance, 1.5), ("grammar", .parsing, 2), ("graph", .algorithm, 1),
        ("graphql", .apiIntegration, 0.7), ("grpc", .apiIntegration, 0.7), ("handler", .crud, 0.5),
        ("harden", .security, 1.5), ("hardening", .security, 1.5), ("helm", .config, 1),
        ("heuristic", .algorithm, 1.5), ("idempotency", .distributedState, 2), ("idempotent", .distributedState, 2),
        ("import", .dataTransform, 0.5), ("imports", .maintenance, 0.5), ("index", .migration, 0.5),
        ("infra", .config, 1), ("injection", .security, 1.5), ("integrate", .apiIntegration, 1.5),
        ("integration", .apiIntegration, 1.2), ("integrations", .apiIntegration, 1.2), ("invoice", .businessLogic, 1),
        ("jobs", .distributedState, 0.6), ("jwt", .security, 1.5), ("k8s", .config, 1.2),
        ("kafka", .distributedState, 1), ("knapsack", .algorithm, 2), ("kubernetes", .config, 1.2),
        ("latency", .performance, 1.5), ("lease", .distributedState, 1.5), ("lexer", .parsing, 2),
        ("lint", .maintenance, 1.2), ("linter", .maintenance, 1), ("lock", .distributedState, 1),
        ("locking", .distributedState, 1), ("locks", .distributedState, 1), ("login", .security, 1),
        ("loyalty", .businessLogic, 1), ("map", .dataTransform, 0.5), ("mapper", .dataTransform, 1.2),
        ("mappers", .dataTransform, 1.2), ("mapping", .dataTransform, 1), ("memory", .performance, 0.8),
        ("mfa", .security, 1.5), ("migrate", .migration, 2), ("migration", .migration, 2),
        ("migrations", .migration, 2), ("mock", .tests, 1), ("mocks", .tests, 1), ("model", .crud, 0.4),
        ("models", .crud, 0.4), ("mutex", .distributedState, 1.2), ("nginx", .config, 1),
        ("normalization", .dataTransform, 1), ("normalize", .dataTransform, 1), ("oauth", .apiIntegration, 0.5),
        ("oauth", .security, 1), ("optimise", .performance, 1.5), ("optimization", .performance, 1.2),
        ("optimize", .performance, 1.5), ("outbox", .distributedState, 1.5), ("paginate", .crud, 1),
        ("pagination", .crud, 1), ("parse", .parsing, 1.5), ("parser", .parsing, 2), ("parsers", .parsing, 2),
        ("parsing", .parsing, 2), ("password", .security, 1.5), ("payment", .businessLogic, 0.7),
        ("payments", .businessLogic, 0.7), ("perf", .performance, 2), ("performance", .performance, 2),
        ("permission", .security, 1.5), ("permissions", .security, 1.5), ("pin", .config, 0.5),
        ("pipeline", .dataTransform, 0.5), ("policy", .businessLogic, 1), ("prettier", .maintenance, 1.5),
        ("price", .businessLogic, 1), ("pricing", .businessLogic, 1.5), ("privilege", .security, 1.5),
        ("producer", .distributedState, 1), ("production", .config, 0.5), ("profile", .performance, 0.8),
        ("profiling", .performance, 1.2), ("promotion", .businessLogic, 1), ("prune", .algorithm, 1),
        ("queue", .distributedState, 1.2), ("queues", .distributedState, 1.2), ("race", .distributedState, 1.5),
        ("rank", .algorithm, 1), ("ranking", .algorithm, 1.5), ("rbac", .security, 2), ("readme", .docs, 2),
        ("recommendation", .algorithm, 0.8), ("recommendations", .algorithm, 0.8),
        ("reconcile", .distributedState, 1), ("refactor", .maintenance, 1), ("refund", .businessLogic, 1.2),
        ("refunds", .businessLogic, 1), ("regex", .parsing, 2), ("regexp", .parsing, 2),
        ("rename", .maintenance, 1.5), ("replica", .distributedState, 1), ("replication", .distributedState, 1.5),
        ("reporting", .dataTransform, 0.8), ("resource", .crud, 0.5), ("rest", .apiIntegration, 0.5),
        ("retries", .distributedState, 1), ("retry", .distributedState, 1), ("role", .security, 0.7),
        ("roles", .security, 0.7), ("route", .crud, 0.7), ("router", .crud, 0.5), ("routes", .crud, 0.7),
        ("rule", .businessLogic, 0.7), ("rules", .businessLogic, 0.7), ("saga", .distributedState, 1.5),
        ("saml", .security, 1.5), ("sanitize", .security, 1), ("schema", .migration, 1), ("scoring", .algorithm, 1.2),
        ("sdk", .apiIntegration, 1.2), ("search", .algorithm, 0.6), ("secret", .security, 1.2),
        ("secrets", .security, 1.2), ("secure", .security, 1.5), ("security", .security, 2),
        ("serializer", .crud, 0.5), ("settings", .config, 1), ("shipping", .businessLogic, 0.8),
        ("similarity", .algorithm, 1), ("slow", .performance, 1), ("solver", .algorithm, 1.5),
        ("sorting", .algorithm, 0.8), ("spec", .tests, 1), ("speed", .performance, 1.2), ("sql", .migration, 0.6),
        ("sso", .security, 1.5), ("staging", .config, 0.8), ("stub", .tests, 0.7),
        ("subscription", .businessLogic, 1), ("sync", .distributedState, 0.8), ("syntax", .parsing, 0.8),
        ("table", .migration, 0.6), ("tax", .businessLogic, 1.2), ("terraform", .config, 1.2), ("test", .tests, 1.5),
        ("testing", .tests, 1.5), ("tests", .tests, 1.5), ("throughput", .performance, 1.5),
        ("tidy", .maintenance, 1.2), ("tier", .businessLogic, 0.8), ("tiered", .businessLogic, 1),
        ("timeout", .config, 0.5), ("tls", .security, 1), ("token", .security, 0.8), ("tokenize", .parsing, 2),
        ("tokenizer", .parsing, 2), ("tokens", .security, 0.8), ("transform", .dataTransform, 1.5),
        ("transformation", .dataTransform, 1.5), ("transformer", .dataTransform, 1.2), ("tutorial", .docs, 1.5),
        ("typo", .docs, 1.5), ("typos", .docs, 1.5), ("unittest", .tests, 1.5), ("unused", .maintenance, 1.2),
        ("upgrade", .maintenance, 1.2), ("vulnerability", .security, 2), ("warehouse", .dataTransform, 1.2),
        ("webhook", .apiIntegration, 1.5), ("webhooks", .apiIntegration, 1.5), ("wiki", .docs, 1),
        ("worker", .distributedState, 0.8), ("workers", .distributedState, 0.8), ("workflow", .config, 0.8),
        ("xss", .security, 2), ("yaml", .config, 0.8), ("yml", .config, 0.8),
    ]

    /// Phrases of several words, matched on the space-joined lower-case words.
    package static let phrases: [(phrase: String, category: Category, weight: Double)] = [
        ("constant time", .security, 1.5), ("dead code", .maintenance, 1.5), ("exactly once", .distributedState, 2),
        ("hot path", .performance, 1.5), ("n 1", .performance, 1.5), ("race condition", .distributedState, 2),
        ("rate limit", .apiIntegration, 0.8), ("third party", .apiIntegration, 1),
    ]

    private static let byWord: [String: [(category: Category, weight: Double)]] = Dictionary(
        grouping: table, by: \.word
    ).mapValues { $0.map { ($0.category, $0.weight) } }

    /// The rules a word fires, trying a plural's singular when the word itself has none.
    package static func rules(for word: String) -> (word: String, rules: [(category: Category, weight: Double)])? {
        if let rules = byWord[word] { return (word, rules) }
        if word.count > 3, word.hasSuffix("ies"), let rules = byWord[String(word.dropLast(3)) + "y"] {
            return (String(word.dropLast(3)) + "y", rules)
        }
        if word.count > 3, word.hasSuffix("s"), let rules = byWord[String(word.dropLast())] {
            return (String(word.dropLast()), rules)
        }
        return nil
    }

    /// `words(in:)` for ASCII text, on bytes (the common case, and much faster).
    static func asciiWords(in text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        for byte in text.utf8 {
            let upper = byte >= 65 && byte <= 90
            let lower = byte >= 97 && byte <= 122
            let digit = byte >= 48 && byte <= 57
            if upper || lower || digit {
                if upper && previousLower && !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                current.append(upper ? byte + 32 : byte)
                previousLower = lower
            } else {
                if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Lower-case words of a text: letters and digits, split at everything else and at
    /// camelCase humps (`parseCSVRow` → parse, csv, row).
    package static func words(in text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(in: text) }
        var words: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character.isLetter || character.isNumber {
                if !current.isEmpty, character.isUppercase, previous.isLowercase {
                    words.append(current.lowercased())
                    current = ""
                }
                current.append(character)
            } else if !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
            previous = character
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}
