/// The fictional team and the kinds of work it does: what the generator draws from.
enum Catalog {
    struct Developer {
        let login: String
        let name: String
        let email: String
        /// UTC offset in minutes.
        let offset: Int
        /// `claude-code`, `codex`, `aider`, or nil for someone who rarely uses AI.
        let tool: String?
        /// Chance that a task of theirs is AI-assisted.
        let aiShare: Double
        /// Whether they write conventional-commit subjects.
        let conventional: Bool
        let checkout: String
    }

    static let developers = [
        Developer(
            login: "alice", name: "Alice Martin", email: "alice@acme.example", offset: 120, tool: "claude-code",
            aiShare: 0.65, conventional: true, checkout: "/home/alice/src/acme-shop"),
        Developer(
            login: "bob", name: "Bob Okafor", email: "bob@acme.example", offset: -300, tool: "claude-code",
            aiShare: 0.55, conventional: false, checkout: "/Users/bob/code/acme-shop"),
        Developer(
            login: "carol", name: "Carol Iyer", email: "carol@acme.example", offset: 330, tool: "codex",
            aiShare: 0.55, conventional: true, checkout: "/home/carol/work/acme-shop"),
        Developer(
            login: "dave", name: "Dave Kowalski", email: "dave@acme.example", offset: 0, tool: "aider",
            aiShare: 0.5, conventional: false, checkout: "/home/dave/projects/acme-shop"),
        Developer(
            login: "erin", name: "Erin Novak", email: "erin@acme.example", offset: 60, tool: "claude-code",
            aiShare: 0.2, conventional: true, checkout: "/home/erin/src/acme-shop"),
    ]

    struct Kind {
        let category: String
        let zone: String
        /// Planted AI/human effort ratio.
        let ratio: Double
        /// Median human effort, hours.
        let hours: Double
        let weight: Double
        let type: String
        let scope: String
        /// Subject templates; `{x}` is replaced by a noun.
        let subjects: [String]
        let nouns: [String]
        /// Path templates; `{x}` is replaced by the noun.
        let paths: [String]
    }

