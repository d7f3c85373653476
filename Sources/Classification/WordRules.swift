import Foundation
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
        ("algorithm", .algorithm, 2), ("algorithms", .algorithm, 2), ("allocate", .performance, 1.2),
        ("allocating", .performance, 1.2), ("allocation", .performance, 1), ("alter", .migration, 1),
        ("api", .apiIntegration, 0.5), ("api", .crud, 0.4), ("assert", .tests, 1), ("ast", .parsing, 1),
        ("astar", .algorithm, 2), ("atomic", .distributedState, 0.8), ("attack", .security, 1.5),
        ("audit", .security, 0.8),
        ("auth", .security, 1.5), ("authentication", .security, 2), ("authn", .security, 2),
        ("authorization", .security, 2), ("authz", .security, 2), ("backfill", .migration, 1.5),
        ("backoff", .distributedState, 1), ("backtracking", .algorithm, 2), ("batch", .performance, 0.8),
        ("bcrypt", .security, 2),
        ("bench", .performance, 1.2), ("benchmark", .performance, 1.5), ("benchmarks", .performance, 1.5),
        ("bfs", .algorithm, 1.5), ("billing", .businessLogic, 1.2), ("bottleneck", .performance, 1.5),
        ("bump", .maintenance, 2), ("cache", .performance, 1.2), ("cached", .performance, 1.2),
        ("caching", .performance, 1.2), ("calculate", .businessLogic, 0.8), ("calculation", .businessLogic, 1),
        ("callback", .apiIntegration, 0.7), ("certificate", .security, 1), ("changelog", .docs, 1.5),
        ("checkout", .businessLogic, 0.5), ("chore", .maintenance, 0.5), ("ci", .config, 1.5),
        ("cleanup", .maintenance, 1.5), ("clickjacking", .security, 2), ("client", .apiIntegration, 0.8),
        ("cluster", .distributedState, 1), ("clustering", .algorithm, 1.2), ("column", .migration, 1),
        ("columns", .dataTransform, 0.4),
        ("columns", .migration, 0.8), ("concurrency", .distributedState, 1.2), ("concurrent", .distributedState, 1.2),
        ("config", .config, 1.5), ("configuration", .config, 1.5), ("configure", .config, 1.5),
        ("consensus", .distributedState, 2), ("consistency", .distributedState, 1),
        ("consumer", .distributedState, 1), ("controller", .crud, 1), ("controllers", .crud, 1),
        ("convert", .dataTransform, 1), ("converter", .dataTransform, 1), ("cors", .security, 1),
        ("coverage", .tests, 1.5), ("create", .crud, 0.4), ("crud", .crud, 2), ("crypto", .security, 1.5),
        ("csp", .security, 1.5), ("csrf", .security, 2), ("csv", .dataTransform, 0.7), ("cve", .security, 2),
        ("dao", .crud, 1), ("database", .migration, 0.5), ("db", .migration, 0.5), ("ddl", .migration, 2),
        ("deadlock", .distributedState, 1.5), ("dedupe", .distributedState, 1), ("deduplicate", .distributedState, 1),
        ("delete", .crud, 0.5), ("delimiter", .parsing, 0.8), ("dependencies", .maintenance, 1.2),
        ("dependency", .maintenance, 1.2), ("deploy", .config, 1), ("deployment", .config, 1),
        ("deprecate", .maintenance, 0.8), ("deprecated", .maintenance, 0.8), ("deps", .maintenance, 1.5),
        ("dfs", .algorithm, 1.5), ("diagram", .docs, 1), ("dijkstra", .algorithm, 2),
        ("discount", .businessLogic, 1.5), ("discounts", .businessLogic, 1.5), ("distributed", .distributedState, 2),
        ("doc", .docs, 1.5), ("docker", .config, 1.2), ("dockerfile", .config, 1.5), ("docs", .docs, 2),
        ("docstring", .docs, 1.5), ("document", .docs, 1.2), ("documentation", .docs, 2), ("e2e", .tests, 1.5),
        ("efficiency", .performance, 1.2), ("efficient", .performance, 1), ("eligibility", .businessLogic, 1.2),
        ("encrypt", .security, 1.5), ("encryption", .security, 1.5), ("endpoint", .crud, 1), ("endpoints", .crud, 1),
        ("entity", .crud, 0.5), ("env", .config, 1), ("environment", .config, 0.8), ("escape", .parsing, 0.5),
        ("escaped", .parsing, 0.7), ("etl", .dataTransform, 2), ("eventual", .distributedState, 1),
        ("expensive", .performance, 1.5), ("exploit", .security, 2), ("export", .dataTransform, 1),
        ("failover", .distributedState, 1.5), ("fast", .performance, 1), ("faster", .performance, 1),
        ("fee", .businessLogic, 1), ("fees", .businessLogic, 1), ("fixture", .tests, 1), ("fixtures", .tests, 1),
        ("flaky", .tests, 0.8), ("flatten", .dataTransform, 1), ("forecast", .algorithm, 1.5),
        ("forecasting", .algorithm, 1.5), ("forgery", .security, 2), ("form", .crud, 0.5),
        ("format", .maintenance, 1), ("formatting", .maintenance, 1.5), ("geohash", .algorithm, 1.5),
        ("grammar", .parsing, 2),
        ("graph", .algorithm, 1), ("graphql", .apiIntegration, 0.7), ("greedy", .algorithm, 1.2),
        ("grpc", .apiIntegration, 0.7),
        ("handler", .crud, 0.5), ("harden", .security, 1.5), ("hardening", .security, 1.5), ("helm", .config, 1),
        ("heuristic", .algorithm, 1.5), ("hoist", .performance, 1), ("hsts", .security, 2),
        ("hyperloglog", .algorithm, 2), ("idempotency", .distributedState, 2), ("idempotent", .distributedState, 2),
        ("import", .dataTransform, 0.5),
        ("imports", .maintenance, 0.5), ("index", .migration, 0.5), ("infra", .config, 1),
        ("injection", .security, 1.5), ("integrate", .apiIntegration, 1.5), ("integration", .apiIntegration, 1.2),
        ("integrations", .apiIntegration, 1.2), ("invoice", .businessLogic, 1), ("jobs", .distributedState, 0.6),
        ("jwt", .security, 1.5), ("k8s", .config, 1.2), ("kafka", .distributedState, 1), ("knapsack", .algorithm, 2),
        ("kubernetes", .config, 1.2), ("latency", .performance, 1.5), ("lazily", .performance, 1.2),
        ("lazy", .performance, 1), ("lease", .distributedState, 1.5), ("levenshtein", .algorithm, 2),
        ("lexer", .parsing, 2),
        ("lint", .maintenance, 1.2), ("linter", .maintenance, 1), ("lock", .distributedState, 1),
        ("locking", .distributedState, 1), ("lockout", .security, 1.5), ("locks", .distributedState, 1),
        ("login", .security, 1), ("loyalty", .businessLogic, 1), ("map", .dataTransform, 0.5),
        ("mapper", .dataTransform, 1.2), ("mappers", .dataTransform, 1.2), ("mapping", .dataTransform, 1),
        ("memoization", .performance, 1.5), ("memoize", .performance, 1.5), ("memoized", .performance, 1.5),
        ("memory", .performance, 0.8), ("mfa", .security, 1.5), ("migrate", .migration, 2),
        ("migration", .migration, 2), ("migrations", .migration, 2), ("minhash", .algorithm, 2), ("mock", .tests, 1),
        ("mocks", .tests, 1),
        ("model", .crud, 0.4), ("models", .crud, 0.4), ("mutex", .distributedState, 1.2), ("nginx", .config, 1),
        ("normalization", .dataTransform, 1), ("normalize", .dataTransform, 1), ("oauth", .apiIntegration, 0.5),
        ("oauth", .security, 1), ("optimise", .performance, 1.5), ("optimiser", .algorithm, 1.5),
        ("optimization", .performance, 1.2), ("optimize", .performance, 1.5), ("optimizer", .algorithm, 1.5),
        ("outbox", .distributedState, 1.5), ("overhead", .performance, 1.5), ("paginate", .crud, 1),
        ("pagination", .crud, 1), ("parallel", .performance, 1), ("parallelism", .performance, 1.2),
        ("parallelize", .performance, 1.5), ("parse", .parsing, 1.5), ("parser", .parsing, 2),
        ("parsers", .parsing, 2), ("parsing", .parsing, 2), ("password", .security, 1.5),
        ("payment", .businessLogic, 0.7), ("payments", .businessLogic, 0.7), ("perf", .performance, 2),
        ("performance", .performance, 2), ("permission", .security, 1.5), ("permissions", .security, 1.5),
        ("pin", .config, 0.5), ("pipeline", .dataTransform, 0.5), ("planner", .algorithm, 1),
        ("policy", .businessLogic, 1), ("preallocate", .performance, 2), ("predict", .algorithm, 1),
        ("prediction", .algorithm, 1), ("prettier", .maintenance, 1.5), ("price", .businessLogic, 1),
        ("pricing", .businessLogic, 1.5), ("privilege", .security, 1.5), ("producer", .distributedState, 1),
        ("production", .config, 0.5), ("profile", .performance, 0.8), ("profiling", .performance, 1.2),
        ("promotion", .businessLogic, 1), ("prorate", .businessLogic, 1.5),
        ("proration", .businessLogic, 1.5), ("prune", .algorithm, 1), ("quadratic", .performance, 1.5),
        ("quadtree", .algorithm, 2), ("queue", .distributedState, 1.2), ("queues", .distributedState, 1.2),
        ("race", .distributedState, 1.5),
        ("rank", .algorithm, 1), ("ranking", .algorithm, 1.5), ("rbac", .security, 2), ("readme", .docs, 2),
        ("recommendation", .algorithm, 0.8), ("recommendations", .algorithm, 0.8),
        ("reconcile", .distributedState, 1), ("refactor", .maintenance, 1), ("refund", .businessLogic, 1.2),
        ("refunds", .businessLogic, 1), ("regex", .parsing, 2), ("regexp", .parsing, 2),
        ("rename", .maintenance, 1.5), ("replica", .distributedState, 1), ("replication", .distributedState, 1.5),
        ("reporting", .dataTransform, 0.8), ("resource", .crud, 0.5), ("rest", .apiIntegration, 0.5),
        ("retries", .distributedState, 1), ("retry", .distributedState, 1), ("role", .security, 0.7),
        ("roles", .security, 0.7), ("route", .crud, 0.7), ("router", .crud, 0.5), ("routes", .crud, 0.7),
        ("routing", .algorithm, 0.8), ("rule", .businessLogic, 0.7), ("rules", .businessLogic, 0.7),
        ("saga", .distributedState, 1.5), ("salt", .security, 1), ("saml", .security, 1.5),
        ("sanitization", .security, 1.2), ("sanitize", .security, 1), ("scheduler", .algorithm, 1),
        ("scheduling", .algorithm, 1.2), ("schema", .migration, 1), ("scoring", .algorithm, 1.2),
        ("sdk", .apiIntegration, 1.2), ("search", .algorithm, 0.6), ("secret", .security, 1.2),
        ("secrets", .security, 1.2), ("secure", .security, 1.5), ("security", .security, 2),
        ("serializer", .crud, 0.5), ("settings", .config, 1), ("shipping", .businessLogic, 0.8),
        ("simd", .performance, 2), ("similarity", .algorithm, 1), ("slow", .performance, 1),
        ("solver", .algorithm, 1.5), ("sorting", .algorithm, 0.8), ("spec", .tests, 1), ("speed", .performance, 1.2),
        ("speedup", .performance, 2), ("sql", .migration, 0.6), ("sso", .security, 1.5), ("ssrf", .security, 2),
        ("staging", .config, 0.8), ("stub", .tests, 0.7), ("subscription", .businessLogic, 1),
        ("sync", .distributedState, 0.8), ("syntax", .parsing, 0.8), ("table", .migration, 0.6),
        ("tax", .businessLogic, 1.2), ("terraform", .config, 1.2), ("test", .tests, 1.5), ("testing", .tests, 1.5),
        ("tests", .tests, 1.5), ("throttle", .security, 0.8), ("throttling", .security, 0.8),
        ("throughput", .performance, 1.5), ("tidy", .maintenance, 1.2), ("tier", .businessLogic, 0.8),
        ("tiered", .businessLogic, 1), ("timeout", .config, 0.5), ("tls", .security, 1), ("token", .security, 0.8),
        ("tokenize", .parsing, 2), ("tokenizer", .parsing, 2), ("tokens", .security, 0.8),
        ("transform", .dataTransform, 1.5), ("transformation", .dataTransform, 1.5),
        ("transformer", .dataTransform, 1.2), ("trie", .algorithm, 2), ("tutorial", .docs, 1.5),
        ("typo", .docs, 1.5), ("typos", .docs, 1.5),
        ("unittest", .tests, 1.5), ("unused", .maintenance, 1.2), ("upgrade", .maintenance, 1.2),
        ("vectorize", .performance, 1.5), ("vuln", .security, 2), ("vulnerability", .security, 2),
        ("warehouse", .dataTransform, 1.2), ("webhook", .apiIntegration, 1.5), ("webhooks", .apiIntegration, 1.5),
        ("wiki", .docs, 1), ("worker", .distributedState, 0.8), ("workers", .distributedState, 0.8),
        ("workflow", .config, 0.8), ("xss", .security, 2), ("yaml", .config, 0.8), ("yml", .config, 0.8),
    ]

    /// A business's nouns, its entities and areas: they say which entity the work was on (an invoice's
    /// endpoints, a subscription model, a warehouse's), not what kind of work it was, so what they speak
    /// for counts only beside a word that speaks for it on its own (business logic: `pricing`, `discount`,
    /// `tax`, `policy`, `prorate`, …; data transformation: `etl`, `transform`, `export`, …).
    package static let domainNouns: Set<String> = [
        "billing", "checkout", "invoice", "loyalty", "payment", "payments", "refund", "refunds", "shipping", "subscription",
        "warehouse",
    ]
    /// How evidence names a domain noun (`"invoice"`).
    static let domainNounDetails = Set(domainNouns.map { "\"\($0)\"" })

    /// Terms of several words, matched on consecutive words (sorted). A phrase that matches
    /// scores as one term: its words do not also score on their own ("priority queue" is an
    /// algorithm, not a queue).
    package static let phrases: [(phrase: String, category: Category, weight: Double)] = [
        ("a b test", .businessLogic, 1), ("access control", .security, 2), ("bin packing", .algorithm, 2.5),
        ("binary search", .algorithm, 2), ("binary size", .performance, 1.5), ("bloom filter", .algorithm, 2.5),
        ("brute force", .security, 1),
        ("bundle size", .performance, 1.5), ("cache invalidation", .performance, 1.5),
        ("circuit breaker", .distributedState, 2), ("cold start", .performance, 1.5),
        ("connection pool", .performance, 1.2), ("consistent hashing", .algorithm, 2.5),
        ("constant time", .security, 1.5), ("cycle detection", .algorithm, 2.5), ("dead code", .maintenance, 1.5),
        ("dead letter", .distributedState, 2), ("dynamic programming", .algorithm, 2.5),
        ("edit distance", .algorithm, 2.5), ("exactly once", .distributedState, 2), ("fast path", .performance, 2),
        ("hot loop", .performance, 1.5),
        ("hot path", .performance, 1.5), ("in parallel", .performance, 1.5), ("input validation", .security, 1.5),
        ("interval tree", .algorithm, 2.5), ("k means", .algorithm, 2.5), ("lazy loaded", .performance, 1.5),
        ("leader election", .distributedState, 2.5),
        ("load balancing", .distributedState, 1.5), ("lock free", .performance, 1.5),
        ("memory leak", .performance, 1.5), ("memory usage", .performance, 1.5), ("n 1", .performance, 1.5),
        ("open redirect", .security, 2.5), ("path traversal", .security, 2.5), ("priority queue", .algorithm, 2.5),
        ("race condition", .distributedState, 2), ("rate limit", .security, 1.2), ("rate limiter", .security, 1.2),
        ("rate limiting", .security, 1.2), ("reservoir sampling", .algorithm, 2.5),
        ("segment tree", .algorithm, 2.5), ("session fixation", .security, 2.5), ("shortest path", .algorithm, 2.5),
        ("sliding window", .algorithm, 1.5), ("speed up", .performance, 2), ("sql injection", .security, 2.5),
        ("startup time", .performance, 1.5),
        ("third party", .apiIntegration, 1), ("topological sort", .algorithm, 2.5),
        ("two phase commit", .distributedState, 2.5), ("union find", .algorithm, 2.5), ("zero copy", .performance, 2),
    ]

    /// One term a run of words can fire: a rule word (a plural's singular) or a phrase, with its rules
    /// already scaled by its specificity and its evidence detail (the term in quotes) built once.
    package struct Match: Sendable {
        package var term: String
        /// `"term"`: how evidence names it.
        package var detail: String
        package var rules: [(category: Category, weight: Double)]
        /// Distinct per term, so that a run of words fires each term once without hashing its text.
        var id: Int
    }

    /// What one word of text can start: its own term (nil when no rule word is it or its singular),
    /// the unscaled rules of that term (for `rules(for:)`) and the phrases beginning with it, longest first.
    struct Entry: Sendable {
        var match: Match?
        var rules: [(category: Category, weight: Double)]
        var phrases: [(words: [String], match: Match)]
    }

    /// Every word that fires something, its plural forms included, resolved once from the tables: the
    /// word lookups of the hot path are one hash each, with no string built per word.
    static let entries: [String: Entry] = {
        let byWord = Dictionary(grouping: table, by: \.word).mapValues { $0.map { (category: $0.category, weight: $0.weight) } }
        var entries: [String: Entry] = [:]
        var nextID = 0
        func match(_ term: String, _ rules: [(category: Category, weight: Double)], factor: Double) -> Match {
            defer { nextID += 1 }
            return Match(term: term, detail: "\"\(term)\"", rules: rules.map { ($0.category, $0.weight * factor) }, id: nextID)
        }
        // A word resolves as `rules(for:)` always did: itself, else `…ies` as `…y`, else `…s` without the s
        // (both only for words longer than three characters).
        var terms: [String: Match] = [:]
        for (word, rules) in byWord.sorted(by: { $0.key < $1.key }) {
            let resolved = match(word, rules, factor: specificity(word))
            terms[word] = resolved
            entries[word] = Entry(match: resolved, rules: rules, phrases: [])
        }
        for (word, rules) in byWord.sorted(by: { $0.key < $1.key }) where word.hasSuffix("y") {
            let plural = String(word.dropLast()) + "ies"
            if plural.count > 3, entries[plural] == nil, let resolved = terms[word] {
                entries[plural] = Entry(match: resolved, rules: rules, phrases: [])
            }
        }
        for (word, rules) in byWord.sorted(by: { $0.key < $1.key }) {
            let plural = word + "s"
            if plural.count > 3, entries[plural] == nil, let resolved = terms[word] {
                entries[plural] = Entry(match: resolved, rules: rules, phrases: [])
            }
        }
        let grouped = Dictionary(grouping: phrases, by: \.phrase)
        var byFirstWord: [String: [(words: [String], match: Match)]] = [:]
        for (phrase, rules) in grouped.sorted(by: { $0.key < $1.key }) {
            let words = phrase.split(separator: " ").map(String.init)
            let resolved = match(phrase, rules.map { ($0.category, $0.weight) }, factor: phraseSpecificity)
            byFirstWord[words[0], default: []].append((words, resolved))
        }
        for (first, candidates) in byFirstWord {
            let ordered = candidates.sorted { ($0.words.count, $1.match.term) > ($1.words.count, $0.match.term) }
            entries[first, default: Entry(match: nil, rules: [], phrases: [])].phrases = ordered
        }
        return entries
    }()

    /// `entries` for lookups by bytes (every key is ASCII): the words of an ASCII path need no strings.
    static let entryTable = ByteTable(entries)

    /// `matches(_:)` of words given as ranges of ASCII bytes (already lowered).
    static func matches(_ words: [Range<Int>], in bytes: [UInt8]) -> [Match] {
        var result: [Match] = []
        appendMatches(words, in: bytes, to: &result)
        return result
    }

    /// `matches(_:in:)` appended to `result`, which a caller reuses for each of many runs of words (a
    /// path's components): a new array per run was a large share of reading a path. `result` must be
    /// empty, as each run's terms fire once among its own.
    static func appendMatches(_ words: [Range<Int>], in bytes: [UInt8], to result: inout [Match]) {
        var index = 0
        while index < words.count {
            guard let entry = entryTable.value(bytes[words[index]]) else {
                index += 1
                continue
            }
            if let phrase = entry.phrases.first(where: { candidate in
                index + candidate.words.count <= words.count
                    && zip(candidate.words, words[index...]).allSatisfy { stem, word in
                        let text = bytes[word]
                        let stem = stem.utf8
                        return text.elementsEqual(stem)
                            || (text.count == stem.count + 1 && text.last == UInt8(ascii: "s") && text.starts(with: stem))
                    }
            }) {
                if !result.contains(where: { $0.id == phrase.match.id }) { result.append(phrase.match) }
                index += phrase.words.count
                continue
            }
            if let match = entry.match, !result.contains(where: { $0.id == match.id }) { result.append(match) }
            index += 1
        }
    }

    /// Whether `word` is `stem` or its plural `stem` + "s" (a phrase's words match either).
    private static func isWordOrPlural(_ word: String, of stem: String) -> Bool {
        if word == stem { return true }
        let bytes = word.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return stem + "s" == word }
        return bytes.count == stem.utf8.count + 1 && bytes.last == UInt8(ascii: "s") && bytes.starts(with: stem.utf8)
    }

    /// The terms a run of words fires, each once: phrases first (their words are then spent), then
    /// single words; every weight scaled by the word's specificity.
    package static func matches(_ words: [String]) -> [Match] {
        var result: [Match] = []
        var index = 0
        while index < words.count {
            guard let entry = entries[words[index]] else {
                index += 1
                continue
            }
            if let phrase = entry.phrases.first(where: { candidate in
                index + candidate.words.count <= words.count
                    && zip(candidate.words, words[index...]).allSatisfy { isWordOrPlural($1, of: $0) }
            }) {
                if !result.contains(where: { $0.id == phrase.match.id }) { result.append(phrase.match) }
                index += phrase.words.count
                continue
            }
            if let match = entry.match, !result.contains(where: { $0.id == match.id }) { result.append(match) }
            index += 1
        }
        return result
    }

    /// A phrase is as specific as a rare word.
    static let phraseSpecificity = 1.3

    /// How telling a word is by how rarely it occurs in real commit subjects (inverse document
    /// frequency, `ln(N / (1 + rows with the word))`, from the development set), scaled to 0.5–1.5
    /// around 1 for a word in one subject of a hundred; 1 for words the set never saw... but
    /// those are rare, so they get the top factor.
    package static func specificity(_ word: String) -> Double {
        guard let rows = BaseModelWeights.documentFrequency[word] else {
            return BaseModelWeights.documentFrequency.isEmpty ? 1 : 1.3
        }
        let idf = log(Double(BaseModelWeights.subjectRows) / Double(1 + rows))
        return min(1.3, max(0.7, idf / 4.6))
    }

    /// The rules a word fires, trying a plural's singular when the word itself has none.
    package static func rules(for word: String) -> (word: String, rules: [(category: Category, weight: Double)])? {
        guard let entry = entries[word], let match = entry.match else { return nil }
        return (match.term, entry.rules)
    }

    /// `words(in:)` for ASCII text, on bytes (the common case, and much faster).
    static func asciiWords(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var words: [String] = []
        appendASCIIWords(of: bytes[...], lowered: bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, to: &words)
        return words
    }

    /// `asciiWords(in:)` of some of an ASCII text's bytes, appended to `words`; `lowered` is the whole
    /// text with its letters lowered (a word is cut from it, so it costs no copy of its own).
    static func appendASCIIWords(of bytes: ArraySlice<UInt8>, lowered: [UInt8], to words: inout [String]) {
        var ranges: [Range<Int>] = []
        appendASCIIWordRanges(of: bytes, to: &ranges)
        for range in ranges { words.append(String(decoding: lowered[range], as: UTF8.self)) }
    }

    /// Where the words of `asciiWords(in:)` are in some of an ASCII text's bytes, appended to `ranges`.
    static func appendASCIIWordRanges(of bytes: ArraySlice<UInt8>, to ranges: inout [Range<Int>]) {
        var start = -1
        var previousLower = false
        for position in bytes.indices {
            let byte = bytes[position]
            let upper = byte >= 65 && byte <= 90
            let lower = byte >= 97 && byte <= 122
            if upper || lower || (byte >= 48 && byte <= 57) {
                // A camelCase hump ends a word.
                if upper && previousLower && start >= 0 {
                    ranges.append(start..<position)
                    start = position
                }
                if start < 0 { start = position }
                previousLower = lower
            } else {
                if start >= 0 {
                    ranges.append(start..<position)
                    start = -1
                }
                previousLower = false
            }
        }
        if start >= 0 { ranges.append(start..<bytes.endIndex) }
    }

    /// Lower-case words of a text: runs of letters and digits, split at everything else and
    /// where a lower-case letter is followed by an upper-case one (`parseCSVRow` → parse, csvrow;
    /// `fooBar_baz` → foo, bar, baz).
    package static func words(in text: String) -> [String] {
        if text.allUTF8Bytes({ $0 < 0x80 }) { return asciiWords(in: text) }
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
