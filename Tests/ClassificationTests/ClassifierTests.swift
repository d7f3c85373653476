import Foundation
import Model
import Testing
@testable import Classification

@Suite("The rule-based classifier")
struct ClassifierTests {
    let classifier = Classifier()

    func category(_ traits: TaskTraits) -> Category { classifier.classify(traits).category }

    @Test("in a task of several commits, a spec beside the code and a test-worded follow-up count by the test files' share")
    func testsBesideCode() {
        let files = [
            "app/controllers/orders_controller.rb", "app/models/order.rb", "app/views/orders/index.html.erb",
            "spec/requests/orders_spec.rb",
        ]
        let commits = [
            TaskTraits.Commit(subject: "Add CRUD endpoints for orders", files: files, lines: 58),
            TaskTraits.Commit(subject: "Add missing test", files: Array(files.prefix(2)), lines: 59),
        ]
        let task = TaskTraits(files: files, subjects: commits.map(\.subject), commits: commits)
        let kinds = files.map(PathRules.kind(of:))
        // One test file of four (three sources): a share of 1/4, so tests evidence counts half.
        #expect(Classifier.testShare(kinds) == 0.25)
        let scaled = Classifier.scalingTests(classifier.signals(task), share: 0.25)
        let plain = classifier.signals(task)
        for (before, after) in zip(plain, scaled) {
            #expect(after.weight == (before.category == .tests ? before.weight * 0.5 : before.weight))
        }
        // Five source files and their spec, with the spec's follow-up: crud, not tests.
        let crudFiles = [
            "app/controllers/orders_controller.rb", "app/models/order.rb", "app/views/orders/index.html.erb",
            "app/views/orders/_form.html.erb", "config/routes.rb", "spec/requests/orders_spec.rb",
        ]
        let crudCommits = [
            TaskTraits.Commit(subject: "Add CRUD endpoints for orders", files: crudFiles, lines: 58),
            TaskTraits.Commit(subject: "Add missing test", files: ["spec/requests/orders_spec.rb"], lines: 20),
        ]
        let crudResult = classifier.classify(TaskTraits(files: crudFiles, subjects: crudCommits.map(\.subject), commits: crudCommits))
        #expect(crudResult.category == .crud)
        // A task of test files only, and one commit, are read as before.
        #expect(Classifier.testShare([.test, .test]) == 1)
        let single = TaskTraits(files: files, subjects: ["Add missing test"])
        #expect(classifier.classify(single) == classifier.classify(TaskTraits(files: files, subjects: ["Add missing test"], commits: [commits[1]])))
    }

    @Test("file paths alone decide the common kinds of work", arguments: [
        (["db/migrations/20240101_add_orders.sql"], Category.migration),
        (["db/migrate/20240101120000_add_index.rb"], .migration),
        (["Tests/ParserTests/LexerTests.swift", "Sources/Parser/Lexer.swift"], .parsing),
        (["pkg/auth/jwt.go", "pkg/auth/jwt_test.go"], .security),
        (["src/crypto/keys.rs"], .security),
        (["bench/hash_bench.go", "internal/cache/lru.go"], .performance),
        ([".github/workflows/ci.yml"], .config),
        (["internal/queue/consumer.go", "internal/locks/lease.go"], .distributedState),
        (["src/integrations/stripe/client.ts", "src/integrations/stripe/webhook.ts"], .apiIntegration),
        (["docs/guide.md", "README.md"], .docs),
        (["package.json", "package-lock.json"], .maintenance),
        (["src/billing/pricing.py", "src/billing/tax.py"], .businessLogic),
        (["src/etl/orders_transform.py", "src/etl/mappers.py"], .dataTransform),
        (["app/controllers/users_controller.rb", "app/models/user.rb"], .crud),
        (["src/search/algorithms/ranking.ts"], .algorithm),
    ])
    func paths(files: [String], expected: Category) {
        #expect(category(TaskTraits(files: files)) == expected)
    }

