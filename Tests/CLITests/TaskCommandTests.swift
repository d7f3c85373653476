import Foundation
import Support
import TestSupport
import Testing

@Suite("tasks, label and classify, run as a binary", .serialized)
struct TaskCommandTests {
    func tasks(_ db: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try CLIRunner.run(["tasks", "--format", "json", "--db", db] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test("two checkouts of one history: --repo of either scopes their shared tasks, status says so; a moved checkout's tasks follow it")
    func checkoutsOfOneHistory() throws {
        let repository = try ScriptedRepository("shop")
        let second = repository.path + "-second"
        let moved = repository.path + "-moved"
        let db = repository.path + "-checkouts.sqlite"
        defer {
            repository.remove()
            for path in [second, moved, db] { try? FileManager.default.removeItem(atPath: path) }
        }
        try repository.write("app/cart.py", "x\n")
        try repository.commit("ABC-1 cart", date: "2026-03-02T10:00:00+0000")
        try repository.write("app/orders.py", "y\n")
        try repository.commit("ABC-2 orders", date: "2026-03-03T10:00:00+0000")
        try repository.git("clone", "-q", repository.path, second)
        for path in [repository.path, second] {
            #expect(try CLIRunner.run(["ingest", "git", path, "--db", db, "--quiet"]).status == 0)
        }
        #expect(try tasks(db).count == 2)
        for path in [repository.path, second] {
            #expect(try tasks(db, ["--repo", path]).count == 2, "\(path)")
            let retro = try CLIRunner.run(["report", "retro", "--repo", path, "--format", "json", "--db", db])
            let counts = (try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])?["counts"] as? [String: Any]
            #expect(counts?["tasks"] as? Int == 2, "\(path): \(retro.stderr)")
            FileManager.default.createFile(atPath: path + "/AGENTS.md", contents: Data())  // context writes into a file that exists
            let guidance = try CLIRunner.run(["context", "--repo", path, "--db", db])
            #expect(guidance.stdout.contains("From 2 tasks"), "\(path): \(guidance.stdout) \(guidance.stderr)")
        }
        let status = try CLIRunner.run(["status", "--db", db])
        #expect(status.stdout.contains("\n  same history  \(second) (its work is counted once, in one of them)\n\n"), "\(status.stdout)")
        // MCP's advise scopes its review counts as the CLI does: the second checkout's are the shared tasks.
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"advise","arguments":{"description":"ABC-1 cart","paths":["app/cart.py"],"repo":"\#(second)"}}}"#,
        ]
        let mcp = try CLIRunner.run(
            ["mcp", "--db", db], environment: ["REQUESTS": requests.joined(separator: "\n")],
            wrapper: ["/bin/sh", "-c", "printf '%s\\n' \"$REQUESTS\" | \"$0\" \"$@\""])
        let last = try #require(mcp.stdout.split(separator: "\n").last, "\(mcp.stderr)")
        let answer = try JSONValue.parse(Array(String(last).utf8))
        let review = answer["result"]?["structuredContent"]?["review"]
        let aiTasks = review?["ai"]?["tasks"]?.number ?? 0
        let humanTasks = review?["human"]?["tasks"]?.number ?? 0
        #expect(aiTasks + humanTasks >= 1, "\(mcp.stdout) \(mcp.stderr)")
        // Its evidence weights are rounded to 4 decimals, as every figure it gives (probe 29: 1.3636774287938755).
        let crud = try CLIRunner.run(
            ["mcp", "--db", db],
            environment: [
                "REQUESTS": (requests.prefix(2) + [
                    #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"advise","arguments":{"description":"Add a CRUD endpoint for customer addresses","paths":["src/api/addresses.py"]}}}"#
                ]).joined(separator: "\n")
            ],
            wrapper: ["/bin/sh", "-c", "printf '%s\\n' \"$REQUESTS\" | \"$0\" \"$@\""])
        let advice = try JSONValue.parse(Array(String(try #require(crud.stdout.split(separator: "\n").last)).utf8))
        let weights = advice["result"]?["structuredContent"]?["evidence"]?.array?.compactMap { $0["weight"]?.number } ?? []
        #expect(!weights.isEmpty && weights.allSatisfy { ($0 * 10_000).rounded() / 10_000 == $0 }, "\(crud.stdout)")
        // The first checkout's folder moves and is ingested again: the tasks go with it, the old path is said gone.
        try FileManager.default.moveItem(atPath: repository.path, toPath: moved)
        defer { try? FileManager.default.moveItem(atPath: moved, toPath: repository.path) }
        #expect(try CLIRunner.run(["ingest", "git", moved, "--db", db, "--quiet"]).status == 0)
        let all = try tasks(db)
        #expect(all.count == 2 && all.allSatisfy { ($0["repository"] as? String) != repository.path }, "\(all.map { $0["repository"] ?? "" })")
        #expect(try CLIRunner.run(["status", "--db", db]).stdout.contains("\(repository.path) (no longer on disk: moved or removed)"))
    }

    @Test("a history whose root commit changes (an older project merged in) gives new task ids: the next ingest rebuilds, labels stay")
    func rootChange() throws {
        let repository = try ScriptedRepository("app")
        let older = try ScriptedRepository("library")
        let db = repository.path + "-root.sqlite"
        defer {
            repository.remove()
            older.remove()
            try? FileManager.default.removeItem(atPath: db)
        }
        try older.write("lib/core.py", "x\n")
        try older.commit("core", date: "2020-01-02T10:00:00+0000")
        try repository.write("app/cart.py", "x\n")
        try repository.commit("ABC-1 cart", date: "2026-03-02T10:00:00+0000")
        try repository.write("app/orders.py", "y\n")
        try repository.commit("ABC-2 orders", date: "2026-03-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let before = try tasks(db)
        let first = try #require(before.first { $0["key"] as? String == "ABC-1" }?["id"] as? String)
        #expect(try CLIRunner.run(["label", first, "security", "--db", db, "--quiet"]).status == 0)
        try repository.git("fetch", "-q", older.path, "main")
        try repository.git(
            ["merge", "-q", "--allow-unrelated-histories", "-m", "Merge the library", "FETCH_HEAD"],
            environment: [
                "GIT_AUTHOR_NAME": "Alice Example", "GIT_AUTHOR_EMAIL": "alice@example.com", "GIT_AUTHOR_DATE": "2026-03-04T10:00:00+0000",
                "GIT_COMMITTER_NAME": "Alice Example", "GIT_COMMITTER_EMAIL": "alice@example.com", "GIT_COMMITTER_DATE": "2026-03-04T10:00:00+0000",
            ])
        for _ in 0..<2 {
            let again = try CLIRunner.run(["ingest", "git", repository.path, "--db", db])
            #expect(again.status == 0, "\(again.stderr)")
        }
        let after = try tasks(db)
        let keyed = try #require(after.first { $0["key"] as? String == "ABC-1" })
        #expect(keyed["id"] as? String != first)
        #expect(keyed["category"] as? String == "security")
        #expect(Set(after.compactMap { $0["key"] as? String }).isSuperset(of: ["ABC-1", "ABC-2"]))
        #expect(after.count > before.count)
    }

    @Test("--repo NAME that two ingested repositories share is refused, naming both; their paths work")
    func ambiguousName() throws {
        let client = try ScriptedRepository("client")
        let server = try ScriptedRepository("server")
        let db = client.path + "-names.sqlite"
        let clientApp = client.path + "/app"
        let serverApp = server.path + "/app"
        defer {
            client.remove()
            server.remove()
            try? FileManager.default.removeItem(atPath: db)
        }
        // A repository named `app` inside each (`git -C PARENT -C app …`).
        for (parent, message) in [(client, "ABC-1 client"), (server, "ABC-2 server")] {
            try parent.git("init", "-q", "-b", "main", "app")
            try parent.write("app/a.py", "x\n")
            try parent.git("-C", "app", "add", "-A")
            try parent.git(
                ["-C", "app", "commit", "-q", "-m", message],
                environment: [
                    "GIT_AUTHOR_NAME": "Alice Example", "GIT_AUTHOR_EMAIL": "alice@example.com", "GIT_AUTHOR_DATE": "2026-03-04T10:00:00+0000",
                    "GIT_COMMITTER_NAME": "Alice Example", "GIT_COMMITTER_EMAIL": "alice@example.com", "GIT_COMMITTER_DATE": "2026-03-04T10:00:00+0000",
                ])
            #expect(try CLIRunner.run(["ingest", "git", parent.path + "/app", "--db", db, "--quiet"]).status == 0)
        }
        let refused = try CLIRunner.run(["tasks", "--repo", "app", "--db", db])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("2 ingested repositories are named 'app'") && refused.stderr.contains(serverApp), "\(refused.stderr)")
        let byPath = try tasks(db, ["--repo", serverApp])
        #expect(byPath.compactMap { $0["key"] as? String } == ["ABC-2"])
        // A path through a symbolic link names the repository it leads to.
        try FileManager.default.createSymbolicLink(atPath: client.path + "/link", withDestinationPath: serverApp)
        #expect(try tasks(db, ["--repo", client.path + "/link"]).compactMap { $0["key"] as? String } == ["ABC-2"])
    }

    @Test("ingest builds tasks with the JSON contract; labels survive re-ingests and rebuilds; --explain shows the evidence")
    func labelsSurvive() throws {
        let repository = try ScriptedRepository("tasks-cli")
        defer { repository.remove() }
        try repository.write("db/migrations/001_orders.sql", "CREATE TABLE orders (id int);\n")
        try repository.commit("ABC-1: add the orders table", date: "2026-01-05T10:00:00+0000")
        try repository.write("src/auth/login.ts", "export const login = 1\n")
        try repository.commit("ABC-2 harden login", date: "2026-01-06T10:00:00+0000")
        let db = repository.directory.path + "-tasks-cli.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let ingest = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("tasks: 2 in all"))

        var list = try tasks(db)
        #expect(list.count == 2)
        let first = try #require(list.first { $0["key"] as? String == "ABC-1" })
        #expect(
            Set(first.keys) == [
                "id", "repository", "key", "title", "category", "zone", "confidence", "ai", "aiTools", "effortHours",
                "cycleHours", "linesChanged", "filesTouched", "commits", "sessions", "labelled", "labelledCategory", "labelledAI",
                "bot",
            ])
        #expect(first["category"] as? String == "migration")
        #expect(first["zone"] as? String == "strength")
        #expect(first["effortHours"] as? Double == 0.5)
        let id = try #require(first["id"] as? String)

        let label = try CLIRunner.run(["label", String(id.prefix(6)), "config", "--db", db])
        #expect(label.status == 0, "\(label.stderr)")
        let aiLabel = try CLIRunner.run(["label", "ABC-2", "--ai", "yes", "--db", db])
        #expect(aiLabel.status == 0, "\(aiLabel.stderr)")

        try repository.write("src/auth/login.ts", "export const login = 2\n")
        try repository.commit("ABC-2 more hardening", date: "2026-01-06T11:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        #expect(try CLIRunner.run(["classify", "--db", db]).status == 0)
        list = try tasks(db)
        let relabelled = try #require(list.first { $0["key"] as? String == "ABC-1" })
        #expect(relabelled["category"] as? String == "config")
        #expect(relabelled["labelled"] as? Bool == true)
        #expect(relabelled["labelledCategory"] as? Bool == true && relabelled["labelledAI"] as? Bool == false)
        let second = try #require(list.first { $0["key"] as? String == "ABC-2" })
        #expect(second["ai"] as? Bool == true)
        // An AI flag set by hand is a label too (probe 29: JSON and CSV said 'labelled: false').
        #expect(second["labelled"] as? Bool == true)
        #expect(second["labelledCategory"] as? Bool == false && second["labelledAI"] as? Bool == true)
        let csvRows = try CLIRunner.run(["tasks", "--format", "csv", "--db", db]).stdout.split(separator: "\n")
        #expect(csvRows.first?.hasSuffix(",labelled,bot,labelled_category,labelled_ai") == true)
        #expect(csvRows.contains { $0.contains(",ABC-2,") && $0.hasSuffix(",yes,no,no,yes") }, "\(csvRows)")
        #expect((second["commits"] as? [String])?.count == 2)
        #expect(try tasks(db, ["--category", "config"]).count == 1)
        #expect(try tasks(db, ["--zone", "weak"]).count == 1)
        #expect(try tasks(db, ["--human"]).count == 1)
        let none = try CLIRunner.run(["tasks", "--category", "parsing", "--db", db])
        #expect(none.stdout.hasPrefix("no tasks match these filters"), "\(none.stdout)")

        let explain = try CLIRunner.run(["tasks", "--explain", "ABC-2", "--db", db])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("grouped: issue key ABC-2 in its subject"))
        #expect(explain.stdout.contains("labelled AI-assisted"))
        #expect(!explain.stdout.contains("yes ()"))
        #expect(explain.stdout.contains("from path \"auth\""))
        #expect(explain.stdout.contains("effort: 1.50 h from the git"))

        let evaluate = try CLIRunner.run(["classify", "--evaluate", "--db", db])
        #expect(evaluate.status == 0)
        #expect(evaluate.stdout.contains("1 labelled tasks, leave-one-out"))
    }

    @Test("a branch rebased onto main (no merge commit) is one task: its unkeyed commits join the one that names the key")
    func rebasedBranch() throws {
        let repository = try ScriptedRepository("rebased")
        defer { repository.remove() }
        try repository.write("README.md", "shop\n")
        try repository.commit("Initial commit", date: "2026-02-01T09:00:00+0000")
        _ = try repository.git("checkout", "-q", "-b", "SHOP-12-coupons")
        try repository.write("app/models/coupon.rb", "class Coupon; end\n")
        try repository.commit("Add coupon model", date: "2026-02-02T10:00:00+0000")
        try repository.write("app/controllers/coupons_controller.rb", "class CouponsController; end\n")
        try repository.commit("Add coupons controller", date: "2026-02-03T11:00:00+0000")
        try repository.write("spec/models/coupon_spec.rb", "describe Coupon\n")
        try repository.commit("[SHOP-12] Handle nil coupon", date: "2026-02-04T15:00:00+0000")
        // Meanwhile a colleague's commit lands on main; then the branch is rebased onto it.
        _ = try repository.git("checkout", "-q", "main")
        try repository.write("config/redis.yml", "url: redis://localhost\n")
        try repository.commit("Configure redis", author: "Bob Example", email: "bob@example.com", date: "2026-02-03T09:00:00+0000")
        let rebaseMoment = ["GIT_COMMITTER_DATE": "2026-02-05T08:30:00+0000", "GIT_COMMITTER_NAME": "Alice Example",
            "GIT_COMMITTER_EMAIL": "alice@example.com"]
        _ = try repository.git("checkout", "-q", "SHOP-12-coupons")
        _ = try repository.git(["rebase", "-q", "main"], environment: rebaseMoment)
        _ = try repository.git("checkout", "-q", "main")
        _ = try repository.git("merge", "-q", "--ff-only", "SHOP-12-coupons")
        _ = try repository.git("branch", "-q", "-D", "SHOP-12-coupons")

        let db = repository.directory.path + "-rebased.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let ingest = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let list = try tasks(db)
        let shop = try #require(list.first { $0["key"] as? String == "SHOP-12" })
        #expect((shop["commits"] as? [String])?.count == 3)
        #expect(list.count == 3)  // the initial commit, bob's, and SHOP-12
        let explain = try CLIRunner.run(["tasks", "--explain", "SHOP-12", "--db", db])
        #expect(explain.stdout.contains("rebased onto the main line at 2026-02-05T08:30:00Z with"), "\(explain.stdout)")
    }

    @Test("aider on the committer alone (the user's own edits) leaves a task human; on the author it is AI; explain names the rule")
    func committerOnlyMark() throws {
        let repository = try ScriptedRepository("committer-mark")
        defer { repository.remove() }
        try repository.write("src/cart.py", "total = 0\n")
        try repository.commit("ABC-1 cart total", author: "Ann", date: "2026-01-05T10:00:00+0000", committer: "Ann (aider)")
        try repository.write("src/orders.py", "orders = []\n")
        try repository.commit("ABC-2 orders list", author: "Ann (aider)", date: "2026-01-07T10:00:00+0000")
        let db = repository.directory.path + "-committer-mark.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let list = try tasks(db)
        #expect(list.first { $0["key"] as? String == "ABC-1" }?["ai"] as? Bool == false)
        #expect(list.first { $0["key"] as? String == "ABC-2" }?["ai"] as? Bool == true)
        let human = try CLIRunner.run(["tasks", "--explain", "ABC-1", "--db", db])
        #expect(human.stdout.contains("names aider on the committer identity only, not counted"), "\(human.stdout)")
        let ai = try CLIRunner.run(["tasks", "--explain", "ABC-2", "--db", db])
        #expect(ai.stdout.contains("is marked by aider (author identity)"), "\(ai.stdout)")
        let status = try CLIRunner.run(["status", "--format", "json", "--db", db])
        #expect(status.stdout.contains("\"aider\" : 1"), "\(status.stdout)")
    }

    @Test("an 'aider: ' subject marks old aider's commit on ordinary files; on a file named after aider it is a scope, no mark")
    func aiderSubjectPrefix() throws {
        let repository = try ScriptedRepository("aider-prefix")
        defer { repository.remove() }
        try repository.write("src/aider/reader.py", "a\n")
        try repository.commit("Add chat history reader", author: "Ann", date: "2026-11-02T09:00:00+0000")
        // A project with an aider component: the prefix is a scope of Ann's own commit.
        try repository.write("src/aider/reader.py", "a\nb\n")
        try repository.commit("aider: read the token line of newer versions", author: "Ann", date: "2026-11-04T09:00:00+0000")
        // aider up to 0.38 committed its edits as the user, with the prefix: still aider's.
        try repository.write("src/cart.py", "total = 0\n")
        try repository.commit("aider: Added a total to the cart", author: "Ann", date: "2026-11-09T09:00:00+0000")
        // aider 0.39+ with --attribute-commit-message-author on an aider-named file: its identity says so.
        try repository.write("src/aider/writer.py", "w\n")
        try repository.commit("aider: Added a writer", author: "Ann (aider)", date: "2026-11-16T09:00:00+0000")
        let db = repository.directory.path + "/../aider-prefix.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let ingest = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let list = try tasks(db)
        func ai(_ title: String) -> Bool? { list.first { $0["title"] as? String == title }?["ai"] as? Bool }
        #expect(ai("aider: read the token line of newer versions") == false, "\(list)")
        #expect(ai("aider: Added a total to the cart") == true, "\(list)")
        #expect(ai("aider: Added a writer") == true, "\(list)")
        let status = try CLIRunner.run(["status", "--format", "json", "--db", db])
        #expect(status.stdout.contains("\"aider\" : 2"), "\(status.stdout)")
    }

    @Test("a session in another clone of the repository (matched by name) links to the task whose file it edited")
    func otherClone() throws {
        let repository = try ScriptedRepository("shop")
        defer { repository.remove() }
        try repository.write("src/parser.ts", "export const parse = 1\n")
        try repository.commit("ABC-7: parse promo codes", date: "2026-03-01T10:30:00+0000")
        let db = repository.directory.path + "-shop-clone.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let name = (repository.directory.path as NSString).lastPathComponent
        let clone = "/home/someone/elsewhere/\(name)"
        let log = """
            {"type":"user","sessionId":"c1","cwd":"\(clone)","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","message":{"role":"user","content":"write a parser for promo codes"}}
            {"type":"assistant","sessionId":"c1","cwd":"\(clone)","uuid":"a1","timestamp":"2026-03-01T10:05:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Edit","input":{"file_path":"\(clone)/src/parser.ts","old_string":"a","new_string":"b"}}],"usage":{"input_tokens":1,"output_tokens":2}}}

            """
        let logs = repository.directory.path + "-shop-clone-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        try log.write(toFile: logs + "/c1.jsonl", atomically: true, encoding: .utf8)
        let ingest = try CLIRunner.run(["ingest", "sessions", logs, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let task = try #require(try tasks(db).first)
        #expect(task["sessions"] as? [String] == ["c1"])
        #expect(task["ai"] as? Bool == true)
        #expect(task["aiTools"] as? [String] == ["claude-code"])
        let explain = try CLIRunner.run(["tasks", "--explain", "ABC-7", "--db", db])
        #expect(explain.stdout.contains("edited src/parser.ts"))
        #expect(
            explain.stdout.contains(
                "      start: unknown (nothing in the log tells plan-first from code-first); corrections 0 before the first edit, 0 after; 0 sub-agents\n"),
            "\(explain.stdout)")
    }

    @Test("tasks --explain says each linked session's start mode and its evidence")
    func explainWorkflow() throws {
        let repository = try ScriptedRepository("plan")
        defer { repository.remove() }
        try repository.write("src/limit.ts", "export const limit = 1\n")
        try repository.commit("ABC-9: rate limiting", date: "2026-03-01T10:30:00+0000")
        let db = repository.directory.path + "-plan.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let root = repository.directory.path
        let log = """
            {"type":"user","sessionId":"p9","cwd":"\(root)","uuid":"u1","timestamp":"2026-03-01T10:00:00.000Z","permissionMode":"plan","message":{"role":"user","content":"ABC-9 add rate limiting"}}
            {"type":"assistant","sessionId":"p9","cwd":"\(root)","uuid":"a1","timestamp":"2026-03-01T10:02:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"ExitPlanMode","input":{}}]}}
            {"type":"user","sessionId":"p9","cwd":"\(root)","uuid":"u2","timestamp":"2026-03-01T10:03:00.000Z","permissionMode":"acceptEdits","message":{"role":"user","content":"go"}}
            {"type":"assistant","sessionId":"p9","cwd":"\(root)","uuid":"a2","timestamp":"2026-03-01T10:05:00.000Z","requestId":"r2","message":{"id":"m2","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t2","name":"Edit","input":{"file_path":"\(root)/src/limit.ts"}}]}}

            """
        let logs = repository.directory.path + "-plan-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        try log.write(toFile: logs + "/p9.jsonl", atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["ingest", "sessions", logs, "--db", db]).status == 0)
        let explain = try CLIRunner.run(["tasks", "--explain", "ABC-9", "--db", db])
        #expect(explain.stdout.contains("  claude-code p9, "), "\(explain.stdout)")
        #expect(
            explain.stdout.contains(
                "      start: plan-first (permissionMode plan); corrections 1 before the first edit, 0 after; 0 sub-agents\n"),
            "\(explain.stdout)")
    }

    @Test("links carry their evidence: a prompt naming the key is strong, time overlap alone weak; --min-evidence strong counts weak-only tasks as human")
    func linkEvidence() throws {
        let repository = try ScriptedRepository("evidence")
        defer { repository.remove() }
        try repository.write("src/cart.ts", "export const cart = 1\n")
        try repository.commit("ABC-1: cart totals", date: "2026-03-02T10:30:00+0000")
        try repository.write("src/orders.ts", "export const orders = 1\n")
        try repository.commit("ABC-2: order list", date: "2026-03-03T14:00:00+0000")
        let db = repository.directory.path + "-evidence.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let name = (repository.directory.path as NSString).lastPathComponent
        func line(_ session: String, _ cwd: String, _ uuid: String, _ time: String, _ prompt: String) -> String {
            #"{"type":"user","sessionId":"\#(session)","cwd":"\#(cwd)","gitBranch":"main","uuid":"\#(uuid)","timestamp":"\#(time)","message":{"role":"user","content":"\#(prompt)"}}"#
        }
        let keyed = [
            line("k1", "/workspace/\(name)", "u1", "2026-03-02T10:00:00.000Z", "finish ABC-1 please"),
            line("k1", "/workspace/\(name)", "u2", "2026-03-02T10:08:00.000Z", "and the totals"),
        ].joined(separator: "\n") + "\n"
        let timed = [
            line("t1", "/home/alice/\(name)", "u3", "2026-03-03T13:00:00.000Z", "look at the orders"),
            line("t1", "/home/alice/\(name)", "u4", "2026-03-03T13:05:00.000Z", "thanks"),
        ].joined(separator: "\n") + "\n"
        let logs = repository.directory.path + "-evidence-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        try keyed.write(toFile: logs + "/k1.jsonl", atomically: true, encoding: .utf8)
        try timed.write(toFile: logs + "/t1.jsonl", atomically: true, encoding: .utf8)
        let ingest = try CLIRunner.run(["ingest", "sessions", logs, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let list = try tasks(db)
        #expect(list.first { $0["key"] as? String == "ABC-1" }?["sessions"] as? [String] == ["k1"])
        #expect(list.first { $0["key"] as? String == "ABC-2" }?["sessions"] as? [String] == ["t1"])
        let first = try CLIRunner.run(["tasks", "--explain", "ABC-1", "--db", db])
        #expect(first.stdout.contains("key link (strong): its prompts name ABC-1"), "\(first.stdout)")
        let second = try CLIRunner.run(["tasks", "--explain", "ABC-2", "--db", db])
        #expect(second.stdout.contains("time link (weak)"), "\(second.stdout)")
        #expect(second.stdout.contains("on weak evidence only"))

        func retro(_ extra: [String]) throws -> [String: Any] {
            let result = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let all = try retro([])
        #expect((all["counts"] as? [String: Any])?["ai"] as? Int == 2)
        #expect((all["evidence"] as? [String: Any])?["weakOnly"] as? Int == 1)
        #expect((all["reading"] as? [String])?.contains { $0.hasPrefix("1 of 2 AI-assisted tasks (50%) rest on weak evidence only") } == true)
        let strong = try retro(["--min-evidence", "strong"])
        #expect((strong["counts"] as? [String: Any])?["ai"] as? Int == 1)
        #expect(try CLIRunner.run(["report", "retro", "--min-evidence", "medium", "--db", db]).status == 64)
    }

    @Test("an invalid configuration exits 65 naming the JSON path; a bad label exits 64 or 65")
    func errors() throws {
        let repository = try ScriptedRepository("tasks-config")
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("ABC-1 first")
        let db = repository.directory.path + "-tasks-config.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        try repository.write(".multiplier.json", "{\"rules\": [{\"category\": \"crudd\", \"words\": [\"x\"]}]}")
        let ingest = try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db])
        #expect(ingest.status == 65)
        #expect(ingest.stderr.contains(".multiplier.json: $.rules[0].category: expected a category"))
        let missing = try CLIRunner.run(["tasks", "--db", db, "--config", "/nonexistent.json"])
        #expect(missing.status == 66)
        // A setting past its bound is refused, not a crash (an idle cap of 1e15 minutes overflowed).
        for (setting, command) in [("idleCapMinutes", ["classify"]), ("leadInMinutes", ["report", "retro"])] {
            try repository.write(".multiplier.json", "{\"settings\": {\"\(setting)\": 1e15}}")
            let huge = try CLIRunner.run(command + ["--db", db, "--config", repository.directory.path + "/.multiplier.json"])
            #expect(huge.status == 65, "\(setting): \(huge.stderr)")
            #expect(huge.stderr.contains(".multiplier.json: $.settings.\(setting): expected a number of minutes from 0 to 1440 (a day)"))
        }
        try repository.write(".multiplier.json", "{\"bots\": [\"ci-robot\"]}")
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        #expect(try CLIRunner.run(["label", "ABC-1", "nonsense", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["label", "NOPE-9", "crud", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["label", "ABC-1", "--ai", "maybe", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["tasks", "--category", "crudd", "--db", db]).status == 64)
        let csv = repository.directory.path + "-labels.csv"
        defer { try? FileManager.default.removeItem(atPath: csv) }
        try "task,category\nABC-1,crud\nABC-1,bogus\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try CLIRunner.run(["label", "--import", csv, "--db", db])
        #expect(imported.status == 65)
        #expect(imported.stderr.contains("labels.csv:3: unknown category 'bogus'"))
        // Two rows for one task: the second is refused with the first's line, nothing is saved.
        try "task,category,ai\nABC-1,tests,yes\nABC-1,crud,no\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let twice = try CLIRunner.run(["label", "--import", csv, "--db", db])
        #expect(twice.status == 65 && twice.stderr.contains("labels.csv:3: task ABC-1"), "\(twice.stderr)")
        #expect(twice.stderr.contains("is labelled on line 2 already"), "\(twice.stderr)")
        // A label of the AI flag alone shows in the listing as one, on the AI column.
        #expect(try CLIRunner.run(["label", "ABC-1", "--ai", "yes", "--db", db]).status == 0)
        let listed = try CLIRunner.run(["tasks", "--db", db])
        #expect(listed.stdout.contains(" yes* "), "\(listed.stdout)")

        // Time logs and pull-request exports: good ones feed the tasks, bad rows name their line or path.
        try "date,author,task,hours,activity\n2026-01-05,alice,ABC-1,3.5,work\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let timelog = try CLIRunner.run(["ingest", "timelog", csv, "--db", db])
        #expect(timelog.status == 0, "\(timelog.stderr)")
        #expect(!timelog.stderr.contains("no task here"), "\(timelog.stderr)")
        #expect(try tasks(db).first?["effortHours"] as? Double == 3.5)
        // A row for a key that no task carries is said (a typo counts for nothing).
        try "date,author,task,hours,activity\n2026-01-05,alice,abc-1,3.5,work\n2026-01-05,alice,NOPE-1,3,work\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let typo = try CLIRunner.run(["ingest", "timelog", csv, "--db", db])
        #expect(typo.status == 0)
        #expect(typo.stderr.contains("1 task name matches no task here (NOPE-1)"), "\(typo.stderr)")
        // The same rows again in a second file (a cumulative export downloaded again) count once.
        let cumulative = repository.directory.path + "-november.csv"
        defer { try? FileManager.default.removeItem(atPath: cumulative) }
        try "date,author,task,hours,activity\n2026-01-05,alice,abc-1,3.5,work\n2026-01-06,alice,ABC-1,1,work\n"
            .write(toFile: cumulative, atomically: true, encoding: .utf8)
        let again = try CLIRunner.run(["ingest", "timelog", cumulative, "--db", db])
        #expect(again.status == 0)
        #expect(again.stderr.contains("1 row equal to rows read before from \(csv)"), "\(again.stderr)")
        #expect(try tasks(db).first?["effortHours"] as? Double == 4.5)
        // Estimates that differ on one task's rows are said, with the one used: the earliest work row's (probe 28).
        let estimates = repository.directory.path + "-estimates.csv"
        defer { try? FileManager.default.removeItem(atPath: estimates) }
        try "date,author,task,hours,activity,estimate_hours\n2026-01-07,alice,ABC-1,1,work,8\n2026-01-06,alice,abc-1,1,work,2\n2026-01-08,carol,ABC-1,0.25,review,99\n"
            .write(toFile: estimates, atomically: true, encoding: .utf8)
        let estimated = try CLIRunner.run(["ingest", "timelog", estimates, "--db", db])
        #expect(estimated.status == 0)
        #expect(
            estimated.stderr.contains("ABC-1's rows give different estimates (8.0, 2.0, 99.0 h): its estimate is its earliest work row's, 2.0 h"),
            "\(estimated.stderr)")
        let explained = try CLIRunner.run(["tasks", "--explain", "ABC-1", "--db", db])
        #expect(explained.stdout.contains("the time log's estimate: 2.00 h"), "\(explained.stdout)")
        try "date,author,task,hours,activity\n2026-01-05,alice,ABC-1,x,work\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let badLog = try CLIRunner.run(["ingest", "timelog", csv, "--db", db])
        #expect(badLog.status == 65)
        #expect(badLog.stderr.contains("labels.csv: line 2: expected hours between 0 and 24"))
        // An export none of whose pull requests joins a task here is said (another repository's?).
        try """
            [{"number": 99, "title": "Elsewhere", "author": {"login": "zed"}, "createdAt": "2026-01-05T10:00:00Z",
              "mergedAt": "2026-01-05T12:00:00Z", "headRefName": "zed/elsewhere", "commits": [{"oid": "0123456789abcdef"}], "reviews": []}]
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        let foreign = try CLIRunner.run(["ingest", "reviews", csv, "--db", db])
        #expect(foreign.status == 0)
        #expect(foreign.stderr.contains("none of its 1 pull requests joins a task of"), "\(foreign.stderr)")
        try "[{\"number\": \"one\"}]".write(toFile: csv, atomically: true, encoding: .utf8)
        let badExport = try CLIRunner.run(["ingest", "reviews", csv, "--db", db])
        #expect(badExport.status == 65)
        #expect(badExport.stderr.contains("$[0].number: expected a whole number"))
        #expect(try CLIRunner.run(["ingest", "reviews", csv + ".missing", "--db", db]).status == 66)
    }
}

@Suite("report, run as a binary", .serialized)
struct ReportCommandTests {
    @Test("an option another kind of report reads is refused (exit 64), not dropped; --paths is no retro-only option")
    func optionsOfOtherKinds() throws {
        let repository = try ScriptedRepository("report-options")
        defer { repository.remove() }
        try repository.write("src/cart.py", "total = 0\n")
        try repository.commit("ABC-1 cart total", date: "2026-03-02T10:00:00+0000")
        let db = repository.directory.path + "-report-options.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        for (arguments, message) in [
            (["weekly", "--review"], "--review is for report retro; report weekly does not take it"),
            (["retro", "--no-review"], "--no-review is for report weekly; report retro does not take it"),
            (["practices", "--review"], "--review is for report retro; report practices does not take it"),
            (["practices", "--no-review"], "--no-review is for report weekly; report practices does not take it"),
            (["practices", "--by-person"], "--by-person is for report weekly and report retro; report practices does not take it"),
            (["practices", "--min-evidence", "strong"], "--min-evidence is for report weekly and report retro; report practices does not take it"),
        ] {
            let refused = try CLIRunner.run(["report"] + arguments + ["--db", db])
            #expect(refused.status == 64, "\(arguments): \(refused.stderr)")
            #expect(refused.stderr.contains(message), "\(arguments): \(refused.stderr)")
        }
        for arguments in [
            ["weekly", "--week", "2026-W10", "--no-review", "--by-person", "--min-evidence", "strong", "--paths", "src/**"],
            ["retro", "--review", "--by-person", "--min-evidence", "strong", "--paths", "src/**"],
            ["practices", "--team", "--paths", "src/**", "--exclude", "docs/**"],
        ] {
            let taken = try CLIRunner.run(["report"] + arguments + ["--db", db])
            #expect(taken.status == 0, "\(arguments): \(taken.stderr)")
        }
        let help = try CLIRunner.run(["help", "report"])
        #expect(help.stdout.contains("only these files count (gitignore-style"), "\(help.stdout)")
        #expect(!help.stdout.contains("retro: only these files count"), "\(help.stdout)")
    }

    @Test("a release given by refs also gets its AI share by git blame: lines at its end, by the commits within it")
    func releaseBlame() throws {
        let repository = try ScriptedRepository("report-blame")
        defer { repository.remove() }
        try repository.write("a.py", "old\n")
        try repository.commit("start", date: "2026-03-02T10:00:00+0000")
        try repository.git("tag", "v1")
        let ai = (1...10).map { "ai \($0)" }
        try repository.write("a.py", "old\n" + ai.joined(separator: "\n") + "\n")
        try repository.commit(
            "ABC-1 add parser\n\nCo-authored-by: Claude <noreply@anthropic.com>", date: "2026-03-03T10:00:00+0000")
        try repository.write("b.py", (1...5).map { "human \($0)" }.joined(separator: "\n") + "\n")
        try repository.write("package-lock.json", "{}\n")
        try repository.commit("ABC-2 add helper", author: "Bob Example", email: "bob@example.com", date: "2026-03-04T10:00:00+0000")
        // Bob rewrites two of the AI lines: at the release's end they are his.
        try repository.write("a.py", "old\n" + ai.enumerated().map { $0.offset < 2 ? "bob \($0.offset)" : $0.element }.joined(separator: "\n") + "\n")
        // A nested repository (a submodule's gitlink): a line in the diff, nothing to blame.
        try repository.write("deps/lib/x.c", "int x;\n")
        let identity = ["GIT_AUTHOR_NAME": "V", "GIT_AUTHOR_EMAIL": "v@example.com", "GIT_COMMITTER_NAME": "V", "GIT_COMMITTER_EMAIL": "v@example.com"]
        try repository.git(["-C", "deps/lib", "init", "-q"])
        try repository.git(["-C", "deps/lib", "add", "-A"])
        try repository.git(["-C", "deps/lib", "commit", "-q", "-m", "lib"], environment: identity)
        try repository.commit("ABC-3 tidy parser", author: "Bob Example", email: "bob@example.com", date: "2026-03-05T10:00:00+0000")
        try repository.git("tag", "v2")
        #expect(try repository.git("ls-tree", "v2", "deps/lib").hasPrefix("160000 commit"))
        let db = repository.directory.path + "-report-blame.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)

        func share(_ arguments: [String]) throws -> [String: Any] {
            let run = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let retro = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require(retro["aiShare"] as? [String: Any])
        }
        let release = try share(["--since", "v1", "--until", "v2"])
        // Added lines of the release's tasks: 10 by AI, 5 + 2 by Bob and git's one line for the
        // gitlink (the lock file does not count).
        #expect(release["linesAdded"] as? Int == 18 && release["aiLinesAdded"] as? Int == 10)
        let surviving = try #require(release["surviving"] as? [String: Any])
        #expect(surviving["range"] as? String == "v1..v2")
        #expect(surviving["lines"] as? Int == 15 && surviving["aiLines"] as? Int == 8)
        #expect(surviving["share"] as? Double == 0.5333)
        // Only b.py: none by AI. Dates, not refs: no blame figure.
        let paths = try #require(try share(["--since", "v1", "--paths", "b.py"])["surviving"] as? [String: Any])
        #expect(paths["range"] as? String == "v1..HEAD" && paths["lines"] as? Int == 5 && paths["aiLines"] as? Int == 0)
        #expect(try share(["--since", "2026-03-01"])["surviving"] == nil)
        let text = try CLIRunner.run(["report", "retro", "--format", "markdown", "--db", db, "--since", "v1", "--until", "v2"])
        #expect(text.stdout.contains("(git blame): 8 of 15 by AI-assisted work (53%)"), "\(text.stdout)")

        // The period a release's retro prints selects, given back as dates, the same tasks (probe 29: the
        // refs' own times were printed, which as dates moved v1's commit in and v2's out).
        func retro(_ window: [String]) throws -> (period: [String: Any], tasks: Int?) {
            let run = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db] + window)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (try #require(json["period"] as? [String: Any]), (json["counts"] as? [String: Any])?["tasks"] as? Int)
        }
        let byRefs = try retro(["--since", "v1", "--until", "v2"])
        let since = try #require(byRefs.period["since"] as? String)
        let until = try #require(byRefs.period["until"] as? String)
        #expect(since == "2026-03-02T10:00:01Z" && until == "2026-03-05T10:00:01Z")
        #expect(byRefs.tasks == 3)
        #expect(try retro(["--since", since, "--until", until]).tasks == 3)
        let listed = try CLIRunner.run(["tasks", "--format", "json", "--db", db, "--since", since, "--until", until])
        #expect((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count == 3)
        let review = try CLIRunner.run(["review", "--include-human", "--db", db, "--since", "v1", "--until", "v2"])
        #expect(review.stdout.contains("from 2026-03-02T10:00:01Z to 2026-03-05T10:00:01Z: 3 read"), "\(review.stdout)")
    }

    @Test("tasks --since/--until select the tasks that ended in the window, as report retro does")
    func windowAsReports() throws {
        let repository = try ScriptedRepository("window")
        defer { repository.remove() }
        // One task across midnight (two commits 40 minutes apart), one the day before, one the day after.
        try repository.write("a.txt", "1\n")
        try repository.commit("Add a", date: "2026-03-01T10:00:00+0000")
        try repository.write("b.txt", "1\n")
        try repository.commit("Add b", date: "2026-03-01T23:40:00+0000")
        try repository.write("b.txt", "1\n2\n")
        try repository.commit("Grow b", date: "2026-03-02T00:20:00+0000")
        try repository.write("c.txt", "1\n")
        try repository.commit("Add c", date: "2026-03-03T10:00:00+0000")
        let db = repository.directory.path + "-window.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        func titles(_ window: [String]) throws -> [String] {
            let listed = try CLIRunner.run(["tasks", "--format", "json", "--db", db] + window)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            return rows.compactMap { $0["title"] as? String }.sorted()
        }
        func retroCount(_ window: [String]) throws -> Int? {
            let retro = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db] + window)
            let json = try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any]
            return (json?["counts"] as? [String: Any])?["tasks"] as? Int
        }
        for window in [["--until", "2026-03-02"], ["--since", "2026-03-02"], ["--since", "2026-03-01", "--until", "2026-03-03"]] {
            #expect(try titles(window).count == retroCount(window), "\(window)")
        }
        // The task that started on the 1st and ended on the 2nd belongs to the 2nd.
        #expect(try titles(["--until", "2026-03-02"]) == ["Add a"])
        #expect(try titles(["--since", "2026-03-02", "--until", "2026-03-03"]) == ["Add b"])
        // Without labels, classify --evaluate says how to add some, in lines that fit 80 columns.
        let evaluate = try CLIRunner.run(["classify", "--evaluate", "--db", db], environment: ["COLUMNS": "80"])
        #expect(evaluate.stdout.hasPrefix("no labels yet") && evaluate.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("plan at the bounds: the largest estimates at the smallest capacity finish at once with a curve of about 40 steps")
    func planBounds() throws {
        let repository = try ScriptedRepository("plan-bounds")
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("ABC-1 add a", date: "2026-03-02T10:00:00+0000")
        // Beside the repository, named after it: unique, so a test run elsewhere on the machine cannot share them.
        let db = repository.directory.path + ".sqlite"
        let backlog = repository.directory.path + ".csv"
        defer {
            try? FileManager.default.removeItem(atPath: db)
            try? FileManager.default.removeItem(atPath: backlog)
        }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        let rows = (1...200).map { "T-\($0),Task \($0),crud,100000,yes\n" }.joined()
        try ("id,title,category,estimate_hours,ai\n" + rows).write(toFile: backlog, atomically: true, encoding: .utf8)
        let started = Date()
        let plan = try CLIRunner.run(["plan", backlog, "--db", db, "--capacity", "0.001", "--runs", "1000", "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
        let forecast = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let completion = try #require(forecast["completion"] as? [String: Any])
        let steps = try #require(completion["steps"] as? [Double])
        #expect(steps.count >= 2 && steps.count <= 42, "\(steps.count)")
        #expect((forecast["completionByWeekWithAI"] as? [Double])?.count == 520)
        #expect(((forecast["withAI"] as? [String: Any])?["p50Weeks"] as? Double ?? 0) > 1e9)
    }

    @Test("plan's default capacity leaves out a commit dated in the future by a wrong clock, and says so")
    func planFutureCommit() throws {
        let repository = try ScriptedRepository("plan-future")
        defer { repository.remove() }
        for (index, day) in ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"].enumerated() {
            try repository.write("f\(index).txt", "\(index)\n")
            try repository.commit("ABC-\(index + 1) change \(index)", date: day + "T10:00:00+0000")
        }
        try repository.write("skew.txt", "x\n")
        // 2100-01-01T10:00:00Z (git reads ISO dates up to 2099 only; raw seconds go further).
        try repository.commit("ABC-9 committed on a machine whose clock says 2100", date: "@4102480800 +0000")
        // Beside the repository, named after it: unique, so a test run elsewhere on the machine cannot share them.
        let db = repository.directory.path + ".sqlite"
        let backlog = repository.directory.path + ".csv"
        defer {
            try? FileManager.default.removeItem(atPath: db)
            try? FileManager.default.removeItem(atPath: backlog)
        }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        try "id,title,category,estimate_hours,ai\nA,Add orders endpoint,crud,4,no\n".write(toFile: backlog, atomically: true, encoding: .utf8)
        let plan = try CLIRunner.run(["plan", backlog, "--db", db, "--runs", "200", "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let forecast = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let source = try #require(forecast["capacitySource"] as? String)
        #expect(source.contains("3 weeks with finished tasks up to 2026-W12; 1 task dated after now left out"), "\(source)")
        // One task is "1 task".
        let text = try CLIRunner.run(["plan", backlog, "--db", db, "--runs", "1"])
        #expect(text.stdout.contains("1 task, 1 Monte Carlo run (seed 1)"), "\(text.stdout)")
    }

    @Test("every format, byte-identical twice; a hostile commit message is text in the HTML; --since takes refs and relative forms")
    func formats() throws {
        let repository = try ScriptedRepository("report-cli")
        defer { repository.remove() }
        try repository.write("misc/data.xyz", "a\n")
        try repository.commit("<script>alert(1)</script> \"><img src=x onerror=alert(2)>", date: "2026-03-02T10:00:00+0000")
        try repository.git("tag", "v1.0.0")
        try repository.write("src/auth/login.ts", "x\n")
        try repository.commit("ABC-2 harden login", date: "2026-03-09T10:00:00+0000")
        let db = repository.directory.path + "-report-cli.sqlite"
        let out = repository.directory.path + "-report-cli-out"
        defer {
            try? FileManager.default.removeItem(atPath: db)
            try? FileManager.default.removeItem(atPath: out)
        }
        #expect(try CLIRunner.run(["ingest", "git", repository.directory.path, "--db", db]).status == 0)
        for format in ["text", "markdown", "json", "csv", "html"] {
            let first = try CLIRunner.run(["report", "retro", "--format", format, "--db", db])
            #expect(first.status == 0, "\(format): \(first.stderr)")
            #expect(try CLIRunner.run(["report", "retro", "--format", format, "--db", db]).stdout == first.stdout)
        }
        let html = try CLIRunner.run(["report", "retro", "--format", "html", "--db", db]).stdout
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!html.contains("<script") && !html.contains("<img"))

        let json = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db, "--since", "v1.0.0"])
        let retro = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        // A ref is a release's end: its own commit belongs to the release before, so the window starts a second after it.
        #expect((retro["period"] as? [String: Any])?["since"] as? String == "2026-03-02T10:00:01Z")
        #expect((retro["counts"] as? [String: Any])?["tasks"] as? Int == 1)
        for key in ["period", "categories", "zones", "endToEnd", "calibration", "aiShare"] { #expect(retro[key] != nil, "\(key)") }
        let later = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db, "--since", "2026-03-05"])
        let laterRetro = try #require(try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [String: Any])
        #expect((laterRetro["counts"] as? [String: Any])?["tasks"] as? Int == 1)
        #expect(try CLIRunner.run(["report", "retro", "--db", db, "--since", "3.weeks.ago"]).status == 0)
        #expect(try CLIRunner.run(["report", "retro", "--db", db, "--since", "v9.9.9"]).status == 64)
        // git reads any word it does not know as now, and a word among known ones as nothing: refused, not "now".
        for (option, value) in [("--since", "garbage"), ("--until", "HEAD~9999"), ("--since", "2.weks.ago"), ("--since", "week.ago")] {
            let refused = try CLIRunner.run(["report", "retro", "--db", db, option, value])
            #expect(refused.status == 64, "\(value): \(refused.stderr)")
            #expect(
                refused.stderr.contains("\(option) expects a date (2026-11-02), an instant, a git ref of ")
                    && refused.stderr.contains(" or a relative form such as 2.weeks.ago, not '\(value)'"), "\(refused.stderr)")
        }
        // A window that ends where or before it starts is a mistake, not an empty report.
        for kind in ["retro", "practices"] {
            let backwards = try CLIRunner.run(["report", kind, "--db", db, "--since", "2026-03-05", "--until", "v1.0.0"])
            #expect(backwards.status == 64, "\(backwards.stderr)")
            #expect(
                backwards.stderr.contains("--since 2026-03-05 (2026-03-05T00:00:00Z) is not before --until v1.0.0 (2026-03-02T10:00:00Z)"),
                "\(backwards.stderr)")
        }
        // A day in words is the day's start, like 2026-03-05, not the day at the time of the run.
        for words in ["Mar.5.2026", "5 March 2026", "march 5, 2026"] {
            let inWords = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db, "--since", words])
            let period = (try JSONSerialization.jsonObject(with: Data(inWords.stdout.utf8)) as? [String: Any])?["period"] as? [String: Any]
            #expect(period?["since"] as? String == "2026-03-05T00:00:00Z", "\(words): \(inWords.stderr)")
        }
        // An instant with fractional seconds (JavaScript's toISOString, the session logs) is that instant.
        let fractional = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db, "--since", "2026-03-01T00:00:00.000Z"])
        #expect(fractional.status == 0, "\(fractional.stderr)")
        let fractionalPeriod = (try JSONSerialization.jsonObject(with: Data(fractional.stdout.utf8)) as? [String: Any])?["period"] as? [String: Any]
        #expect(fractionalPeriod?["since"] as? String == "2026-03-01T00:00:00Z", "\(fractional.stderr)")
        let wholeSeconds = try CLIRunner.run(["tasks", "--db", db, "--since", "2026-03-01T00:00:00Z", "--until", "2026-03-09T00:00:00+00:00"])
        let fractionalTasks = try CLIRunner.run(["tasks", "--db", db, "--since", "2026-03-01T00:00:00.000Z", "--until", "2026-03-09T00:00:00.000+00:00"])
        #expect(fractionalTasks.status == 0 && fractionalTasks.stdout == wholeSeconds.stdout, "\(fractionalTasks.stderr)")
        // A day the calendar does not have is refused, not read as the days after it (2 March).
        for impossible in ["2026-02-30", "2026-02-29T10:00:00Z", "2026-13-01", "2026-04-31"] {
            let refused = try CLIRunner.run(["report", "retro", "--db", db, "--since", impossible])
            #expect(refused.status == 64, "\(impossible): \(refused.stderr)")
            #expect(refused.stderr.contains("is no day of the calendar"), "\(refused.stderr)")
            #expect(try CLIRunner.run(["tasks", "--db", db, "--until", impossible]).status == 64)
        }
        #expect(try CLIRunner.run(["report", "retro", "--db", db, "--since", "2024-02-29"]).status == 0)
        let backwardsTasks = try CLIRunner.run(["tasks", "--db", db, "--since", "2026-03-05", "--until", "2026-03-01"])
        #expect(backwardsTasks.status == 64 && backwardsTasks.stderr.contains("no task falls between them"), "\(backwardsTasks.stderr)")
        for (option, value) in [("--until", "HEAD~1"), ("--since", "last.monday"), ("--since", "two.weeks.ago"), ("--since", "Mar.1.2026")] {
            let taken = try CLIRunner.run(["report", "retro", "--db", db, option, value])
            #expect(taken.status == 0, "\(value): \(taken.stderr)")
        }
        let paths = try CLIRunner.run(["report", "retro", "--format", "json", "--db", db, "--paths", "src/**"])
        let pathsRetro = try #require(try JSONSerialization.jsonObject(with: Data(paths.stdout.utf8)) as? [String: Any])
        #expect((pathsRetro["aiShare"] as? [String: Any])?["linesAdded"] as? Int == 1)

        let csv = try CLIRunner.run(["report", "retro", "--format", "csv", "--out", out, "--db", db])
        #expect(csv.status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/categories.csv"))
        #expect(try CLIRunner.run(["report", "retro", "--format", "csv", "--table", "nope", "--db", db]).status == 64)
        // --out naming a folder by its trailing slash is refused, not written as a file without it.
        let slash = try CLIRunner.run(["report", "retro", "--out", out + "-none/", "--db", db])
        #expect(slash.status == 74 && slash.stderr.contains("it names a folder"), "\(slash.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out + "-none"))
        // --table with another format is said, not ignored.
        let htmlTable = try CLIRunner.run(["report", "retro", "--format", "html", "--table", "weeks", "--db", db])
        #expect(htmlTable.status == 64 && htmlTable.stderr.contains("--table chooses a table of --format csv"), "\(htmlTable.stderr)")
        // A period without tasks still writes every table's file, weeks.csv too (a header alone).
        let empty = out + "-empty"
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let emptyCSV = try CLIRunner.run(["report", "retro", "--format", "csv", "--out", empty, "--since", "2030-01-01", "--db", db])
        #expect(emptyCSV.status == 0, "\(emptyCSV.stderr)")
        #expect(try String(contentsOfFile: empty + "/weeks.csv", encoding: .utf8).hasPrefix("week,tasks,"))
        // A file where csv's folder of tables would go: a usage error, not an internal one.
        let file = out + "-file.csv"
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x\n".utf8)))
        let onFile = try CLIRunner.run(["report", "retro", "--format", "csv", "--out", file, "--db", db])
        #expect(onFile.status == 64 && onFile.stderr.contains("is a file"), "\(onFile.stderr)")
        // Through a link the file it names is written, the link stays; a device is written to, not replaced.
        let named = out + "-named.md"
        let link = out + "-link.md"
        defer { for path in [named, link] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(FileManager.default.createFile(atPath: named, contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: named)
        #expect(try CLIRunner.run(["report", "retro", "--format", "markdown", "--out", link, "--db", db]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == named)
        #expect(try String(contentsOfFile: named, encoding: .utf8).contains("# "))
        #if os(Linux)
        if getuid() == 0 {
            // A null device of its own (major 1, minor 3), so that a failure replaces only this one.
            let device = out + "-null"
            defer { try? FileManager.default.removeItem(atPath: device) }
            #expect(mknod(device, S_IFCHR | 0o666, 0x103) == 0)
            #expect(try CLIRunner.run(["report", "retro", "--out", device, "--db", db]).status == 0)
            #expect(FileKind(path: device) == .other)
        }
        #endif
        let weekly = try CLIRunner.run(["report", "weekly", "--week", "2026-W11", "--format", "json", "--db", db])
        #expect(weekly.status == 0)
        #expect(weekly.stdout.contains("\"week\" : \"2026-W11\""))
        #expect(try CLIRunner.run(["report", "weekly", "--week", "2026-11", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["report", "monthly", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["report", "retro", "--format", "pdf", "--db", db]).status == 64)

        // plan: bad backlogs name the line; an empty category is classified from the title.
        let backlog = out + "-backlog.csv"
        defer { try? FileManager.default.removeItem(atPath: backlog) }
        let cases: [(String, String)] = [
            ("id,title,estimate_hours,ai\nA,x,3,yes\n", "missing column category"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,three,yes\n", "backlog.csv:2: estimate_hours must be a number"),
            ("id,title,category,estimate_hours,ai\nA,x,cruddy,3,yes\n", "unknown category 'cruddy'; valid: crud, data-transform"),
            ("id,title,category,estimate_hours,ai\n", "the backlog has a header but no tasks"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,3,maybe\n", "ai must be yes, no or auto"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,1e308,yes\n", "backlog.csv:2: estimate_hours must be a number of hours above 0 and at most 100000, not '1e308'"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,100000.5,yes\n", "at most 100000"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,3\n", "backlog.csv:2: expected 5 fields like the header (id,title,category,estimate_hours,ai), found 4"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,3,yes\nB,y,crud,3,yes,extra\n", "backlog.csv:3: expected 5 fields"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,3,yes\nB,y,crud,3,no\nA,z,crud,3,no\n", "backlog.csv:4: id 'A' is already on line 2"),
            ("id,title,category,estimate_hours,ai\nA-1,x,crud,3,yes\na-1,y,crud,3,no\n", "backlog.csv:3: id 'a-1' is already on line 2"),
            ("id,title,category,estimate_hours,ai\nA,x,crud,0x10,yes\n", "backlog.csv:2: estimate_hours must be a number of hours above 0 and at most 100000, not '0x10'"),
            ("id,title,category,estimate_hours,ai,id\nA,x,crud,3,yes,B\n", "backlog.csv:1: the column id is named twice"),
        ]
        // A byte that is not UTF-8 names its line.
        try Data("id,title,category,estimate_hours,ai\nA,x,crud,3,yes\nB,caf\u{E9},crud,3,no\n".utf8).write(to: URL(fileURLWithPath: backlog))
        var latin1 = Array("id,title,category,estimate_hours,ai\nA,x,crud,3,yes\nB,caf".utf8)
        latin1 += [0xE9] + Array(",crud,3,no\n".utf8)
        try Data(latin1).write(to: URL(fileURLWithPath: backlog))
        let notUTF8 = try CLIRunner.run(["plan", backlog, "--db", db, "--capacity", "40"])
        #expect(notUTF8.status == 65 && notUTF8.stderr.contains("backlog.csv:3: expected UTF-8 text"), "\(notUTF8.stderr)")
        for (text, message) in cases {
            try text.write(toFile: backlog, atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["plan", backlog, "--db", db, "--capacity", "40"])
            #expect(result.status == 65, "\(text)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
        try "id,title,category,estimate_hours,ai\nA,Add a regex parser for dates,,3,auto\n".write(toFile: backlog, atomically: true, encoding: .utf8)
        let planned = try CLIRunner.run(["plan", backlog, "--db", db, "--capacity", "40", "--runs", "500"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("A Add a regex parser for dates: parsing"))
        #expect(planned.stdout.contains("too little data"))
        // Too little history for a spread: the headline says its equal percentiles are no certainty.
        #expect(planned.stdout.contains("No range: the history gives no spread to draw from"), "\(planned.stdout)")
        #expect(try CLIRunner.run(["plan", backlog, "--db", db, "--runs", "0"]).status == 64)
        for capacity in ["1e308", "1e-8", "0", "nan", "inf", "100001"] {
            let refused = try CLIRunner.run(["plan", backlog, "--db", db, "--capacity", capacity])
            #expect(refused.status == 64, "\(capacity)")
            #expect(refused.stderr.contains("--capacity expects team hours per week from 0.001 to 100000, not '\(capacity)'"), "\(refused.stderr)")
        }

        // A backtest without time-log estimates says it cannot backtest, and why; never "0%".
        let backtest = try CLIRunner.run(["plan", "--backtest", "--db", db])
        #expect(backtest.status == 0, "\(backtest.stderr)")
        #expect(backtest.stdout.contains("Cannot backtest"), "\(backtest.stdout)")
        #expect(!backtest.stdout.contains("0%"))
        let backtestJSON = try CLIRunner.run(["plan", "--backtest", "--format", "json", "--db", db])
        let backtestObject = try #require(
            try JSONSerialization.jsonObject(with: Data(backtestJSON.stdout.utf8)) as? [String: Any])
        #expect(backtestObject["windows"] as? Int == 0)
        #expect(backtestObject["hitRates"] is NSNull)
        #expect((backtestObject["unavailable"] as? String)?.hasPrefix("Cannot backtest") == true)
    }
}
