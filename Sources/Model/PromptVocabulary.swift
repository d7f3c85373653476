/// The words of a prompt that say what kind of work it is: what is kept of a
/// prompt when its text is not (the default), for the classifier to use.
///
/// A word outside this list is never stored, so a prompt's private content is not either.
package enum PromptVocabulary {
    /// Lower-case words, sorted: every word of the classifier's word table (a test checks it) and a few more.
    package static let words: Set<String> = [
        "2fa", "acl", "admin", "aggregate", "algorithm", "algorithms", "allocate", "allocating", "allocation", "alter",
        "api", "assert", "ast", "astar", "async", "atomic", "attack", "audit", "auth", "authentication", "authn",
        "authorization", "authz", "backfill", "backoff", "backtracking", "batch", "bcrypt", "bench", "benchmark",
        "benchmarks", "bfs",
        "billing", "bottleneck", "bug", "bump", "cache", "cached", "caching", "calculate", "calculation", "callback",
        "certificate", "changelog", "checkout", "chore", "ci", "cleanup", "clickjacking", "client", "cluster",
        "clustering", "column", "columns", "concurrency", "concurrent", "config", "configuration", "configure",
        "consensus",
        "consistency", "consumer", "controller", "controllers", "convert", "converter", "cors", "coverage", "create",
        "crud", "crypto", "csp", "csrf", "csv", "cve", "dao", "database", "db", "ddl", "deadlock", "dedupe",
        "deduplicate", "delete", "delimiter", "dependencies", "dependency", "deploy", "deployment", "deprecate",
        "deprecated", "deps", "dfs", "diagram", "dijkstra", "discount", "discounts", "distributed", "doc", "docker",
        "dockerfile", "docs", "docstring", "document", "documentation", "e2e", "efficiency", "efficient",
        "eligibility", "encrypt", "encryption", "endpoint", "endpoints", "entity", "env", "environment", "escape",
        "escaped", "etl", "eventual", "expensive", "exploit", "export", "failover", "fast", "faster", "feature", "fee",
        "fees", "fix", "fixture", "fixtures", "flaky", "flatten", "forecast", "forecasting", "forgery", "form",
        "format", "formatting", "geohash", "grammar", "graph", "graphql", "greedy", "grpc", "handler", "harden",
        "hardening", "helm",
        "heuristic", "hoist", "hsts", "hyperloglog", "idempotency", "idempotent", "import", "imports", "index",
        "infra", "injection",
        "integrate", "integration", "integrations", "invoice", "jobs", "json", "jwt", "k8s", "kafka", "knapsack",
        "kubernetes", "latency", "lazily", "lazy", "lease", "levenshtein", "lexer", "lint", "linter", "lock",
        "locking", "lockout",
        "locks", "login", "loyalty", "map", "mapper", "mappers", "mapping", "memoization", "memoize", "memoized",
        "memory", "mfa", "migrate", "migration", "migrations", "minhash", "mock", "mocks", "model", "models",
        "mutex", "nginx",
        "normalization", "normalize", "oauth", "optimise", "optimiser", "optimization", "optimize", "optimizer",
        "outbox", "overhead", "paginate", "pagination", "parallel", "parallelism", "parallelize", "parse", "parser",
        "parsers", "parsing", "password", "payment", "payments", "perf", "performance", "permission", "permissions",
        "pin", "pipeline", "planner", "policy", "preallocate", "predict", "prediction", "prettier", "price", "pricing",
        "privilege", "producer", "production", "profile", "profiling", "promotion", "prorate", "proration",
        "prune", "quadratic", "quadtree",
        "queue",
        "queues", "race", "rank", "ranking", "rbac", "readme", "recommendation", "recommendations", "reconcile",
        "refactor", "refund", "refunds", "regex", "regexp", "rename", "replica", "replication", "reporting",
        "resource", "rest", "retries", "retry", "role", "roles", "route", "router", "routes", "routing", "rule",
        "rules", "saga", "salt", "saml", "sanitization", "sanitize", "scheduler", "scheduling", "schema", "scoring",
        "sdk", "search", "secret", "secrets", "secure", "security", "serialize", "serializer", "settings", "shipping",
        "simd", "similarity", "slow", "solver", "sorting", "spec", "speed", "speedup", "sql", "sso", "ssrf", "staging",
        "stub", "subscription", "sync", "syntax", "table", "tax", "terraform", "test", "testing", "tests", "throttle",
        "throttling", "throughput", "tidy", "tier", "tiered", "timeout", "tls", "token", "tokenize", "tokenizer",
        "tokens", "transform", "transformation", "transformer", "trie", "tutorial", "typo", "typos", "unittest",
        "unused",
        "update", "upgrade", "validation", "vectorize", "vuln", "vulnerability", "warehouse", "webhook", "webhooks",
        "wiki", "worker", "workers", "workflow", "xss", "yaml", "yml",
    ]

    /// The vocabulary words of `text` with how often each occurs.
    package static func words(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for token in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where words.contains(String(token)) {
            counts[String(token), default: 0] += 1
        }
        return counts
    }
}