    @Test("a source file's own test file says nothing of tests work; the data structure's name says what it is")
    func companionTests() {
        let feature = classifier.classify(
            TaskTraits(files: ["pkg/sched/worker.go", "pkg/sched/worker_test.go"], subjects: ["feat(sched): add the thing"]))
        #expect(feature.category != .tests)
        #expect(!feature.evidence.contains { $0.category == .tests && $0.family == "path" })
        #expect(
            category(TaskTraits(files: ["pkg/sched/trie_autocomplete.go", "pkg/sched/trie_autocomplete_test.go"],
                                subjects: ["feat(sched): implement trie autocomplete"])) == .algorithm)
        #expect(category(TaskTraits(subjects: ["Add a bloom filter to dedup events"])) == .algorithm)
        // More test files than sources: the tests are the work.
        let mostlyTests = classifier.classify(TaskTraits(files: ["src/a.ts", "tests/a.test.ts", "tests/b.test.ts"]))
        #expect(mostlyTests.evidence.contains { $0.category == .tests && $0.family == "path" })
    }

    @Test("a folder named after a business area counts less than the same word in a file name")
    func domainFolders() {
        func weight(_ files: [String]) -> Double {
            classifier.signals(TaskTraits(files: files)).filter { $0.category == .businessLogic }.reduce(0) { $0 + $1.weight }
        }
        // `tax`, not a business area's noun (`billing`), which alone says nothing of business logic (EntityWorkTests).
        let inFolder = weight(["tax/views.py"])
        let inName = weight(["app/tax.py"])
        #expect(inFolder > 0 && inFolder < inName * 0.6)
    }

    @Test("the base model alone is as sure as its probability above its floor; beside rules, as before")
    func modelAloneConfidence() {
        let alone = classifier.decide([Evidence(family: "base", detail: "model: p = 79%", category: .performance, weight: 0.9)])
        #expect(alone.category == .performance)
        #expect(abs(alone.confidence - 0.3) < 1e-9)
        let withRule = classifier.decide([
            Evidence(family: "base", detail: "model: p = 79%", category: .performance, weight: 0.9),
            Evidence(family: "subject", detail: "\"latency\"", category: .performance, weight: 1),
        ])
        #expect(withRule.confidence == 1)
    }

    @Test("a change of only test files is tests, whatever the folder says")
    func onlyTests() {
        let result = classifier.classify(TaskTraits(files: ["tests/auth/session_test.py", "tests/auth/conftest.py"]))
        #expect(result.category == .tests)
        #expect(result.evidence.contains { $0.family == "shape" && $0.category == .tests })
    }

    @Test("conventional-commit types and dependency scopes are signals")
    func commitTypes() {
        #expect(category(TaskTraits(files: ["src/app.ts"], subjects: ["perf: avoid copying the buffer"])) == .performance)
        #expect(category(TaskTraits(subjects: ["docs: explain the flags"])) == .docs)
        #expect(category(TaskTraits(subjects: ["chore(deps): bump left-pad from 1.0.0 to 1.0.1"])) == .maintenance)
        let scoped = classifier.classify(TaskTraits(subjects: ["feat(auth): remember the device"]))
        #expect(scoped.evidence.contains { $0.family == "scope" && $0.category == .security })
    }

    @Test("subject words, branch names and prompt words each add evidence")
    func words() {
        #expect(category(TaskTraits(subjects: ["Fix race condition in the order consumer with idempotent retries"])) == .distributedState)
        let branch = classifier.classify(TaskTraits(branches: ["feature/PROJ-12-oauth-login"]))
        #expect(branch.evidence.contains { $0.family == "branch" && $0.category == .security })
        let prompt = classifier.classify(TaskTraits(promptWords: ["regex": 3, "parser": 1]))
        #expect(prompt.category == .parsing)
        #expect(prompt.evidence.allSatisfy { $0.family == "prompt" })
    }

    @Test("a near tie is unclassified, with the reason")
    func nearTie() {
        let result = classifier.classify(TaskTraits(files: ["src/auth/login.ts", "src/parser/lexer.ts"]))
        #expect(result.category == .unclassified)
        #expect(result.note?.contains("near tie") == true)
    }

    @Test("no evidence at all is unclassified")
    func nothing() {
        #expect(category(TaskTraits(files: ["src/a.ts"], subjects: ["WIP"])) == .unclassified)
    }

    @Test("confidence is the winner's share of the total score")
    func confidence() {
        let result = classifier.classify(TaskTraits(files: ["db/migrations/001.sql"], subjects: ["Add a migration"]))
        let total = result.evidence.reduce(0) { $0 + $1.weight }
        let winner = result.evidence.filter { $0.category == result.category }.reduce(0) { $0 + $1.weight }
        #expect(abs(result.confidence - winner / total) < 1e-9)
    }

    @Test("configured rules, forced paths and ignored paths apply")
    func configured() throws {
        let json = """
            {"rules": [{"category": "security", "paths": ["src/vault/**"], "words": ["vault"], "weight": 2}],
             "categories": {"legacy/**": "maintenance"}, "ignore": ["generated/**"]}
            """
        let config = try RuleConfig.parse(Data(json.utf8), file: "x.json")
        let classifier = Classifier(config: config)
        #expect(classifier.classify(TaskTraits(files: ["src/vault/store.go"])).category == .security)
        #expect(classifier.classify(TaskTraits(subjects: ["Rotate the vault"])).evidence.contains { $0.detail.contains("config rule") })
        let forced = classifier.classify(TaskTraits(files: ["legacy/a.c", "legacy/b.c", "src/c.c"]))
        #expect(forced.category == .maintenance && forced.confidence == 1 && forced.evidence.first?.family == "config")
        #expect(classifier.classify(TaskTraits(files: ["generated/api/auth.ts"])).category == .unclassified)
    }
}