    static let kinds: [Kind] = [
        Kind(
            category: "crud", zone: "strength", ratio: 0.45, hours: 5, weight: 1.2, type: "feat", scope: "api",
            subjects: ["Add CRUD endpoints for {x}", "Create, update and delete {x} records", "List and filter {x} endpoint"],
            nouns: ["customer", "product", "coupon", "address", "wishlist", "supplier"],
            paths: ["src/api/routes/{x}.ts", "src/models/{x}.ts", "src/services/{x}Service.ts", "tests/api/{x}.test.ts"]),
        Kind(
            category: "data-transform", zone: "strength", ratio: 0.55, hours: 4, weight: 1, type: "feat", scope: "etl",
            subjects: ["Transform {x} export to CSV", "Map {x} records to the reporting schema", "Convert {x} feed to JSON lines"],
            nouns: ["order", "inventory", "refund", "shipment", "invoice"],
            paths: ["src/etl/{x}Transform.ts", "src/etl/mappers/{x}Mapper.ts", "tests/etl/{x}Transform.test.ts"]),
        Kind(
            category: "api-integration", zone: "strength", ratio: 0.6, hours: 6, weight: 1, type: "feat",
            scope: "integrations",
            subjects: ["Integrate the {x} API client", "Handle {x} webhook callbacks", "Call the {x} REST API for rates"],
            nouns: ["stripe", "shippo", "sendgrid", "twilio", "avalara"],
            paths: ["src/integrations/{x}/client.ts", "src/integrations/{x}/webhook.ts", "tests/integrations/{x}.test.ts"]),
        Kind(
            category: "tests", zone: "strength", ratio: 0.4, hours: 3, weight: 1, type: "test", scope: "",
            subjects: ["Add tests for {x}", "Cover {x} edge cases with unit tests", "Increase test coverage of {x}"],
            nouns: ["cart", "checkout", "orders", "search", "session"],
            paths: ["tests/unit/{x}.test.ts", "tests/unit/{x}Helpers.test.ts", "tests/fixtures/{x}.json"]),
        Kind(
            category: "parsing", zone: "strength", ratio: 0.5, hours: 4, weight: 1, type: "feat", scope: "parser",
            subjects: ["Parse {x} with a tokenizer", "Regex parser for {x}", "Parse and validate {x} input"],
            nouns: ["address", "query", "csvImport", "sku", "promoCode"],
            paths: ["src/parsers/{x}Parser.ts", "src/parsers/{x}Lexer.ts", "tests/parsers/{x}Parser.test.ts"]),
        Kind(
            category: "migration", zone: "strength", ratio: 0.65, hours: 2.5, weight: 0.9, type: "feat", scope: "db",
            subjects: ["Migrate {x} table: add columns", "Add {x} index migration", "Schema migration for {x}"],
            nouns: ["orders", "users", "payments", "carts", "reviews"],
            paths: ["db/migrations/2026_{x}.sql", "src/models/{x}.ts"]),
        Kind(
            category: "config", zone: "strength", ratio: 0.7, hours: 2, weight: 0.9, type: "chore", scope: "config",
            subjects: ["Configure {x} settings", "Update CI workflow for {x}", "Add {x} deployment config"],
            nouns: ["staging", "production", "docker", "lint", "cache"],
            paths: ["config/{x}.yml", ".github/workflows/ci.yml", "Dockerfile"]),
        Kind(
            category: "algorithm", zone: "weak", ratio: 1.0, hours: 8, weight: 1, type: "feat", scope: "search",
            subjects: ["Implement {x} ranking algorithm", "New {x} scoring algorithm", "Graph algorithm for {x}"],
            nouns: ["relevance", "recommendation", "bundle", "route", "similarity"],
            paths: ["src/search/{x}Ranking.ts", "src/algorithms/{x}.ts", "tests/algorithms/{x}.test.ts"]),
        Kind(
            category: "performance", zone: "weak", ratio: 1.1, hours: 7, weight: 1, type: "perf", scope: "",
            subjects: ["Optimize {x} hot path", "Reduce {x} latency with caching", "Speed up {x} query"],
            nouns: ["catalog", "checkout", "search", "pricing", "inventory"],
            paths: ["src/cache/{x}Cache.ts", "src/db/{x}Queries.ts", "bench/{x}.bench.ts"]),
        Kind(
            category: "distributed-state", zone: "weak", ratio: 1.15, hours: 9, weight: 1, type: "fix", scope: "jobs",
            subjects: ["Fix race in {x} queue", "Make {x} sync idempotent with retries", "Distributed lock for {x}"],
            nouns: ["order", "inventory", "payment", "email", "cart"],
            paths: ["src/jobs/{x}Queue.ts", "src/sync/{x}Sync.ts", "src/jobs/lock.ts"]),
        Kind(
            category: "security", zone: "weak", ratio: 0.95, hours: 6, weight: 1, type: "fix", scope: "auth",
            subjects: ["Check {x} permissions", "Harden {x} authentication", "Rotate {x} secrets and tokens"],
            nouns: ["admin", "session", "api key", "password reset", "role"],
            paths: ["src/auth/{x}.ts", "src/auth/permissions.ts", "src/crypto/tokens.ts"]),
        Kind(
            category: "business-logic", zone: "weak", ratio: 0.9, hours: 6, weight: 1.1, type: "feat", scope: "orders",
            subjects: ["Apply {x} discount rules", "Calculate {x} pricing", "Handle {x} refund policy"],
            nouns: ["loyalty", "bulk", "seasonal", "partial", "subscription"],
            paths: ["src/payments/{x}Rules.ts", "src/orders/{x}Pricing.ts", "src/pricing/{x}.ts"]),
        Kind(
            category: "docs", zone: "neutral", ratio: 0.5, hours: 1.5, weight: 0.5, type: "docs", scope: "",
            subjects: ["Document {x}", "Update the {x} guide", "Write README section on {x}"],
            nouns: ["deployment", "api", "architecture", "onboarding"],
            paths: ["docs/{x}.md", "README.md"]),
        Kind(
            category: "maintenance", zone: "neutral", ratio: 0.7, hours: 2, weight: 0.4, type: "refactor", scope: "",
            subjects: ["Rename {x} helpers", "Format {x} module", "Clean up {x} imports"],
            nouns: ["date", "money", "logging", "string"],
            paths: ["src/utils/{x}.ts", "src/utils/index.ts"]),
    ]
}