@Suite("Rule tables")
struct RuleTableTests {
    @Test("the word table is sorted, and every category but unclassified has words")
    func sortedAndComplete() {
        let keys = WordRules.table.map { "\($0.word) \($0.category.rawValue)" }
        #expect(keys == keys.sorted())
        let covered = Set(WordRules.table.map(\.category))
        #expect(covered == Set(Category.allCases).subtracting([.unclassified]))
        let types = ConventionalCommit.typeRules.map(\.type)
        #expect(types == types.sorted())
    }

    @Test("every rule word can reach the database as a prompt word")
    func promptVocabulary() {
        let missing = Set(WordRules.table.map(\.word)).subtracting(PromptVocabulary.words)
        #expect(missing.isEmpty, "add to PromptVocabulary: \(missing.sorted())")
    }

    @Test("conventional commit prefixes, with and without an issue key", arguments: [
        ("feat(api): add x", "feat", "api"), ("ABC-12: fix!: y", "fix", nil), ("[ABC-1] docs: z", "docs", nil),
        ("Merge branch 'x'", nil, nil), ("WIP", nil, nil), ("perf(db)!: faster", "perf", "db"),
    ] as [(String, String?, String?)])
    func conventional(subject: String, type: String?, scope: String?) {
        let parsed = ConventionalCommit(subject: subject)
        #expect(parsed?.type == type)
        #expect(parsed?.scope == scope)
    }

    @Test("the base model reads no vendored or generated file: they neither sway it nor make a category of their own")
    func modelReadsOwnWork() {
        let classifier = Classifier()
        // What the model said (the weights also scale with the rules' total, which the vendored file moves).
        func said(_ traits: TaskTraits) -> [String] {
            classifier.classify(traits).evidence.filter { $0.family == "base" }.map { "\($0.category) \($0.detail)" }
        }
        func model(_ files: [String], _ subject: String) -> [String] { said(TaskTraits(files: files, subjects: [subject])) }
        // Probe 25: the vendored package's index.js made this a test change at p = 96%.
        #expect(model(["src/app.js", "node_modules/left-pad/index.js"], "Add left-pad and use it") == model(["src/app.js"], "Add left-pad and use it"))
        #expect(!model(["src/app.js", "node_modules/left-pad/index.js"], "Add left-pad and use it").contains { $0.hasPrefix("tests") })
        #expect(model(["node_modules/left-pad/index.js"], "Add left-pad").isEmpty)
        #expect(model(["web/schema_generated.ts", "web/dist/app.min.js"], "Regenerate the schema").isEmpty)
        // Commit by commit: the vendoring commit is left out, the other read alone.
        let commits = [
            TaskTraits.Commit(subject: "Add right-pad", files: ["node_modules/right-pad/index.js"], lines: 0),
            TaskTraits.Commit(subject: "Use right-pad in app", files: ["src/app.js"], lines: 5),
        ]
        let task = TaskTraits(files: ["node_modules/right-pad/index.js", "src/app.js"], subjects: commits.map(\.subject), commits: commits)
        let alone = TaskTraits(files: ["src/app.js"], subjects: [commits[1].subject], commits: [commits[1], commits[1]])
        #expect(!said(alone).isEmpty)
        #expect(said(task) == said(alone))
    }

    @Test("path kinds", arguments: [
        ("vendor/github.com/x/y.go", PathRules.Kind.vendored), ("web/dist/app.min.js", .generated),
        ("yarn.lock", .lockFile), ("go.mod", .manifest), ("pkg/x_test.go", .test), ("src/a.spec.ts", .test),
        ("tests/test_x.py", .test), ("db/migrate/1_x.rb", .migration), ("docs/a.md", .docs), ("Dockerfile", .config),
        (".github/workflows/ci.yml", .config), ("src/main.swift", .source),
        // Code generators' names in any language (probe 25: these were counted as written by hand).
        ("web/schema_generated.ts", .generated), ("pkg/apis/v1/zz_generated.deepcopy.go", .generated),
        ("web/graphql.gen.ts", .generated), ("Api.Generated.cs", .generated), ("api/user_pb2_grpc.py", .generated),
        ("api/user_pb2.pyi", .generated), ("proto/user.pb.cc", .generated), ("web/user_pb.js", .generated),
        ("cmd/wire_gen.go", .generated), ("go.work.sum", .lockFile), ("bun.lock", .lockFile),
        // Near misses stay source.
        ("src/keygen.go", .source), ("src/key_gen.go", .source), ("app/user_generated_content.py", .source),
        ("src/generate.ts", .source), ("src/test_generated.py", .test), ("app/vendors/stripe_client.py", .source),
    ])
    func kinds(path: String, kind: PathRules.Kind) {
        #expect(PathRules.kind(of: path) == kind)
    }
}
